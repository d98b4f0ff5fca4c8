import { describe, expect, test } from 'vitest';
import { nestedOps, s as n, q as nq, c as nc } from './support/nested.js';
import fc from 'fast-check';
import { sym, int, num, call, type Term } from '../src/term/term.js';
import { exact, type Value } from '../src/term/number.js';
import { fn, derivedFn, type Operator } from '../src/term/operator.js';
import * as O from '../src/term/operators.js';
import { add, mul, pow, neg, div, sub, canonicalize } from '../src/term/canonical.js';
import { parseSexpr, toSexpr, sexprWith } from '../src/term/sexpr.js';
import { ParseError, LimitError } from '../src/term/errors.js';
import { writtenOps, type TermOps } from '../src/term/interface.js';
import { expectParseError } from './support/errors.js';
import { callTreeArb } from './support/arbitrary.js';

const x = sym('x'), y = sym('y'), a = sym('a'), b = sym('b');
const q = (n: number, d: number) => num(exact(n, d));
const f = fn('f'), g = fn('g');
const pi = call(O.PI, []), e = call(O.E, []);

describe('reading S-expressions (canonical mode)', () => {
  test.each<[string, Term]>([
    ['x', x],
    ['?x', sym('?x')],
    ['3', int(3)],
    ['-3', int(-3)],
    ['1/3', q(1, 3)],
    ['-2/4', q(-1, 2)],
    ['0.5', num(0.5)],
    ['-1.5e-7', num(-1.5e-7)],
    ['2.0', num(2)],
    ['pi', pi],
    ['(pi)', pi],
    ['e', e],
    ['(e)', e],
    ['(+ x (* 2 y))', add([x, mul([int(2), y])])],
    ['(+ x x)', mul([int(2), x])],
    ['(* x y x)', mul([pow(x, int(2)), y])],
    ['(- a b)', sub(a, b)],
    ['(- a)', neg(a)],
    ['(neg a)', neg(a)],
    ['(/ a b)', div(a, b)],
    ['(pow a b)', pow(a, b)],
    ['(^ a 2)', pow(a, int(2))],
    ['(sqrt x)', pow(x, q(1, 2))],
    ['(sin x)', call(O.SIN, [x])],
    ['(ln x)', call(O.LOG, [x])],
    ['(log 2 x)', call(O.LOG, [int(2), x])],
    ['(exp 0)', int(1)],
    ['(abs x)', call(O.ABS, [x])],
    ['(factorial 5)', int(120)],
    ['(f x y)', call(f, [x, y])],
    ['(f)', call(f, [])],
    ['(g (f x))', call(g, [call(f, [x])])],
    ['(|D[1](f)| x)', call(derivedFn(f, [1]), [x])],
    ['(|D[1,2](g)| x y)', call(derivedFn(g, [1, 2]), [x, y])],
    ['(= (+ x 1) y)', call(O.EQ, [add([int(1), x]), y])],
    ['(<= x y)', call(O.LE, [x, y])],
    ['(!= x y)', call(O.NE, [x, y])],
    ['(Derivative (f x) x 1)', call(O.DERIVATIVE, [call(f, [x]), x, int(1)])],
    ['(Integral (* x x) x 0 1)', call(O.INTEGRAL, [pow(x, int(2)), x, int(0), int(1)])],
    ['(+ ?a ?b)', add([sym('?a'), sym('?b')])],
    ['|my var|', sym('my var')],
    ['||', sym('')],
    ['|a\\|b\\\\c|', sym('a|b\\c')],
    ['|pi|', sym('pi')],
    ['|3|', sym('3')],
    ['(|pow| x)', call(fn('pow'), [x])],
    ['(+ sin x)', add([sym('sin'), x])],
    ['  ( +\n x\t1 )  ', add([int(1), x])],
    ['(*(+ x 1)(+ y 1))', mul([add([int(1), x]), add([int(1), y])])],
    ['(sin(cos x))', call(O.SIN, [call(O.COS, [x])])],
    ['α', sym('α')],
  ])('%s', (src, want) => {
    expect(parseSexpr(src)).toBe(want);
  });

  test('constants: false reads pi and e as symbols', () => {
    expect(parseSexpr('(+ pi e)', { constants: false })).toBe(add([sym('pi'), sym('e')]));
  });

  test('exactDecimals reads 0.1 as 1/10', () => {
    expect(parseSexpr('(+ 0.1 x)', { exactDecimals: true })).toBe(add([q(1, 10), x]));
    expect(parseSexpr('-0.25', { exactDecimals: true })).toBe(q(-1, 4));
  });

  test('huge exact integers stay exact', () => {
    expect(parseSexpr('123456789012345678901234567890').value).toEqual(exact(123456789012345678901234567890n));
  });
});

