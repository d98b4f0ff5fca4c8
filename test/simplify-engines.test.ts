import { describe, expect, it } from 'vitest';
import { parse, print, simplify, equivalent, checkExplanation, defaultTheory, termOps, evaluate, freeSymbols } from '../src/index.js';
import { written, TABLE_CASES } from './support/simplify-cases.js';

/** Cases both engines simplify to the same term with the default theory. */
const corpus: [string, string][] = [
  ...TABLE_CASES,
  ['tan(x)*cos(x)', 'sin(x)'],
  ['2*sin(x)*cos(x)', 'sin(2*x)'],
  ['1 - 2*sin(x)^2', 'cos(2*x)'],
  ['exp(2*log(x) + y)', 'x^2*exp(y)'],
  ['x*y + x*z', 'x*(y + z)'],
  ['Derivative(x^2*sin(x), x, 1)', 'x*(x*cos(x) + 2*sin(x))'],
  ['Integral(x*cos(x), x)', 'x*sin(x) + cos(x)'],
  ['sin(pi/6) + cos(pi)', '-1/2'],
];

describe('one theory, two engines', () => {
  for (const [input, expected] of corpus) {
    it(`${input}: classic and e-graph both give ${expected}`, () => {
      const t = written(input);
      expect(print(simplify(t, { engine: 'classic' }))).toBe(expected);
      expect(print(simplify(t, { engine: 'egraph' }))).toBe(expected);
    });
  }

  it('the e-graph never returns a larger term than its input and stays equal at random points', () => {
    const more = ['sin(x)^2 + cos(x)^2 + tan(y)*cos(y)', '(x + 1)^2 - x^2 - 2*x - 1', 'exp(x)*exp(y)*exp(-x)', 'x^2/x + sin(-x)'];
    for (const s of more) {
      const t = simplify(written(s), { engine: 'canonical' });
      const e = simplify(t, { engine: 'egraph' });
      expect(e.size).toBeLessThanOrEqual(t.size);
      const env: Record<string, number> = {};
      for (const x of freeSymbols(t)) env[x.name!] = 0.37 + x.name!.length * 0.11;
      expect(evaluate(e, env) as number).toBeCloseTo(evaluate(t, env) as number, 9);
    }
  });

  it('rewriter functions are refused by the e-graph engine with a clear error', () => {
    expect(() => simplify(written('x'), { engine: 'egraph', rules: () => null })).toThrow(/rules and theories/);
  });
});

describe('equivalent', () => {
  it('proves with the e-graph, and the proof replays without an e-graph', () => {
    const r = equivalent(parse('cos(x)^2'), parse('1 - sin(x)^2'));
    expect(r.result).toBe(true);
    expect(r.method).toBe('egraph');
    expect(r.proof!.steps.length).toBeGreaterThan(0);
    const check = checkExplanation(r.proof!, defaultTheory, { ops: termOps });
    expect(check.valid).toBe(true);
    // Rules with computed right sides are replayed too: nothing is taken on trust.
    expect(check.assumed).toBe(0);
  });

  it('a checker without the e-graph rejects a forged step', () => {
    const r = equivalent(parse('exp(a)*exp(-a)'), parse('1'));
    const forged = { ...r.proof!, steps: r.proof!.steps.map((s) => ({ ...s, rule: 'trig-sum' })) };
    expect(checkExplanation(forged, defaultTheory, { ops: termOps }).assumed + Number(!checkExplanation(forged, defaultTheory, { ops: termOps }).valid)).toBeGreaterThan(0);
  });

  it('same canonical form needs no proof steps', () => {
    expect(equivalent(parse('x + x'), parse('2*x')).method).toBe('canonical');
  });

  it('falls back to the classical simplifier', () => {
    const r = equivalent(parse('(x + 1)^2'), parse('x^2 + 2*x + 1'));
    expect(r.result).toBe(true);
  });

  it('disproves with a counterexample where both sides are defined', () => {
    const r = equivalent(parse('sin(x)'), parse('cos(x)'));
    expect(r.result).toBe(false);
    const { point, a, b } = r.counterexample!;
    expect(Math.sin(point.x!)).toBeCloseTo(a, 12);
    expect(Math.cos(point.x!)).toBeCloseTo(b, 12);
  });

  it('says unknown when it can neither prove nor disprove', () => {
    // Equal wherever both sides are defined over the reals, but not an identity for complex x, y.
    expect(equivalent(parse('log(x*y)'), parse('log(x) + log(y)')).result).toBe('unknown');
  });
});
