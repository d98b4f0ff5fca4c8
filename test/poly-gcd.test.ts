/**
 * Polynomials (`Poly`) and their gcds: arithmetic tables, multivariate gcd tables (read from
 * terms), the laws of the ring and of the gcd as properties, the bounds, and the doc examples.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parse, print, sym, Fraction, LimitError } from '../src/index.js';
import {
  Poly, polyGcd, polyLcm, prem, contentIn, subresultantGcd, heuristicGcd, evaluateAt, polysFromTerms, polyToTerm, Factored, cancelFactored, polyLimits,
} from '../src/rewrite/poly/index.js';
import { igcd } from '../src/rewrite/poly/integer.js';

/** Fixed seeds and one random seed (fast-check prints it when a run fails). */
const SEEDS: Array<number | undefined> = [20241124, 314159, undefined];

function polys(...src: string[]): { ps: Poly[]; text: (p: Poly) => string } {
  const { polys: ps, atoms } = polysFromTerms(src.map((s) => parse(s)));
  return { ps, text: (p) => print(polyToTerm(p, atoms)) };
}

describe('arithmetic', () => {
  const x = Poly.variable(2, 0), y = Poly.variable(2, 1), one = Poly.one(2);
  const N = ['x', 'y'];
  test.each([
    ['(x + y)^2', x.add(y).pow(2), 'x^2 + 2*x*y + y^2'],
    ['(x - y)(x + y)', x.sub(y).mul(x.add(y)), 'x^2 - y^2'],
    ['x/2 + y/3', x.scale(new Fraction(1, 2)).add(y.scale(new Fraction(1, 3))), '1/2*x + 1/3*y'],
    ['(x/2 + 1/2) * 2', x.add(one).scale(new Fraction(1, 2)).scale(2), 'x + 1'],
    ['x - x', x.sub(x), '0'],
    ['(x + 1)^0', x.add(one).pow(0), '1'],
    ['(2x)^3', x.scale(2).pow(3), '8*x^3'],
    ['(x + y + 1)^3 term count', Poly.constant(2, x.add(y).add(one).pow(3).length), '10'],
  ])('%s', (_name, p, want) => {
    expect(p.toString(N)).toBe(want);
  });

  test('exact division: quotient when it divides, undefined when not', () => {
    const { ps, text } = polys('x^3 - y^3', 'x - y', 'x + y', 'x^2/2 - 1/2', 'x/3 + 1/3');
    expect(text(ps[0]!.divExact(ps[1]!)!)).toBe('x*y + x^2 + y^2');
    expect(ps[0]!.divExact(ps[2]!)).toBeUndefined();
    expect(text(ps[3]!.divExact(ps[4]!)!)).toBe('-3/2 + 3*x/2');
    expect(() => ps[0]!.divExact(Poly.zero(ps[0]!.nvars))).toThrow();
  });

  test('structure: degrees, coefficients in a variable, content, primitive part', () => {
    const { ps } = polys('6*x^2*y + 4*x*y^2 - 2*y');
    const p = ps[0]!;
    expect([p.degree(0), p.degree(1), p.totalDegree()]).toEqual([2, 2, 3]);
    expect(Array.from(p.minDegrees())).toEqual([0, 1]);
    expect(p.coefficientsIn(0).map(([d, c]) => `${d}:${c.toString(['x', 'y'])}`)).toEqual(['2:6*y', '1:4*y^2', '0:-2*y']);
    expect(p.content()).toBe(2n);
    expect(p.primitive().poly.toString(['x', 'y'])).toBe('3*x^2*y + 2*x*y^2 - y');
    expect(contentIn(p, 0).toString(['x', 'y'])).toBe('2*y');
  });

  test('pseudo-remainder: lc(b)^(da - db + 1) a - prem(a, b) is a multiple of b', () => {
    const { ps, text } = polys('x^3*y + x + y', 'y*x^2 - 1');
    const r = prem(ps[0]!, ps[1]!, 0);
    expect(text(r)).toBe('2*x*y^2 + y^3');
    const lc = ps[1]!.coeffIn(0, 2);
    expect(lc.pow(2).mul(ps[0]!).sub(r).divExact(ps[1]!)).toBeDefined();
  });
});