describe('reading S-expressions (written mode)', () => {
  const w = (src: string) => parseSexpr(src, { mode: 'written' });
  test.each<[string, Term]>([
    ['(+ x x)', call(O.ADD, [x, x])],
    ['(* 2 3)', call(O.MUL, [int(2), int(3)])],
    ['(- a b)', call(O.SUB, [a, b])],
    ['(- a)', call(O.NEG, [a])],
    ['(/ a b)', call(O.DIV, [a, b])],
    ['(pow a b)', call(O.POW, [a, b])],
    ['(sqrt x)', call(O.SQRT, [x])],
    ['(ln x)', call(O.LOG, [x])],
    ['(exp 0)', call(O.EXP, [int(0)])],
    ['(+ x 1 2)', call(O.ADD, [x, int(1), int(2)])],
  ])('%s', (src, want) => {
    expect(w(src)).toBe(want);
  });
});

describe('S-expression errors', () => {
  test.each<[string, string, number]>([
    ['', 'empty input', 1],
    ['   ', 'empty input', 1],
    ['(+ x 1', "unbalanced parentheses: missing ')'", 1],
    ['(+ x (sin y)', "unbalanced parentheses: missing ')'", 1],
    ['(+ x (sin y', "unbalanced parentheses: missing ')'", 6],
    ['(+ x 1))', "unbalanced parentheses: unexpected ')'", 8],
    [')', "unbalanced parentheses: unexpected ')'", 1],
    ['()', 'empty list ()', 1],
    ['(+ x ( ))', 'empty list ()', 6],
    ['(+ x "y")', 'unknown character "\\""', 6],
    ['(+ x y;)', 'unknown character ";"', 7],
    ['(sin x y)', 'sin takes 1 argument, got 2', 1],
    ['(+ (sin) y)', 'sin takes 1 argument, got 0', 4],
    ['(+ x)', '+ takes at least 2 arguments, got 1', 1],
    ['(log 1 2 3)', 'log takes 1 to 2 arguments, got 3', 1],
    ['(pi x)', 'pi takes 0 arguments, got 1', 1],
    ['(- a b c)', '- takes 1 or 2 arguments, got 3', 1],
    ['(Derivative x x)', 'Derivative takes 3 arguments, got 2', 1],
    ['((f x) y)', "expected an operator name, got '('", 2],
    ['(3 x)', 'expected an operator name, got the number 3', 2],
    ['x y', "unexpected 'y' after the expression", 3],
    ['(f x) (g y)', "unexpected '(' after the expression", 7],
    ['|abc', "unterminated quoted name: missing '|'", 1],
    ['1/0', 'zero denominator in 1/0', 1],
    ['1e999', 'number out of range: 1e999', 1],
    ['(|D[1](sin)| x)', 'sin is a built-in operator, not an undefined function', 2],
  ])('%j: %s at column %i', (src, what, column) => {
    const pe = expectParseError(() => parseSexpr(src), what, column);
    expect(pe.excerpt.split('\n')[1]).toBe(' '.repeat(column - 1) + '^');
  });

  test('100,000 nested lists give a clean depth error, never a stack overflow', () => {
    const deep = '(sin '.repeat(100_000) + 'x' + ')'.repeat(100_000);
    for (const mode of ['canonical', 'written'] as const) {
      expect(() => parseSexpr(deep, { mode })).toThrow(LimitError);
    }
    const open = '('.repeat(100_000);
    expect(() => parseSexpr(open)).toThrow(ParseError);
    const sums = '(+ x '.repeat(100_000) + 'x' + ')'.repeat(100_000);
    expect(() => parseSexpr(sums)).toThrow(LimitError);
  });

  test('nesting within the depth limit reads', () => {
    const t = parseSexpr('(sin '.repeat(5_000) + 'x' + ')'.repeat(5_000), { mode: 'written' });
    expect(t.depth).toBe(5_001);
    expect(parseSexpr(toSexpr(t), { mode: 'written' })).toBe(t);
  });
});

