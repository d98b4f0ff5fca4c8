/**
 * `expand`: a table of expansions, what stays as it is, the bounds (sizes, the rewrite
 * budget's clock, deep terms), and as properties: the expansion has the input's value wherever
 * both are defined (exactly at rational points, to 30 digits with functions, and with floats),
 * no product of sums is left, and expanding twice changes nothing.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parse, print, sym, int, add, mul, pow, type Term } from '../src/index.js';
import { ADD, MUL, POW } from '../src/term/operators.js';
import { NUM } from '../src/term/term.js';
import * as N from '../src/term/number.js';
import { withBudget } from '../src/rewrite/budget.js';
import { expand } from '../src/rewrite/poly/index.js';
import { Decimal } from 'decimal.js';
import { exactValue, decimalValue, closeDecimals } from './support/values.js';
import { termArb, pointArb, exactPointArb } from './support/arbitrary.js';
import { expiredBudget } from './support/expired-budget.js';
import { deepTerms } from './support/deep-terms.js';

/** Fixed seeds and one random seed (fast-check prints it when a run fails). */
const SEEDS: Array<number | undefined> = [20241124, 271828, undefined];

const e = (s: string): string => print(expand(parse(s)));

describe('expand', () => {
  test.each([
    ['(x+1)^2*(y-1)', '-1 - 2*x + 2*x*y - x^2 + x^2*y + y'],
    ['(a+b)^3', '3*a*b^2 + 3*a^2*b + a^3 + b^3'],
    ['(x-y)*(x+y)', 'x^2 - y^2'],
    ['(x + 1)^2 / y', '2*x/y + x^2/y + 1/y'],
    ['(x+1)*(x-1)/(x^2+1)', 'x^2/(1 + x^2) - 1/(1 + x^2)'],
    ['(1/x + 1)^2', '1 + 1/x^2 + 2/x'],
    ['2*(x+1)^-1*(x+2)', '2*x/(1 + x) + 4/(1 + x)'],
    ['sin((x+1)^2)', 'sin(1 + 2*x + x^2)'],
    ['exp(x*(x+1))*(exp(x)+1)', 'exp(x)*exp(x + x^2) + exp(x + x^2)'],
    ['f((x+1)^2, y*(y+1))', 'f(1 + 2*x + x^2, y + y^2)'],
    ['x^(3/2)*(x^(1/2)+1)', 'x^(3/2) + x^2'],
    ['(sqrt(x)+1)^2', '1 + x + 2*sqrt(x)'],
    ['(x+1)^n*(x+1)', '(1 + x)^(1 + n)'],
    ['(x+1.5)^2', '2.25 + 3.0*x + x^2'],
    ['(x+y)^2 = z*(z+1)', '2*x*y + x^2 + y^2 = z + z^2'],
    ['(x + 1)^2 - x^2 - 2*x - 1', '0'],
    ['(x^2 + x*y)*(x - y)/x', 'x^2 - y^2'],
  ])('expand(%s) = %s', (src, want) => {
    expect(e(src)).toBe(want);
  });

  test.each([['x'], ['3'], ['sin(x)'], ['x + y'], ['1/(1 + x)'], ['sqrt(x^2 + 1)'], ['x^n']])('%s stays as it is', (src) => {
    const t = parse(src);
    expect(expand(t)).toBe(t);
  });
});

describe('bounds', () => {
  test('(x+y+z+1)^200 comes back unchanged, at once', () => {
    const t = parse('(x+y+z+1)^200');
    const start = performance.now();
    expect(expand(t)).toBe(t);
    expect(performance.now() - start).toBeLessThan(100);
  });

  test('a power too large to multiply out stays a factor; the rest expands', () => {
    expect(e('(x+1)^20000*(y+1)')).toBe('y*(1 + x)^20000 + (1 + x)^20000');
    const t = parse('(x + y + 1)^150 * (x - 1)');
    const start = performance.now();
    expect(expand(t)).toBe(t);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  test('an argument that fits expands inside a product that does not', () => {
    expect(e('sin((x+1)^2) * (x+y+z+1)^200')).toBe('sin(1 + 2*x + x^2)*(1 + x + y + z)^200');
  });

  test('a rewrite budget out of time: the input comes back', () => {
    const t = parse('(x+1)^5*(y+1)^5');
    expect(withBudget(expiredBudget(), () => expand(t))).toBe(t);
    expect(expand(t)).not.toBe(t);
  });

  test('deep terms: no stack overflow', () => {
    const x = sym('x');
    const { horner, chain, fraction } = deepTerms();
    expect(expand(horner).size).toBeGreaterThan(0);
    expect(expand(chain)).toBe(chain);
    expect(expand(fraction).size).toBeGreaterThan(0);
    let small = x;
    for (let i = 0; i < 200; i++) small = mul([x, add([int(1), small])]);
    expect(expand(small)).toBe(add(Array.from({ length: 201 }, (_, i) => pow(x, int(i + 1)))));
  });
});

/** True when no product has a sum factor and no sum is raised to a positive integer power. */
function multipliedOut(t: Term): boolean {
  const stack = [t];
  while (stack.length > 0) {
    const u = stack.pop()!;
    if (u.op === POW && u.args[0]!.op === ADD && u.args[1]!.kind === NUM && N.sign(u.args[1]!.value!) > 0 && N.isInteger(u.args[1]!.value!)) return false;
    if (u.op === MUL && u.args.some((f) => f.op === ADD)) return false;
    stack.push(...u.args);
  }
  return true;
}

describe.each(SEEDS)('laws (seed %s)', (seed) => {
  const vars = ['x', 'y'];
  const opts = { seed, numRuns: 150 };

  test('rational terms: the same value at rational points (exactly), nothing left to multiply out, expanding twice changes nothing', () => {
    let checked = 0;
    fc.assert(
      fc.property(termArb({ vars, functions: [] }), exactPointArb(vars), (t, env) => {
        const r = expand(t);
        expect(multipliedOut(r)).toBe(true);
        expect(expand(r)).toBe(r);
        const a = exactValue(t, env), b = exactValue(r, env);
        if (a === undefined || b === undefined) return;
        expect(N.formatValue(b)).toBe(N.formatValue(a));
        checked++;
      }),
      opts,
    );
    expect(checked).toBeGreaterThan(opts.numRuns / 2);
  });

  test('with functions: the same value to 30 digits', () => {
    let checked = 0;
    fc.assert(
      fc.property(termArb({ vars }), pointArb(vars, -2, 2), (t, env) => {
        const r = expand(t);
        expect(multipliedOut(r)).toBe(true);
        const a = decimalValue(t, env), b = decimalValue(r, env);
        if (a === undefined || b === undefined) return;
        expect(closeDecimals(a, b)).toBe(true);
        checked++;
      }),
      opts,
    );
    expect(checked).toBeGreaterThan(opts.numRuns / 3);
  });

  test('with floats: the same value to float accuracy', () => {
    fc.assert(
      fc.property(termArb({ vars, functions: [], floats: true, depth: 2 }), pointArb(vars, -2, 2), (t, env) => {
        const r = expand(t);
        const a = decimalValue(t, env), b = decimalValue(r, env);
        if (a !== undefined && b !== undefined) expect(closeDecimals(a, b, 1e-9)).toBe(true);
      }),
      opts,
    );
  });
});

describe('doc examples', () => {
  test('expand.ts', () => {
    expect(print(expand(parse('(x + 1)^2 * (y - 1)')))).toBe('-1 - 2*x + 2*x*y - x^2 + x^2*y + y');
    expect(expand(parse('(x - 1)*(x + 1)'))).toBe(parse('-1 + x^2'));
  });
});
