/**
 * Limits of a rewrite: how many rule applications and how much time it may take. A `Budget`
 * is active while a rewrite runs; rules count their applications against it and every loop
 * (fixpoints, walks, rule attempts) checks it, so a rewriter stops promptly when a limit is
 * reached and the caller learns which one (`rewrite` in `rewrite.ts` reports it).
 *
 * When a limit is reached, rules stop applying (they return "no change"), walks stop
 * descending and fixpoints stop iterating: the result is the term rewritten so far.
 */
import { EquateError } from '../term/errors.js';

export interface RewriteLimits {
  /** Most rule applications. Default: 100,000. */
  maxApplications?: number;
  /** Most wall-clock time in milliseconds. Default: 1,000. */
  maxTime?: number;
}

/** The defaults of `RewriteLimits`. */
export const DEFAULT_REWRITE_LIMITS: Readonly<Required<RewriteLimits>> = Object.freeze({
  maxApplications: 100_000,
  maxTime: 1_000,
});

/**
 * Why a rewrite stopped: the rewriter changed the term no more ('fixpoint'), would have
 * brought back a term seen before ('cycle'), or a limit was reached.
 */
export type StopReason = 'fixpoint' | 'cycle' | 'applications' | 'time';

/** The applications of a budget none was made with. */
const NO_APPLICATIONS: ReadonlyMap<string, number> = new Map();

/** The clock is read once every this many steps (rule attempts and walked nodes). */
const CLOCK_EVERY = 64;

export class Budget {
  /** Rule applications so far. */
  applications = 0;
  /** The limit reached, or null while the budget lasts. */
  stopped: 'applications' | 'time' | null = null;
  readonly started: number;
  readonly maxApplications: number;
  readonly deadline: number;
  private steps = 0;
  /** Applications per rule name, made at the first application. */
  private counts: Map<string, number> | null = null;

  constructor(limits: RewriteLimits = {}) {
    this.maxApplications = limit(limits.maxApplications, DEFAULT_REWRITE_LIMITS.maxApplications, 'maxApplications');
    const maxTime = limit(limits.maxTime, DEFAULT_REWRITE_LIMITS.maxTime, 'maxTime');
    this.started = performance.now();
    this.deadline = this.started + maxTime;
  }

  /** Records one step of work; false once a limit is reached. The clock is read now and then. */
  step(): boolean {
    if (this.stopped !== null) return false;
    if (++this.steps % CLOCK_EVERY === 0) return this.checkTime();
    return true;
  }

  /** Reads the clock; false once a limit is reached. */
  checkTime(): boolean {
    if (this.stopped !== null) return false;
    if (this.deadline !== Infinity && performance.now() > this.deadline) {
      this.stopped = 'time';
      return false;
    }
    return true;
  }

  /** Asks to apply rule `name` once more: false (and stopped) when no application is left. */
  spend(name: string): boolean {
    if (this.stopped !== null) return false;
    if (this.applications >= this.maxApplications) {
      this.stopped = 'applications';
      return false;
    }
    this.applications++;
    const counts = (this.counts ??= new Map());
    counts.set(name, (counts.get(name) ?? 0) + 1);
    return true;
  }

  /** Applications per rule name. */
  get byRule(): ReadonlyMap<string, number> {
    return this.counts ?? NO_APPLICATIONS;
  }

  /** Milliseconds since the budget started. */
  elapsed(): number {
    return performance.now() - this.started;
  }
}

function limit(v: number | undefined, dflt: number, name: string): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || Number.isNaN(v) || v < 0) throw new EquateError(`${name} must be a nonnegative number, got ${String(v)}`);
  return v;
}

let active: Budget | null = null;

/** The budget of the rewrite running now, if any. */
export function activeBudget(): Budget | null {
  return active;
}

/** Runs `fn` with `budget` active (restoring the previous one after). */
export function withBudget<R>(budget: Budget, fn: () => R): R {
  const saved = active;
  active = budget;
  try {
    return fn();
  } finally {
    active = saved;
  }
}

/**
 * Runs `fn` under the active budget, or under a fresh one with the default limits when none
 * is active (so a loop such as `fixpoint` used on its own still ends).
 */
export function ensureBudget<R>(fn: (budget: Budget) => R): R {
  if (active !== null) return fn(active);
  const budget = new Budget();
  return withBudget(budget, () => fn(budget));
}
