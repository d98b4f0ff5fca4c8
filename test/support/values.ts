/** Exact and high-precision values of terms at points, for property tests that compare two terms. */
import { Decimal } from 'decimal.js';
import type { Term } from '../../src/term/term.js';
import type * as N from '../../src/term/number.js';
import { evaluate, type Env } from '../../src/term/evaluate.js';

/** The exact value of `t` at `env`, or undefined where it has none (a pole, a root of a negative). */
export function exactValue(t: Term, env: Env): N.Fraction | undefined {
  try {
    return evaluate(t, env, { mode: 'exact' });
  } catch {
    return undefined;
  }
}

/**
 * The value of `t` at `env` to 70 digits, or undefined where it is not a finite number.
 * Comparisons ask for 30 (`closeDecimals`): the margin covers points close to a pole, where a
 * denominator near 1e-10 costs ten digits.
 */
export function decimalValue(t: Term, env: Env, precision = 70): Decimal | undefined {
  try {
    const d = evaluate(t, env, { mode: 'decimal', precision });
    return d.isFinite() ? d : undefined;
  } catch {
    return undefined;
  }
}

/** |a - b| <= tol * max(1, |a|, |b|). */
export function closeDecimals(a: Decimal, b: Decimal, tol = 1e-30): boolean {
  return a.minus(b).abs().lte(Decimal.max(1, a.abs(), b.abs()).times(tol));
}
