import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { sym, int, num, call, type Term } from '../src/term/term.js';
import { exact } from '../src/term/number.js';
import { add, mul, pow, neg, sub, div, apply, canonicalize, recordCancellations } from '../src/term/canonical.js';
import { ADD, MUL, POW, SIN, COS, EXP, LOG, SQRT, ABS, E, PI, NEG, SUB, DIV, FACTORIAL } from '../src/term/operators.js';

const x = sym('x'), y = sym('y'), z = sym('z'), a = sym('a'), b = sym('b');
const q = (n: number, d: number) => num(exact(n, d));

describe('canonical sums and products', () => {
  test.each<[string, Term, Term]>([
    ['x + x is 2 x', add([x, x]), call(MUL, [int(2), x])],
    ['x * x is x^2', mul([x, x]), call(POW, [x, int(2)])],
    ['a - b is a + (-1) b', sub(a, b), call(ADD, [a, call(MUL, [int(-1), b])])],
    ['a / b is a b^-1', div(a, b), call(MUL, [a, call(POW, [b, int(-1)])])],
    ['1 + 2 folds to 3', add([int(1), int(2)]), int(3)],
    ['1/3 + 1/6 folds to 1/2 exactly', add([q(1, 3), q(1, 6)]), q(1, 2)],
    ['0.5 + 1/2 is the float 1.0', add([num(0.5), q(1, 2)]), num(1.0)],
    ['x + 0 is x', add([x, int(0)]), x],
    ['x * 1 is x', mul([x, int(1)]), x],
    ['0 * x is 0', mul([int(0), x]), int(0)],
    ['x - x is 0', sub(x, x), int(0)],
    ['2x + 3x is 5x', add([mul([int(2), x]), mul([int(3), x])]), call(MUL, [int(5), x])],
    ['a x^y b x^d is a b x^(d + y)', mul([a, pow(x, y), b, pow(x, sym('d'))]), call(MUL, [a, b, call(POW, [x, call(ADD, [sym('d'), y])])])],
    ['x + y is y + x', add([x, y]), add([y, x])],
    ['x y is y x', mul([x, y]), mul([y, x])],
    ['nested sums flatten', add([x, add([y, add([z, int(1)])])]), call(ADD, [int(1), x, y, z])],
    ['nested products flatten', mul([x, mul([y, mul([z, int(2)])])]), call(MUL, [int(2), x, y, z])],
    ['2 (x + y) distributes', mul([int(2), add([x, y])]), call(ADD, [call(MUL, [int(2), x]), call(MUL, [int(2), y])])],
    ['-(a - b) is b - a', neg(sub(a, b)), add([b, neg(a)])],
    ['x (x + y) stays a product', mul([x, add([x, y])]), call(MUL, [x, call(ADD, [x, y])])],
    ['constant comes first', add([x, int(3)]), call(ADD, [int(3), x])],
    ['like terms sort by base then exponent', add([pow(x, int(2)), x, int(1)]), call(ADD, [int(1), x, call(POW, [x, int(2)])])],
  ])('%s', (_name, got, want) => {
    expect(got).toBe(want);
  });
});

describe('canonical powers', () => {
  test.each<[string, Term, Term]>([
    ['x^0 is 1', pow(x, int(0)), int(1)],
    ['x^1 is x', pow(x, int(1)), x],
    ['1^x is 1', pow(int(1), x), int(1)],
    ['2^10 is 1024', pow(int(2), int(10)), int(1024)],
    ['(2/3)^-2 is 9/4', pow(q(2, 3), int(-2)), q(9, 4)],
    ['8^(2/3) is 4', pow(int(8), q(2, 3)), int(4)],
    ['2^(1/2) stays', pow(int(2), q(1, 2)), call(POW, [int(2), q(1, 2)])],
    ['2^(3/2) is 2 * 2^(1/2)', pow(int(2), q(3, 2)), call(MUL, [int(2), call(POW, [int(2), q(1, 2)])])],
    ['sqrt(2) sqrt(2) is 2', mul([pow(int(2), q(1, 2)), pow(int(2), q(1, 2))]), int(2)],
    ['sqrt(8) is 2 sqrt(2)', pow(int(8), q(1, 2)), call(MUL, [int(2), call(POW, [int(2), q(1, 2)])])],
    ['sqrt(2) sqrt(8) is 4', mul([pow(int(2), q(1, 2)), pow(int(8), q(1, 2))]), int(4)],
    ['(9/8)^(1/2) is (3/2) (1/2)^(1/2)', pow(q(9, 8), q(1, 2)), call(MUL, [q(3, 2), call(POW, [q(1, 2), q(1, 2)])])],
    ['8^(-1/2) is (1/2) 2^(-1/2)', pow(int(8), q(-1, 2)), call(MUL, [q(1, 2), call(POW, [int(2), q(-1, 2)])])],
    ['54^(1/3) is 3 * 2^(1/3)', pow(int(54), q(1, 3)), call(MUL, [int(3), call(POW, [int(2), q(1, 3)])])],
    ['(x^2)^3 is x^6', pow(pow(x, int(2)), int(3)), call(POW, [x, int(6)])],
    ['(x^(1/2))^2 is x', pow(pow(x, q(1, 2)), int(2)), x],
    ['(x^2)^(1/2) stays (it is |x|)', pow(pow(x, int(2)), q(1, 2)), call(POW, [call(POW, [x, int(2)]), q(1, 2)])],
    ['(x^a)^b stays', pow(pow(x, a), b), call(POW, [call(POW, [x, a]), b])],
    ['(2 x)^2 is 4 x^2', pow(mul([int(2), x]), int(2)), call(MUL, [int(4), call(POW, [x, int(2)])])],
    ['(x y)^(1/2) stays', pow(mul([x, y]), q(1, 2)), call(POW, [call(MUL, [x, y]), q(1, 2)])],
    ['(x y)^(1/2) (x y)^(1/2) is x y', mul([pow(mul([x, y]), q(1, 2)), pow(mul([x, y]), q(1, 2))]), call(MUL, [x, y])],
    ['e^x is exp(x)', pow(call(E, []), x), call(EXP, [x])],
    ['0^-1 stays symbolic', pow(int(0), int(-1)), call(POW, [int(0), int(-1)])],
    ['2^(10^9) stays symbolic', pow(int(2), int(10 ** 9)), call(POW, [int(2), int(10 ** 9)])],
    ['(-8)^(1/3) stays symbolic', pow(int(-8), q(1, 3)), call(POW, [int(-8), q(1, 3)])],
  ])('%s', (_name, got, want) => {
    expect(got).toBe(want);
  });
});

