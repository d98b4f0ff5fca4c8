/**
 * The runner: equality saturation with limits (egg's `Runner`). Each iteration
 *
 * 1. checks the limits, then runs the hooks (a goal check is one);
 * 2. searches every rule the scheduler lets through, on the rebuilt e-graph;
 * 3. applies every rule to its matches (adding right sides, union with the matched class);
 * 4. rebuilds (congruence, analysis, sorted classes);
 *
 * and records what happened. The limits are checked again after each rule's search and
 * application. It stops when
 *
 * - 'saturated': an iteration applied nothing new (and the scheduler agrees);
 * - 'iteration-limit': 30 iterations by default (`withIterLimit`);
 * - 'node-limit': more than 10,000 e-nodes by default (`withNodeLimit`), counted as
 *   `egraph.nodeCount` (the e-nodes of the classes; egg counts its hash-consing table,
 *   which also keeps the e-nodes constant folding pruned);
 * - 'time-limit': more than 5,000 ms by default (`withTimeLimit`);
 * - 'memory-limit': the process holds more than 1 GiB of heap and array buffers by default
 *   (`withMemoryLimit`), read at most every 10 ms;
 * - 'goal': every goal (`withGoal`) matches in its root class;
 * - 'other': a hook returned a message.
 *
 * @example
 * const S = { syntax: 'sexpr', mode: 'written' } as const;
 * const runner = new Runner({ analysis: constantFolding() })
 *   .withIterLimit(10)
 *   .withExpr(parseSexpr('(+ 0 (* 1 a))', { mode: 'written' }))
 *   .run([rule('zero-add', '(+ 0 ?a) --> ?a', S), rule('one-mul', '(* 1 ?a) --> ?a', S)]);
 * runner.stopReason // 'saturated'
 * extract(runner.egraph, runner.roots[0]).term // a
 */
import type { Term } from '../term/term.js';
import type { TermOps } from '../term/interface.js';
import { EquateError } from '../term/errors.js';
import type { Pattern } from '../rewrite/pattern.js';
import type { Rule } from '../rewrite/rule.js';
import type { Theory } from '../rewrite/theory.js';
import { EGraph } from './egraph.js';
import type { Analysis } from './analysis.js';
import { compilePattern } from './ematch.js';
import { egraphRewrites, type EGraphRewrite } from './rewrite.js';
import { BackoffScheduler, type Scheduler } from './scheduler.js';

export type StopReason = 'saturated' | 'iteration-limit' | 'node-limit' | 'time-limit' | 'memory-limit' | 'goal' | 'other';

/** What one iteration did. Times are in milliseconds. */
export interface Iteration {
  /** 0-based. */
  readonly index: number;
  /** E-nodes and e-classes at the start of the iteration. */
  readonly nodes: number;
  readonly classes: number;
  /** E-nodes and e-classes after its rebuild. */
  readonly nodesAfter: number;
  readonly classesAfter: number;
  /** Matches found per rule (rules the scheduler skipped are absent). */
  readonly matches: ReadonlyMap<string, number>;
  /** Unions that changed the e-graph, per rule (rules with none are absent). */
  readonly applied: ReadonlyMap<string, number>;
  readonly hookTime: number;
  readonly searchTime: number;
  readonly applyTime: number;
  readonly rebuildTime: number;
  readonly totalTime: number;
  /** Unions the rebuild made by congruence. */
  readonly rebuilds: number;
  /** Why the runner stopped at this iteration, or null. */
  readonly stopReason: StopReason | null;
}

/** A hook runs at the start of each iteration; a returned string stops the runner ('other'). */
export type Hook<D, T> = (runner: Runner<D, T>) => string | void;

export interface RunnerOptions<D, T> {
  /** The e-graph to run on. Default: a new one with `analysis` and `ops`. */
  egraph?: EGraph<D, T>;
  analysis?: Analysis<D, T> | null;
  ops?: TermOps<T>;
  /** Record explanations (see `explain.ts`). Default: false. */
  explanations?: boolean;
}

const GiB = 1024 ** 3;

export class Runner<D = unknown, T = Term> {
  readonly egraph: EGraph<D, T>;
  /** Classes of the terms added with `withExpr`, in order. */
  readonly roots: number[] = [];
  readonly iterations: Iteration[] = [];
  /** Why the last `run` stopped (null before). */
  stopReason: StopReason | null = null;
  /** The message of a hook that stopped the runner. */
  stopMessage = '';

