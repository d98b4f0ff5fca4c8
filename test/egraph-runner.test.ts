/**
 * The runner: every stop reason, the per-iteration report, hooks and goals, and the two
 * schedulers (backoff banning and fast-forwarding, simple).
 */
import { describe, expect, test } from 'vitest';
import { sym, type Term } from '../src/term/term.js';
import { parseSexpr } from '../src/term/sexpr.js';
import { parsePattern, rule, type Rule } from '../src/rewrite/index.js';
import { EGraph } from '../src/egraph/egraph.js';
import { Runner } from '../src/egraph/runner.js';
import { BackoffScheduler, SimpleScheduler } from '../src/egraph/scheduler.js';
import { egraphRewrites } from '../src/egraph/rewrite.js';

const S = { syntax: 'sexpr', mode: 'written' } as const;
const W = (src: string): Term => parseSexpr(src, { mode: 'written' });
const comm = rule('comm-add', '(+ ?a ?b) --> (+ ?b ?a)', S);
const assoc = rule('assoc-add', '(+ ?a (+ ?b ?c)) --> (+ (+ ?a ?b) ?c)', S);
const zero = rule('zero-add', '(+ ?a 0) --> ?a', S);
/** (+ x0 (+ x1 (+ ... x(n-1)))) */
const sum = (n: number): Term => {
  let src = `x${n - 1}`;
  for (let i = n - 2; i >= 0; i--) src = `(+ x${i} ${src})`;
  return W(src);
};

describe('stop reasons', () => {
  test('saturated', () => {
    const r = new Runner().withExpr(W('(+ a 0)')).run([zero, comm]);
    expect(r.stopReason).toBe('saturated');
    expect(r.iterations.at(-1)!.stopReason).toBe('saturated');
  });

  test('iteration limit (egg counts the iteration that hits it)', () => {
    const r = new Runner().withIterLimit(3).withExpr(sum(8)).run([comm, assoc]);
    expect(r.stopReason).toBe('iteration-limit');
    expect(r.iterations.length).toBe(4);
  });

  test('node limit', () => {
    const r = new Runner().withNodeLimit(200).withExpr(sum(8)).run([comm, assoc]);
    expect(r.stopReason).toBe('node-limit');
    expect(r.egraph.nodeCount).toBeGreaterThan(200);
  });

  test('time limit', () => {
    const r = new Runner().withTimeLimit(0).withExpr(sum(8)).run([comm, assoc]);
    expect(r.stopReason).toBe('time-limit');
  });

  test('memory limit', () => {
    const r = new Runner().withMemoryLimit(1).withExpr(sum(8)).run([comm, assoc]);
    expect(r.stopReason).toBe('memory-limit');
  });

  test('goal, as a pattern or a term', () => {
    const r = new Runner().withExpr(W('(+ a (+ b c))')).withGoal(W('(+ c (+ a b))')).run([comm, assoc]);
    expect(r.stopReason).toBe('goal');
    expect(r.proved).toBe(true);
    const r2 = new Runner().withExpr(W('(+ a b)')).withGoal(parsePattern('(+ b ?x)', S)).run([comm]);
    expect([r2.stopReason, r2.iterations.length]).toEqual(['goal', 2]);
    expect(() => new Runner().withGoal(W('a'))).toThrow('add an expression first');
  });

  test('other: a hook returns a message', () => {
    const r = new Runner().withExpr(sum(6)).withHook((run) => (run.egraph.classCount > 20 ? 'big enough' : undefined)).run([comm, assoc]);
    expect(r.stopReason).toBe('other');
    expect(r.stopMessage).toBe('big enough');
    expect(r.report()).toContain('Stop reason: other (big enough)');
  });

  test('bad limits', () => {
    expect(() => new Runner().withIterLimit(-1)).toThrow('the iteration limit must be a number >= 0');
    expect(() => new Runner().withTimeLimit(NaN)).toThrow('the time limit');
  });
});