describe('apply: functions fold only when exact', () => {
  test.each<[string, Term, Term]>([
    ['sin(0) is 0', apply(SIN, [int(0)]), int(0)],
    ['cos(0) is 1', apply(COS, [int(0)]), int(1)],
    ['exp(0) is 1', apply(EXP, [int(0)]), int(1)],
    ['log(1) is 0', apply(LOG, [int(1)]), int(0)],
    ['sqrt(4) is 2', apply(SQRT, [int(4)]), int(2)],
    ['sqrt(x) is x^(1/2)', apply(SQRT, [x]), call(POW, [x, q(1, 2)])],
    ['abs(-3) is 3', apply(ABS, [int(-3)]), int(3)],
    ['5! is 120', apply(FACTORIAL, [int(5)]), int(120)],
    ['100000! stays symbolic', apply(FACTORIAL, [int(100000)]), call(FACTORIAL, [int(100000)])],
    ['sin(1) stays exact and symbolic', apply(SIN, [int(1)]), call(SIN, [int(1)])],
    ['sin(1.0) is a float', apply(SIN, [num(1.0)]), num(Math.sin(1))],
    ['log(-1.0) stays (NaN is not a term)', apply(LOG, [num(-1.0)]), call(LOG, [num(-1.0)])],
    ['neg, sub and div become canonical', apply(SUB, [x, apply(NEG, [apply(DIV, [y, x])])]), add([x, div(y, x)])],
    ['pi + pi is 2 pi', add([call(PI, []), call(PI, [])]), call(MUL, [int(2), call(PI, [])])],
  ])('%s', (_name, got, want) => {
    expect(got).toBe(want);
  });
});

describe('cancellations are reported', () => {
  test('x / x is 1, assuming x is nonzero', () => {
    const { result, nonzero } = recordCancellations(() => div(x, x));
    expect(result).toBe(int(1));
    expect(nonzero).toEqual([x]);
  });
  test('x^2 / x is x, assuming x is nonzero', () => {
    expect(recordCancellations(() => div(pow(x, int(2)), x)).nonzero).toEqual([x]);
  });
  test('x * x cancels nothing', () => {
    expect(recordCancellations(() => mul([x, x])).nonzero).toEqual([]);
  });
});

describe('canonicalize', () => {
  test('rebuilds a written tree in canonical form', () => {
    const written = call(ADD, [x, call(NEG, [call(MUL, [int(2), x])]), call(DIV, [call(MUL, [int(3), x]), int(1)])]);
    expect(canonicalize(written)).toBe(call(MUL, [int(2), x]));
  });

  // Law: canonical construction does not depend on the order or grouping of its arguments.
  const atom = fc.constantFrom(x, y, z, int(2), int(-1), q(1, 2), pow(x, int(2)), mul([int(3), y]), apply(SIN, [x]));
  test('sums and products are independent of argument order and grouping', () => {
    fc.assert(
      fc.property(fc.array(atom, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 7 }), (list, cut) => {
        const rev = [...list].reverse();
        const k = Math.min(cut, list.length);
        expect(add(rev)).toBe(add(list));
        expect(mul(rev)).toBe(mul(list));
        expect(add([add(list.slice(0, k)), add(list.slice(k))])).toBe(add(list));
        expect(mul([mul(list.slice(0, k)), mul(list.slice(k))])).toBe(mul(list));
      }),
      { numRuns: 2000, seed: 42 },
    );
  });
  test('large sums built incrementally equal the same sum built at once', () => {
    const xs = Array.from({ length: 40 }, (_, i) => sym(`v${i}`));
    const terms = Array.from({ length: 500 }, (_, i) => mul([int((i % 7) - 3), xs[i % 40]!, xs[(i * 3) % 40]!]));
    let s: Term = int(0);
    for (const t of terms) s = add([s, t]);
    expect(s).toBe(add(terms));
    let p: Term = int(1);
    const fs = Array.from({ length: 300 }, (_, i) => pow(xs[i % 40]!, int((i % 5) - 2)));
    for (const f of fs) p = mul([p, f]);
    expect(p).toBe(mul(fs));
  });
});

describe('deep terms', () => {
  test('ordering terms 9,000 levels deep does not recurse through them', () => {
    let a: Term = x, b: Term = y;
    for (let i = 0; i < 9000; i++) {
      a = call(SIN, [a]);
      b = call(SIN, [b]);
    }
    expect(mul([a, b])).toBe(mul([b, a]));
    expect(add([a, b, a]).args.length).toBe(2);
  });
  test('the derivative of sin nested 5,000 deep is a product of 5,000 factors', async () => {
    const { diff } = await import('../src/term/diff.js');
    let t: Term = x;
    for (let i = 0; i < 5000; i++) t = call(SIN, [t]);
    expect(diff(t, x).args.length).toBe(5000);
  });
});