  private iterLimit = 30;
  private nodeLimit = 10_000;
  private timeLimit = 5_000;
  private memoryLimit = GiB;
  private scheduler: Scheduler = new BackoffScheduler();
  private readonly hooks: Hook<D, T>[] = [];
  private readonly goals: { test: () => boolean }[] = [];
  private started = -1;

  constructor(opts: RunnerOptions<D, T> = {}) {
    this.egraph = opts.egraph ?? new EGraph<D, T>({ analysis: opts.analysis ?? null, explanations: opts.explanations ?? false, ...(opts.ops ? { ops: opts.ops } : {}) });
  }

  /** The most iterations. Default: 30. */
  withIterLimit(n: number): this {
    this.iterLimit = checkLimit(n, 'iteration');
    return this;
  }

  /** The most e-nodes. Default: 10,000. */
  withNodeLimit(n: number): this {
    this.nodeLimit = checkLimit(n, 'node');
    return this;
  }

  /** The most time, in milliseconds, over all `run`s. Default: 5,000. */
  withTimeLimit(ms: number): this {
    this.timeLimit = checkLimit(ms, 'time');
    return this;
  }

  /** The most memory (process heap and array buffers), in bytes. Default: 1 GiB. */
  withMemoryLimit(bytes: number): this {
    this.memoryLimit = checkLimit(bytes, 'memory');
    return this;
  }

  /** The rule scheduler. Default: `new BackoffScheduler()` (match limit 1,000, ban length 5). */
  withScheduler(s: Scheduler): this {
    this.scheduler = s;
    return this;
  }

  /** Adds a hook, run at the start of every iteration. */
  withHook(hook: Hook<D, T>): this {
    this.hooks.push(hook);
    return this;
  }

  /**
   * Adds a term to the e-graph and records its class in `roots`.
   * @example runner.withExpr(parseSexpr('(* x 1)', { mode: 'written' }))
   */
  withExpr(t: T): this {
    this.roots.push(this.egraph.add(t));
    return this;
  }

  /**
   * Stops with 'goal' once `goal` (a pattern, or a term) is in the class of `root` (default:
   * the last root added so far), checked at the start of each iteration as egg's tests do.
   * With several goals, all must hold.
   */
  withGoal(goal: Pattern | T, root?: number): this {
    if (root === undefined) {
      if (this.roots.length === 0) throw new EquateError('withGoal: add an expression first (withExpr)');
      root = this.roots[this.roots.length - 1]!;
    }
    const r = root;
    const eg = this.egraph;
    if (isPattern(goal)) {
      const p = compilePattern(goal);
      this.goals.push({ test: () => p.matchesIn(eg, r) });
    } else {
      const t = goal as T;
      this.goals.push({ test: () => {
        const id = eg.lookup(t);
        return id >= 0 && eg.find(id) === eg.find(r);
      } });
    }
    return this;
  }

  /** True when every goal holds now. */
  get proved(): boolean {
    return this.goals.length > 0 && this.goals.every((g) => g.test());
  }

  /**
   * Runs the rules (rules, theories or compiled rewrites) until a stop reason; returns the
   * runner.
   */
  run(rules: Theory<T> | Rule<T> | readonly (Rule<T> | Theory<T> | EGraphRewrite<T>)[]): this {
    const rewrites = egraphRewrites(rules);
    this.stopReason = null;
    this.stopMessage = '';
    this.egraph.rebuild();
    for (;;) {
      const it = this.runOne(rewrites);
      this.iterations.push(it);
      if (it.stopReason !== null) {
        this.stopReason = it.stopReason;
        return this;
      }
    }
  }

