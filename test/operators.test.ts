import { describe, expect, test } from 'vitest';
import { Decimal } from 'decimal.js';
import { getOperator, fn, derivedFn, defineOperator } from '../src/term/operator.js';
import * as O from '../src/term/operators.js';
import { exact, formatValue } from '../src/term/number.js';

describe('the operator registry', () => {
  test.each([
    ['+', 2, Infinity, true, true, 0, 1],
    ['*', 2, Infinity, true, true, 1, 3],
    ['/', 2, 2, false, false, undefined, 24],
    ['^', 2, 2, false, false, undefined, 100],
    ['exp', 1, 1, false, false, undefined, 18],
    ['sin', 1, 1, false, false, undefined, 134],
    ['cos', 1, 1, false, false, undefined, 134],
    ['tan', 1, 1, false, false, undefined, 156],
    ['abs', 1, 1, false, false, undefined, 2],
    ['log', 1, 2, false, false, undefined, 18],
    ['pi', 0, 0, false, false, undefined, 0],
    ['=', 2, 2, false, false, undefined, 1],
    ['Derivative', 3, 3, false, false, undefined, 1],
    ['Integral', 2, 4, false, false, undefined, 1],
  ])('%s: arity %i..%s, commutative %s, associative %s, identity %s, cost %i', (name, lo, hi, comm, assoc, identity, cost) => {
    const op = getOperator(name)!;
    expect(op).toBeDefined();
    expect([op.minArity, op.maxArity, op.commutative, op.associative, op.identity, op.cost]).toEqual([lo, hi, comm, assoc, identity, cost]);
  });

  test('every function and arithmetic operator evaluates in floats and decimals alike', () => {
    const D = Decimal.clone({ precision: 40 });
    const point = 0.3;
    for (const op of [O.SQRT, O.ABS, O.EXP, O.LOG, O.SIN, O.COS, O.TAN, O.SEC, O.CSC, O.COT, O.ASIN, O.ACOS, O.ATAN, O.SINH, O.COSH, O.TANH, O.NEG]) {
      const f = op.float!(point);
      const d = op.decimal!(D, [new D(point)]).toNumber();
      expect(Math.abs(f - d)).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(d)));
    }
    for (const op of [O.ADD, O.MUL, O.SUB, O.DIV, O.POW]) {
      expect(op.float!(0.3, 1.7)).toBeCloseTo(op.decimal!(D, [new D(0.3), new D(1.7)]).toNumber(), 14);
    }
    expect(O.LOG.float!(2, 8)).toBeCloseTo(3, 14);
    expect(O.PI.decimal!(D, []).toString()).toBe('3.141592653589793238462643383279502884197');
  });

  test('exact evaluation is defined only where the result is rational', () => {
    expect(formatValue(O.SQRT.exact!([exact(9, 4)])!)).toBe('3/2');
    expect(O.SQRT.exact!([exact(2)])).toBeUndefined();
    expect(formatValue(O.LOG.exact!([exact(1)])!)).toBe('0');
    expect(O.LOG.exact!([exact(2)])).toBeUndefined();
    expect(formatValue(O.ACOS.exact!([exact(1)])!)).toBe('0');
  });

  test('undefined functions are made once per name, any name', () => {
    expect(fn('f')).toBe(fn('f'));
    expect(fn('__proto__').name).toBe('__proto__');
    expect(fn('__proto__')).toBe(fn('__proto__'));
    expect(fn('g').kind).toBe('undefined');
    expect(() => fn('sin')).toThrow(/built-in/);
  });

  test('derived functions are made once per function and indices', () => {
    const f = fn('f');
    expect(derivedFn(f, [2, 1])).toBe(derivedFn(f, [1, 2]));
    expect(derivedFn(f, [1]).name).toBe('D[1](f)');
    expect(derivedFn(f, [1]).base).toBe(f);
  });

  test('names are unique', () => {
    expect(() => defineOperator({ name: 'sin', kind: 'function', arity: 1, precedence: 100, cost: 1 })).toThrow(/already defined/);
  });
});