test('the per-iteration report', () => {
  const r = new Runner().withScheduler(new SimpleScheduler()).withExpr(W('(+ a (+ b c))')).run([comm, assoc, zero]);
  const first = r.iterations[0]!;
  expect(first.index).toBe(0);
  expect([first.nodes, first.classes]).toEqual([5, 5]);
  expect(first.matches.get('comm-add')).toBe(2);
  expect(first.matches.get('assoc-add')).toBe(1);
  expect(first.matches.get('zero-add')).toBe(0);
  expect(first.applied.get('comm-add')).toBe(2);
  expect(first.applied.has('zero-add')).toBe(false);
  expect(first.nodesAfter).toBeGreaterThan(first.nodes);
  for (const k of ['hookTime', 'searchTime', 'applyTime', 'rebuildTime', 'totalTime'] as const) expect(first[k]).toBeGreaterThanOrEqual(0);
  expect(r.stopReason).toBe('saturated');
  expect(r.report()).toMatch(/Stop reason: saturated\n {2}Iterations: \d+\n {2}E-graph size: \d+ nodes, \d+ classes/);
});

test('a runner on an existing e-graph, roots in order', () => {
  const eg = new EGraph();
  const r = new Runner({ egraph: eg }).withExpr(W('(+ a 0)')).withExpr(sym('b'));
  expect(r.egraph).toBe(eg);
  expect(r.roots).toEqual([eg.lookup(W('(+ a 0)')), eg.lookup(sym('b'))]);
  r.run([zero]);
  expect(eg.find(r.roots[0]!)).toBe(eg.lookup(sym('a')));
});

describe('schedulers', () => {
  test('backoff bans a rule that matches too often, for its ban length, doubling both', () => {
    const sched = new BackoffScheduler().withInitialMatchLimit(10).withBanLength(2);
    const r = new Runner().withScheduler(sched).withIterLimit(6).withExpr(sum(6)).run([comm, assoc]);
    const [commRw] = egraphRewrites(comm);
    const bans = sched.banned(commRw!);
    expect(bans.times).toBeGreaterThan(0);
    // a banned rule is not searched
    const skipped = r.iterations.filter((it) => !it.matches.has('comm-add'));
    expect(skipped.length).toBeGreaterThan(0);
  });

  test('doNotBan and per-rule limits', () => {
    const sched = new BackoffScheduler().withInitialMatchLimit(1).doNotBan('comm-add').ruleMatchLimit('assoc-add', 1).ruleBanLength('assoc-add', 3);
    const r = new Runner().withScheduler(sched).withIterLimit(4).withExpr(sum(5)).run([comm, assoc]);
    expect(r.iterations.slice(0, 4).every((it) => it.matches.has('comm-add'))).toBe(true);
    expect(sched.banned(egraphRewrites(assoc)[0]!).times).toBeGreaterThanOrEqual(1);
  });

  test('with rules banned, a runner that learns nothing fast-forwards instead of stopping', () => {
    const sched = new BackoffScheduler().withInitialMatchLimit(1).withBanLength(1000);
    const r = new Runner().withScheduler(sched).withExpr(W('(+ a (+ b c))')).run([comm]);
    // 0: 2 matches > 1, banned for 1000 iterations; nothing learnt, so the ban is fast-forwarded
    // 1: 2 matches <= 2, applied; 2: 4 matches > 2, banned again, fast-forwarded; 3: nothing new
    expect(r.iterations.map((it) => it.matches.get('comm-add') ?? null)).toEqual([null, 2, null, 4]);
    expect(r.stopReason).toBe('saturated');
    expect(r.egraph.lookup(W('(+ (+ c b) a)'))).toBeGreaterThanOrEqual(0);
  });

  test('the simple scheduler runs every rule every iteration', () => {
    const r = new Runner().withScheduler(new SimpleScheduler()).withIterLimit(4).withExpr(sum(6)).run([comm, assoc]);
    expect(r.iterations.slice(0, 4).every((it) => it.matches.has('comm-add') && it.matches.has('assoc-add'))).toBe(true);
  });
});

test('rules run repeatedly on one runner continue where they stopped', () => {
  const rules: Rule[] = [comm, assoc];
  const r = new Runner().withIterLimit(2).withExpr(sum(5)).run(rules);
  const classes = r.egraph.classCount;
  r.withIterLimit(4).run(rules);
  expect(r.iterations.length).toBeGreaterThan(3);
  expect(r.egraph.classCount).toBeGreaterThan(classes);
});