describe('printing S-expressions', () => {
  test.each<[string, Term]>([
    ['(+ x (* 2 y))', add([x, mul([int(2), y])])],
    ['(* 2 x)', mul([int(2), x])],
    ['(+ 1 x)', add([int(1), x])],
    ['(- a b)', call(O.SUB, [a, b])],
    ['(neg a)', call(O.NEG, [a])],
    ['(sqrt a)', call(O.SQRT, [a])],
    ['(^ x 1/2)', pow(x, q(1, 2))],
    ['(+ -1/3 x)', add([q(-1, 3), x])],
    ['(+ 1/3 (^ (sin x) 2))', add([pow(call(O.SIN, [x]), int(2)), q(1, 3)])],
    ['-3', int(-3)],
    ['2.0', num(2)],
    ['-1.5e-7', num(-1.5e-7)],
    ['1e+21', num(1e21)],
    ['pi', pi],
    ['(exp e)', call(O.EXP, [e])],
    ['|pi|', sym('pi')],
    ['|e|', sym('e')],
    ['|my var|', sym('my var')],
    ['||', sym('')],
    ['|a\\|b\\\\c|', sym('a|b\\c')],
    ['|f(x)|', sym('f(x)')],
    ['|"q"|', sym('"q"')],
    ['|3|', sym('3')],
    ['|-1/2|', sym('-1/2')],
    ['?x', sym('?x')],
    ['\\eta', sym('\\eta')],
    ['(f x y)', call(f, [x, y])],
    ['(f)', call(f, [])],
    ['(|pow| x)', call(fn('pow'), [x])],
    ['(|my f| x)', call(fn('my f'), [x])],
    ['(|3| x)', call(fn('3'), [x])],
    ['(|D[1](f)| x)', call(derivedFn(f, [1]), [x])],
    ['(<= x y)', call(O.LE, [x, y])],
    ['(Derivative (f x) x 2)', call(O.DERIVATIVE, [call(f, [x]), x, int(2)])],
  ])('%s', (want, t) => {
    expect(toSexpr(t)).toBe(want);
    expect(parseSexpr(want, { mode: 'written' })).toBe(t);
  });

  test('printing 10,000 levels deep does not overflow', () => {
    let t: Term = x;
    for (let i = 0; i < 9_999; i++) t = call(O.SIN, [t]);
    const s = toSexpr(t);
    expect(s.length).toBe(9_999 * 6 + 1);
    expect(parseSexpr(s)).toBe(t);
  });

  test('sexprWith works on another term representation (nested data)', () => {
    expect(sexprWith(nestedOps, nc('+', n('x'), nc('*', nq(2), n('y')), nc('pi')))).toBe('(+ x (* 2 y) pi)');
  });
});

// ---------------------------------------------------------------------------------------
// Round trip

const names = ['x', 'y', 'z', '?a', 'alpha', 'x_1', 'my var', '', 'pi', 'e', '3', '-2', '1/2', 'a|b', 'c\\d', 'sin', 'pow', '(', 'α', '"', 'D[1](f)'];
const values: fc.Arbitrary<Value> = fc.oneof(
  fc.integer({ min: -20, max: 20 }).map((n) => exact(n)),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map((n) => exact(n)),
  fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 50 })).map(([n, d]) => exact(n, d)),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const leaf: fc.Arbitrary<Term> = fc.oneof(
  { arbitrary: fc.constantFrom(...names).map((n) => sym(n)), weight: 3 },
  { arbitrary: values.map((v) => num(v)), weight: 2 },
  { arbitrary: fc.constantFrom(pi, e), weight: 1 },
);
const fixed: Operator[] = [O.SUB, O.NEG, O.DIV, O.POW, O.SQRT, O.ABS, O.EXP, O.SIN, O.COS, O.TAN, O.ATAN, O.FACTORIAL, O.EQ, O.NE, O.LT, O.LE];
const undef = [fn('f'), fn('g'), fn('my f'), fn('pow'), derivedFn(fn('f'), [1]), derivedFn(fn('g'), [1, 2])];

const written = callTreeArb({ leaf, fixed, functions: undef, functionArgs: { maxLength: 3 } });

describe('round trip: parseSexpr(toSexpr(t), { mode }) is t', () => {
  test('written terms', () => {
    fc.assert(fc.property(written, (t) => parseSexpr(toSexpr(t), { mode: 'written' }) === t), { numRuns: 2_000 });
  });

  test('canonical terms', () => {
    fc.assert(fc.property(written, (w) => {
      const t = canonicalize(w);
      return parseSexpr(toSexpr(t)) === t;
    }), { numRuns: 2_000 });
  });

  test('printing through writtenOps is the same text', () => {
    fc.assert(fc.property(written, (t) => sexprWith(writtenOps, t) === toSexpr(t)), { numRuns: 200 });
  });
});