describe('gcd', () => {
  test.each([
    ['x^2*y - y', 'x*y - y', 'x*y - y'],
    ['x^3 - y^3', 'x^2 - y^2', 'x - y'],
    ['x^3 - y^3', 'x - y', 'x - y'],
    ['x^2 + 2*x + 1', 'x + 1', '1 + x'],
    ['6*x^2 + 12*x + 6', '4*x + 4', '2 + 2*x'],
    ['(x+y+z)^3*(x-z)', '(x+y+z)^2*(x+z)', '2*x*y + 2*x*z + x^2 + 2*y*z + y^2 + z^2'],
    ['x^4*y^2', 'x^2*y^5', 'x^2*y^2'],
    ['x^2 + 1', 'x + 1', '1'],
    ['0', 'x - 1', '-1 + x'],
    ['0', '0', '0'],
    ['(a*x + b)*(c*x + d)', '(a*x + b)*(c*x - d)', 'a*x + b'],
    ['x^2/2 - 1/2', 'x/3 - 1/3', '-1 + x'],
    ['(x^2 + y^2 + 1)*(x*y + z)^2', '(x^2+y^2+1)^2*(x*y - z)', '1 + x^2 + y^2'],
    ['(1-x)*(y+2)', '(x-1)*(y+3)', '-1 + x'],
    ['x^100 - 1', 'x^60 - 1', '-1 + x^20'],
    ['(sin(t)+1)*(sin(t)-1)', 'sin(t)^2 - 1 + (sin(t)-1)*cos(t)', '-1 + sin(t)'],
    ['12', '18', '6'],
    ['(2*x+2)*(x-y)', '(6*x+6)*(y-x)^2', '2*x - 2*x*y + 2*x^2 - 2*y'],
    ['x*y*z + x*y', 'y*z + y', 'y + y*z'],
    ['(y^3 - z^2 + 1)*(-x^3*z - x*y^2*z - z + 1)', '(-x^2 - y*z + z^3)*(-x^3*z - x*y^2*z - z + 1)', '-1 + x*y^2*z + x^3*z + z'],
  ])('gcd(%s, %s) = %s', (a, b, want) => {
    const { ps, text } = polys(a, b);
    expect(text(polyGcd(ps[0]!, ps[1]!))).toBe(want);
    expect(text(polyGcd(ps[1]!, ps[0]!))).toBe(want);
  });

  test('the same gcd from the subresultant PRS alone, in each variable', () => {
    const { ps, text } = polys('(y^3 - z^2 + 1)*(-x^3*z - x*y^2*z - z + 1)', '(-x^2 - y*z + z^3)*(-x^3*z - x*y^2*z - z + 1)');
    for (const v of [0, 1, 2]) expect(text(subresultantGcd(ps[0]!, ps[1]!, v))).toBe('-1 + x*y^2*z + x^3*z + z');
  });

  test('evaluation at an integer', () => {
    const { ps, text } = polys('x^2*y + 3*x*y^2 - 1');
    expect(text(evaluateAt(ps[0]!, 0, 2n))).toBe('-1 + 4*y + 6*y^2');
  });

  test('lcm', () => {
    const { ps, text } = polys('x^2 - 1', 'x^2 + 2*x + 1');
    expect(text(polyLcm(ps[0]!, ps[1]!))).toBe('-1 - x + x^2 + x^3');
  });

  test('a gcd of large multivariate polynomials is found quickly', () => {
    const { ps } = polys('(x + 2*y - z + 3)^4*(x*y - z^2 + 1)^2*(x - y)', '(x + 2*y - z + 3)^3*(x*y - z^2 + 1)*(x + y + z)^2', '(x + 2*y - z + 3)^3*(x*y - z^2 + 1)');
    const start = performance.now();
    expect(polyGcd(ps[0]!, ps[1]!).equals(ps[2]!)).toBe(true);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  test('past the bounds, polyGcd throws a LimitError (and pow gives up at once)', () => {
    const x = Poly.variable(3, 0), y = Poly.variable(3, 1), z = Poly.variable(3, 2), one = Poly.one(3);
    const start = performance.now();
    expect(() => polyLcm(x.add(y).add(z).add(one), x.sub(y).add(z))).not.toThrow();
    const saved = polyLimits.maxWork;
    polyLimits.maxWork = 10;
    try {
      expect(() => polyGcd(x.add(y).pow(3), x.sub(y).pow(3))).toThrow(LimitError);
    } finally {
      polyLimits.maxWork = saved;
    }
    expect(() => x.add(y).add(z).add(one).pow(200)).toThrow();
    expect(performance.now() - start).toBeLessThan(200);
  });
});

/** Random integer polynomials in 3 variables: up to 5 terms, exponents up to 3, coefficients up to 6. */
const polyArb = fc
  .array(fc.tuple(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }), fc.integer({ min: -6, max: 6 })), { maxLength: 5 })
  .map((ts) => Poly.fromTerms(3, ts));
