/**
 * Conformance with egg: its tests/math.rs, as data in bench/egg-suites.ts (shared with the
 * benchmark). The rules are egg's, written in the rule language (S-expressions, as written);
 * the analysis is constant folding (exact here, floats in egg); conditions are egg's
 * is_not_zero, is_const, is_sym, is_const_or_distinct_var. `d` (derivative) and `i`
 * (integral) are undefined functions. Each case runs as egg's test runner does: the runner's
 * settings, the start term as the root, and a hook that stops once every goal matches in the
 * root class; then the goals are checked (or, for `math_fail`, checked not to hold).
 */
import { describe, expect, test } from 'vitest';
import { toSexpr } from '../src/term/sexpr.js';
import { Extractor } from '../src/egraph/extract.js';
import { mathCases, mathCost, mathRules, mathRunner, mathTerm, runMathCase, type MathCase } from '../bench/egg-suites.js';

function runCase(c: MathCase) {
  const { runner, proved } = runMathCase(c);
  if (c.fails) expect(proved).toBe(false);
  else expect(proved, `${c.name}: goals not proved (${runner.stopReason})\n${runner.report()}`).toBe(true);
  if (c.expect) {
    expect(runner.iterations.length).toBe(c.expect.iterations);
    expect(runner.stopReason).toBe(c.expect.stopReason);
    expect(runner.egraph.classCount).toBe(c.expect.classes);
  }
  return runner;
}

describe("egg's tests/math.rs", () => {
  test('the suite has every case of math.rs that runs a runner', () => {
    expect(mathCases.length).toBe(20);
    expect(mathCases.filter((c) => c.fails).map((c) => c.name)).toEqual(['math_fail']);
  });

  for (const c of mathCases) test(c.name, () => void runCase(c));

  test('assoc_mul_saturates', () => {
    const runner = mathRunner().withIterLimit(3).withExpr(mathTerm('(* x 1)')).run(mathRules);
    expect(runner.stopReason).toBe('saturated');
  });

  test('extraction after a proof: the simplest derivative, d and i costly', () => {
    const runner = runCase(mathCases.find((c) => c.name === 'math_diff_simple2')!);
    const ex = new Extractor(runner.egraph, mathCost);
    expect(toSexpr(ex.term(runner.roots[0]!))).toBe('y');
  });
});
