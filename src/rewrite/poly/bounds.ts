/**
 * Bounds of the polynomial algebra. Every operation charges its work (roughly: monomials
 * touched) to the running computation; when a bound is passed the computation gives up with
 * `GiveUp`, which the public functions (`expand`, `together`, `cancel`, `rationalSimplify`)
 * catch: the part they were working on stays as it was. While a rewrite runs, its budget's
 * clock is read as work is charged, and a rewrite out of time makes them stop at once and
 * return their input.
 *
 * - `maxTerms`: most monomials of any polynomial built (products, powers, remainders).
 *   Default: 10,000.
 * - `maxWork`: most work of one attempt (one node of the term, its polynomial operations).
 *   A product of polynomials with m and n monomials costs m n, charged before it starts; a
 *   sum m + n; reading a term one per node. Default: 300,000 (about 0.1 s).
 * - `maxTotalWork`: most work of one public call, all attempts together. Default: 1,000,000.
 * - `maxDegree`: largest exponent of a variable in a polynomial. Default: 100,000.
 * - `maxCoefficientBits`: largest coefficient (numerator or denominator, in bits) a power may
 *   produce, and largest value the heuristic gcd may evaluate a polynomial to (beyond it the
 *   gcd comes from the subresultant PRS). Default: 20,000.
 * - `maxNesting`: how deep the functions descend into arguments of non-polynomial subterms
 *   (`sin(...)` inside `exp(...)` ...); deeper arguments are left as they are. Default: 200.
 *
 * @example polyLimits.maxTerms = 20_000 // allow larger expansions
 */
import { activeBudget } from '../budget.js';
import { LimitError } from '../../term/errors.js';

export const polyLimits = {
  maxTerms: 10_000,
  maxWork: 300_000,
  maxTotalWork: 1_000_000,
  maxDegree: 100_000,
  maxCoefficientBits: 20_000,
  maxNesting: 200,
};

/** Why a polynomial computation stopped: a size bound, the rewrite's clock, a float, or a zero divisor. */
export type GiveUpReason = 'size' | 'time' | 'float' | 'zero';

/** Thrown inside the polynomial algebra when it stops; never escapes the public functions. */
export class GiveUp extends Error {
  constructor(readonly reason: GiveUpReason) {
    super(`polynomial algebra gave up (${reason})`);
  }
}

/** The budget's clock is read once every this much work. */
const CLOCK_EVERY = 4096;

let active = false;
let total = 0;
let attemptStart = 0;
let nextClock = CLOCK_EVERY;

/**
 * Charges `n` units of work to the running computation: throws `GiveUp('size')` past
 * `maxWork` (this attempt) or `maxTotalWork` (this call), `GiveUp('time')` when the active
 * rewrite budget is out of time. Outside a computation (`withEffort`) it counts nothing.
 */
export function charge(n: number): void {
  if (!active) return;
  total += n;
  if (total - attemptStart > polyLimits.maxWork || total > polyLimits.maxTotalWork) throw new GiveUp('size');
  if (total >= nextClock) {
    nextClock = total + CLOCK_EVERY;
    checkClock();
  }
}

/** Throws `GiveUp('time')` when a rewrite budget is active and out of time (or stopped). */
export function checkClock(): void {
  const budget = activeBudget();
  if (budget !== null && !budget.checkTime()) throw new GiveUp('time');
}

/** Runs `fn` as one computation (a public call); nested calls share the outer computation. */
export function withEffort<R>(fn: () => R): R {
  if (active) return fn();
  active = true;
  total = 0;
  attemptStart = 0;
  nextClock = CLOCK_EVERY;
  try {
    return fn();
  } finally {
    active = false;
  }
}

/** Runs `fn` as one attempt: its work is measured against `maxWork` from now on. */
export function attempt<R>(fn: () => R): R {
  const saved = attemptStart;
  attemptStart = total;
  try {
    return fn();
  } finally {
    attemptStart = saved;
  }
}

/** Runs `fn` as one computation; past a bound, a `LimitError` naming `what`. */
export function bounded<R>(what: string, fn: () => R): R {
  try {
    return withEffort(fn);
  } catch (e) {
    if (e instanceof GiveUp) throw new LimitError('polynomial', `${what} gave up (${e.reason})`);
    throw e;
  }
}