const ratPolyArb = fc.tuple(polyArb, fc.integer({ min: 1, max: 5 })).map(([p, d]) => p.scale(new Fraction(1, d)));

describe.each(SEEDS)('laws (seed %s)', (seed) => {
  const opts = { seed, numRuns: 200 };
  test('ring laws: distributivity, associativity, subtraction, powers', () => {
    fc.assert(
      fc.property(ratPolyArb, ratPolyArb, ratPolyArb, (a, b, c) => {
        expect(a.add(b).mul(c).equals(a.mul(c).add(b.mul(c)))).toBe(true);
        expect(a.mul(b).mul(c).equals(a.mul(b.mul(c)))).toBe(true);
        expect(a.add(b).sub(b).equals(a)).toBe(true);
        expect(a.pow(3).equals(a.mul(a).mul(a))).toBe(true);
      }),
      opts,
    );
  });

  test('exact division undoes multiplication', () => {
    fc.assert(
      fc.property(ratPolyArb, ratPolyArb, (a, b) => {
        fc.pre(!b.isZero());
        expect(a.mul(b).divExact(b)?.equals(a)).toBe(true);
      }),
      opts,
    );
  });

  test('gcd(a c, b c): divides both, is a multiple of c, leaves coprime cofactors, does not depend on the order', () => {
    fc.assert(
      fc.property(polyArb, polyArb, polyArb, (a, b, c) => {
        fc.pre(!c.isZero());
        const ac = a.mul(c), bc = b.mul(c);
        const g = polyGcd(ac, bc);
        expect(g.equals(polyGcd(bc, ac))).toBe(true);
        expect(g.leadingSign()).toBeGreaterThanOrEqual(0);
        expect(g.divExactInteger(c)).toBeDefined();
        if (ac.isZero() && bc.isZero()) return;
        const ca = ac.divExactInteger(g), cb = bc.divExactInteger(g);
        expect(ca).toBeDefined();
        expect(cb).toBeDefined();
        const h = polyGcd(ca!, cb!);
        expect(h.isConstant()).toBe(true);
        expect(h.isOne() || ca!.isZero() || cb!.isZero()).toBe(true);
      }),
      opts,
    );
  });

  test('the subresultant PRS and the heuristic gcd agree with gcd', () => {
    fc.assert(
      fc.property(polyArb, polyArb, polyArb, (a, b, c) => {
        const ac = a.mul(c), bc = b.mul(c);
        fc.pre(ac.degree(0) > 0 && bc.degree(0) > 0);
        const g = polyGcd(ac, bc);
        expect(subresultantGcd(ac, bc, 0).equals(g)).toBe(true);
        const h = heuristicGcd(ac.primitive().poly, bc.primitive().poly);
        if (h !== undefined) expect(h.equals(g.primitive().poly)).toBe(true);
      }),
      opts,
    );
  });

  test('gcd over Z keeps the integer content; up to content it does not change when a and b are scaled', () => {
    fc.assert(
      fc.property(polyArb, polyArb, fc.integer({ min: 1, max: 7 }), (a, b, k) => {
        fc.pre(!a.isZero() && !b.isZero());
        const g = polyGcd(a, b);
        expect(g.content()).toBe(igcd(a.content(), b.content()));
        const q = polyGcd(a.scale(new Fraction(1, k)), b.scale(new Fraction(k, 3)));
        expect(q.primitive().poly.equals(g.primitive().poly)).toBe(true);
      }),
      opts,
    );
  });
});