  private runOne(rewrites: readonly EGraphRewrite<T>[]): Iteration {
    if (this.started < 0) this.started = performance.now();
    const eg = this.egraph;
    const index = this.iterations.length;
    let stop = this.checkLimits();
    const nodes = eg.nodeCount, classes = eg.classCount;

    const hookStart = performance.now();
    if (stop === null) stop = this.runHooks();
    const hookTime = performance.now() - hookStart;
    const nodesAfterHooks = eg.nodeCount, classesAfterHooks = eg.classCount;

    const searchStart = performance.now();
    const found: (ReturnType<Scheduler['search']>)[] = [];
    const matches = new Map<string, number>();
    if (stop === null) {
      for (const rw of rewrites) {
        const ms = this.scheduler.search(index, eg, rw);
        found.push(ms);
        if (ms !== null) matches.set(rw.name, (matches.get(rw.name) ?? 0) + ms.count);
        stop = this.checkLimits();
        if (stop !== null) break;
      }
    }
    const searchTime = performance.now() - searchStart;

    const applyStart = performance.now();
    const applied = new Map<string, number>();
    if (stop === null) {
      for (let i = 0; i < rewrites.length; i++) {
        const ms = found[i];
        if (ms == null || ms.count === 0) continue;
        const rw = rewrites[i]!;
        const n = rw.apply(eg, ms);
        if (n > 0) applied.set(rw.name, (applied.get(rw.name) ?? 0) + n);
        stop = this.checkLimits();
        if (stop !== null) break;
      }
    }
    const applyTime = performance.now() - applyStart;

    const rebuildStart = performance.now();
    const rebuilds = eg.rebuild();
    const rebuildTime = performance.now() - rebuildStart;

    if (stop === null && applied.size === 0 && this.scheduler.canStop(index)
      && nodes === nodesAfterHooks && classes === classesAfterHooks) {
      stop = 'saturated';
    }
    return {
      index, nodes, classes, nodesAfter: eg.nodeCount, classesAfter: eg.classCount, matches, applied,
      hookTime, searchTime, applyTime, rebuildTime, totalTime: performance.now() - searchStart + hookTime, rebuilds,
      stopReason: stop,
    };
  }

  private runHooks(): StopReason | null {
    if (this.goals.length > 0 && this.proved) return 'goal';
    for (const hook of this.hooks) {
      const r = hook(this);
      if (typeof r === 'string') {
        this.stopMessage = r;
        return 'other';
      }
    }
    return null;
  }

  private checkLimits(): StopReason | null {
    const now = performance.now();
    if (now - this.started > this.timeLimit) return 'time-limit';
    if (this.egraph.nodeCount > this.nodeLimit) return 'node-limit';
    if (this.iterations.length >= this.iterLimit) return 'iteration-limit';
    if (this.memoryLimit < Infinity && memoryInUse(now) > this.memoryLimit) return 'memory-limit';
    return null;
  }

  /**
   * A summary in egg's words: stop reason, iterations, e-graph size, times.
   * @example console.log(runner.report())
   */
  report(): string {
    const sum = (f: (i: Iteration) => number): number => this.iterations.reduce((s, i) => s + f(i), 0);
    const total = sum((i) => i.totalTime);
    const part = (x: number): string => `(${total > 0 ? (x / total).toFixed(2) : '0.00'}) ${x.toFixed(3)} ms`;
    const eg = this.egraph;
    return [
      'Runner report',
      '=============',
      `  Stop reason: ${this.stopReason ?? 'not run'}${this.stopMessage ? ` (${this.stopMessage})` : ''}`,
      `  Iterations: ${this.iterations.length}`,
      `  E-graph size: ${eg.nodeCount} nodes, ${eg.classCount} classes, ${eg.memoSize} memo`,
      `  Rebuilds: ${sum((i) => i.rebuilds)}`,
      `  Total time: ${total.toFixed(3)} ms`,
      `    Search:  ${part(sum((i) => i.searchTime))}`,
      `    Apply:   ${part(sum((i) => i.applyTime))}`,
      `    Rebuild: ${part(sum((i) => i.rebuildTime))}`,
    ].join('\n');
  }
}

function isPattern(x: unknown): x is Pattern {
  if (typeof x !== 'object' || x === null) return false;
  const type = (x as { type?: unknown }).type;
  return (type === 'call' || type === 'var' || type === 'segment' || type === 'number' || type === 'symbol') && Object.isFrozen(x);
}

function checkLimit(n: number, what: string): number {
  if (typeof n !== 'number' || Number.isNaN(n) || n < 0) throw new EquateError(`the ${what} limit must be a number >= 0, got ${String(n)}`);
  return n;
}

/** Heap and array buffers of the process, in bytes (0 where the platform does not say). */
/** The last reading of the process's memory, shared by all runners: reading it costs tens of µs. */
let memoryReadAt = -Infinity, memoryLast = 0;

/** Bytes in use (JS heap and array buffers), read at most every 10 ms. */
function memoryInUse(now: number): number {
  if (now - memoryReadAt < 10) return memoryLast;
  memoryReadAt = now;
  const proc = (globalThis as { process?: { memoryUsage?: () => { heapUsed: number; arrayBuffers?: number } } }).process;
  if (proc?.memoryUsage === undefined) return 0;
  const m = proc.memoryUsage();
  memoryLast = m.heapUsed + (m.arrayBuffers ?? 0);
  return memoryLast;
}
