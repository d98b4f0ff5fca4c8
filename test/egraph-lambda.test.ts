/**
 * Conformance with egg: its tests/lambda.rs, as data in bench/egg-suites.ts (shared with the
 * benchmark). A lambda calculus with `let`, `fix`, `if`, numbers and booleans, written with
 * undefined-function operators (`var`, `lam`, `app`, `let`, `fix`, `if`) and the built-in
 * `+` and `=`; a user analysis (free variables and constants, egg's LambdaAnalysis);
 * conditions on classes, one that adds terms to compare them (egg's ConditionEqual), and
 * capture-avoiding substitution as an e-graph applier that makes fresh variables (egg's
 * CaptureAvoid). Three cases must fail to prove their goal.
 */
import { describe, expect, test } from 'vitest';
import { lambdaCases, runLambdaCase } from '../bench/egg-suites.js';

describe("egg's tests/lambda.rs", () => {
  test('three cases must fail', () => {
    expect(lambdaCases.filter((c) => c.fails).map((c) => c.name)).toEqual(['lambda_capture', 'lambda_capture_free', 'lambda_closure_not_seven']);
  });

  for (const c of lambdaCases) {
    test(c.name, () => {
      const { runner, proved } = runLambdaCase(c);
      expect(proved, `${c.name}: ${runner.stopReason}\n${runner.report()}`).toBe(!c.fails);
    }, 30_000);
  }
});
