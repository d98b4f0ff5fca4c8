/**
 * Rule schedulers (egg's `RewriteScheduler`): which rules a runner searches in an iteration.
 *
 * - `SimpleScheduler` searches every rule every iteration.
 * - `BackoffScheduler` (the runner's default) bans a rule that matches too often: a rule whose
 *   search finds more than its match limit (default 1,000, doubled at each ban) is skipped
 *   for its ban length (default 5 iterations, doubled at each ban). Explosive rules such as
 *   associativity then stop crowding out the others. When nothing changes while rules are
 *   banned, the runner does not stop: the bans are fast-forwarded to the next unban.
 *
 * @example new Runner().withScheduler(new BackoffScheduler().withInitialMatchLimit(500).doNotBan('comm-add'))
 */
import type { EGraph } from './egraph.js';
import type { Matches } from './ematch.js';
import type { EGraphRewrite } from './rewrite.js';

export interface Scheduler {
  /** Whether the runner may stop as saturated at `iteration` (asked only when nothing changed). */
  canStop(iteration: number): boolean;
  /** The matches of `rewrite` in `iteration`, or null when the rule is skipped. */
  search<D, T>(iteration: number, egraph: EGraph<D, T>, rewrite: EGraphRewrite<T>): Matches | null;
}

/**
 * Every rule, every iteration (no scheduling).
 * @example new Runner().withScheduler(new SimpleScheduler())
 */
export class SimpleScheduler implements Scheduler {
  canStop(): boolean {
    return true;
  }

  search<D, T>(_iteration: number, egraph: EGraph<D, T>, rewrite: EGraphRewrite<T>): Matches {
    return rewrite.search(egraph);
  }
}

interface RuleStats {
  timesApplied: number;
  bannedUntil: number;
  timesBanned: number;
  matchLimit: number;
  banLength: number;
}

/** Exponential backoff of rules that match too often (egg's `BackoffScheduler`). */
export class BackoffScheduler implements Scheduler {
  private matchLimit = 1_000;
  private banLength = 5;
  private readonly stats = new Map<EGraphRewrite<unknown>, RuleStats>();
  private readonly limits = new Map<string, number>();
  private readonly lengths = new Map<string, number>();

  /** The match limit above which a rule is banned the first time. Default: 1,000. */
  withInitialMatchLimit(limit: number): this {
    this.matchLimit = limit;
    return this;
  }

  /** The number of iterations of a first ban. Default: 5. */
  withBanLength(length: number): this {
    this.banLength = length;
    return this;
  }

  /** Never ban the rule named `name`. */
  doNotBan(name: string): this {
    this.limits.set(name, Infinity);
    return this;
  }

  /** The initial match limit of the rule named `name`. */
  ruleMatchLimit(name: string, limit: number): this {
    this.limits.set(name, limit);
    return this;
  }

  /** The initial ban length of the rule named `name`. */
  ruleBanLength(name: string, length: number): this {
    this.lengths.set(name, length);
    return this;
  }

  /** How often the rule was banned so far, and until which iteration. */
  banned<T>(rewrite: EGraphRewrite<T>): { times: number; until: number } {
    const s = this.stats.get(rewrite as EGraphRewrite<unknown>);
    return { times: s?.timesBanned ?? 0, until: s?.bannedUntil ?? 0 };
  }

  private ruleStats(rw: EGraphRewrite<unknown>): RuleStats {
    let s = this.stats.get(rw);
    if (s === undefined) {
      s = {
        timesApplied: 0, bannedUntil: 0, timesBanned: 0,
        matchLimit: this.limits.get(rw.name) ?? this.matchLimit,
        banLength: this.lengths.get(rw.name) ?? this.banLength,
      };
      this.stats.set(rw, s);
    }
    return s;
  }

  canStop(iteration: number): boolean {
    let minBan = Infinity;
    for (const s of this.stats.values()) if (s.bannedUntil > iteration && s.bannedUntil < minBan) minBan = s.bannedUntil;
    if (minBan === Infinity) return true;
    const delta = minBan - iteration;
    for (const s of this.stats.values()) if (s.bannedUntil > iteration) s.bannedUntil -= delta;
    return false;
  }

  search<D, T>(iteration: number, egraph: EGraph<D, T>, rewrite: EGraphRewrite<T>): Matches | null {
    const s = this.ruleStats(rewrite as EGraphRewrite<unknown>);
    if (iteration < s.bannedUntil) return null;
    const threshold = s.matchLimit * 2 ** s.timesBanned;
    const matches = rewrite.search(egraph, threshold + 1);
    if (matches.count > threshold) {
      const length = s.banLength * 2 ** s.timesBanned;
      s.timesBanned++;
      s.bannedUntil = iteration + length;
      return null;
    }
    s.timesApplied++;
    return matches;
  }
}