describe('doc examples', () => {
  test('poly.ts', () => {
    const x = Poly.variable(2, 0), y = Poly.variable(2, 1);
    expect(x.add(y).pow(2).toString(['x', 'y'])).toBe('x^2 + 2*x*y + y^2');
    expect(Poly.fromTerms(1, [[[2], 1], [[0], -1]]).toString(['x'])).toBe('x^2 - 1');
    expect(Poly.fromTerms(1, [[[2], 1], [[0], -1]]).divExact(Poly.fromTerms(1, [[[1], 1], [[0], -1]]))?.toString(['x'])).toBe('x + 1');
    expect(Poly.fromTerms(2, [[[1, 0], 2], [[0, 1], -1]]).toString(['x', 'y'])).toBe('2*x - y');
  });
  test('gcd.ts', () => {
    expect(polyGcd(Poly.fromTerms(2, [[[2, 1], 1], [[0, 1], -1]]), Poly.fromTerms(2, [[[1, 1], 1], [[0, 1], -1]])).toString(['x', 'y'])).toBe('x*y - y');
    expect(polyGcd(Poly.fromTerms(1, [[[1], 4], [[0], 4]]), Poly.fromTerms(1, [[[2], 2], [[0], -2]])).toString(['x'])).toBe('2*x + 2');
    expect(polyLcm(Poly.fromTerms(1, [[[2], 1], [[0], -1]]), Poly.fromTerms(1, [[[1], 1], [[0], -1]])).toString(['x'])).toBe('x^2 - 1');
    expect(prem(Poly.fromTerms(1, [[[2], 1], [[0], 1]]), Poly.fromTerms(1, [[[1], 2], [[0], 1]]), 0).toString(['x'])).toBe('5');
  });
  test('factored.ts', () => {
    const x = Poly.variable(1, 0), one = Poly.one(1), log: Poly[] = [];
    const f = Factored.ofPoly(x.pow(2).sub(one)).mul(Factored.ofPoly(x.sub(one)).pow(-1), log);
    expect(cancelFactored(f, log).toString(['x'])).toBe('(x + 1)');
    expect(log.map((p) => p.toString(['x']))).toEqual(['x - 1']);
  });
  test('convert.ts', () => {
    const { polys: ps, atoms } = polysFromTerms([parse('(x + 1)^2')]);
    expect(print(polyToTerm(ps[0]!, atoms))).toBe('1 + 2*x + x^2');
    expect(polyToTerm(Poly.variable(1, 0).pow(2), [sym('x')])).toBe(parse('x^2'));
    expect(polysFromTerms([parse('x^2 - 1'), parse('x - 1')]).atoms).toEqual([sym('x')]);
  });
  test('integer.ts and bounds.ts', () => {
    expect(igcd(12n, -18n)).toBe(6n);
    const saved = polyLimits.maxTerms;
    polyLimits.maxTerms = 20_000;
    expect(polyLimits.maxTerms).toBe(20_000);
    polyLimits.maxTerms = saved;
  });
});
