/**
 * Explanations: why two terms are equal in an e-graph, as a chain of rewrites that a checker
 * without an e-graph can replay (egg's `explain_equivalence`).
 *
 * With `new EGraph({ explanations: true })` every distinct term the e-graph is given keeps its
 * own id (an e-node with exactly its children), and every union records why in a proof forest
 * (Nieuwenhuis and Oliveras): an edge between the two ids it joined, labelled with a reason:
 * a rule (with the direction it was applied in), congruence (two e-nodes of one operator
 * whose children are equal), constant folding (`(op c1 ... cn)` and its value), or a union
 * asked for by a caller. The forest has one tree per class, so any two equal ids are joined by
 * one path, and a congruence edge only ever needs paths that existed before it: the
 * explanation of a path is finite.
 *
 * `explain(egraph, a, b)` follows the path between the two terms, expands congruence edges
 * into explanations of the children (at their positions), and returns the flat result: the
 * start term and steps, each naming the rule, its direction, the position rewritten (argument
 * indices from the root) and the whole term after it. Loops in the chain of terms are cut
 * out (a term seen before resets the chain to that point).
 *
 * `checkExplanation(explanation, rules)` replays it: each step must change only the subterm
 * at its position, by one application of the named rule (forward: the rule's left side
 * matched in the term before, its right side instantiated as written, giving the term after;
 * backward: the same from the term after to the term before), by constant folding, or by an
 * asserted union (reported as assumed). A rule whose right side is code is replayed by running
 * it on the subterm's matches; side conditions of pattern rules are not re-checked.
 *
 * @example
 * const eg = new EGraph({ explanations: true });
 * const runner = new Runner({ egraph: eg }).withExpr(a).withExpr(b).run(rules);
 * const ex = explain(eg, a, b); // { start: a, steps: [{ rule, direction, position, term }, ...], end: b }
 * checkExplanation(ex!, rules).valid // true
 */
import type { Term } from '../term/term.js';
import { termOps, writtenOps, type TermOps } from '../term/interface.js';
import { operatorById } from '../term/operator.js';
import * as N from '../term/number.js';
import type { Value } from '../term/number.js';
import { EquateError, LimitError } from '../term/errors.js';
import { Rule } from '../rewrite/rule.js';
import { isTheory, type Theory } from '../rewrite/theory.js';
import { compileMatcher, type Binding } from '../rewrite/matcher.js';
import type { Pattern } from '../rewrite/pattern.js';
import { equalFor } from '../rewrite/equal.js';
import type { EGraph } from './egraph.js';

/** Why two ids were joined. */
export type Reason =
  | { readonly kind: 'congruence' }
  | { readonly kind: 'rule'; readonly name: string; readonly reverse: boolean }
  | { readonly kind: 'fold' }
  | { readonly kind: 'asserted'; readonly name: string };

export const CONGRUENCE = 0;

/** The proof forest: for each id, a neighbour towards its tree's root and why they are equal. */
export class ProofForest {
  parent = new Int32Array(1024);
  reason = new Int32Array(1024);
  /** 1 when going from the id to its parent is the direction the reason was recorded in. */
  forward = new Uint8Array(1024);
  readonly reasons: Reason[] = [{ kind: 'congruence' }];
  private readonly byKey = new Map<string, number>();
  private size = 0;

  /** Makes ids below `n` known (each its own root). */
  ensure(n: number): void {
    if (n > this.parent.length) {
      let cap = this.parent.length * 2;
      while (cap < n) cap *= 2;
      const p = new Int32Array(cap), r = new Int32Array(cap), f = new Uint8Array(cap);
      p.set(this.parent);
      r.set(this.reason);
      f.set(this.forward);
      this.parent = p;
      this.reason = r;
      this.forward = f;
    }
    for (let i = this.size; i < n; i++) this.parent[i] = i;
    if (n > this.size) this.size = n;
  }

  /** The index of a reason (made once per distinct reason). */
  reasonIndex(r: Reason): number {
    const key = r.kind === 'rule' ? `r${r.reverse ? '-' : '+'}${r.name}` : r.kind === 'asserted' ? `a${r.name}` : r.kind;
    let i = this.byKey.get(key);
    if (i === undefined) {
      i = r.kind === 'congruence' ? CONGRUENCE : this.reasons.length;
      if (i !== CONGRUENCE) this.reasons.push(r);
      this.byKey.set(key, i);
    }
    return i;
  }

  /** Joins the trees of `a` and `b` (different trees) by the edge a -> b, recorded forward. */
  link(a: number, b: number, reason: number): void {
    this.ensure(Math.max(a, b) + 1);
    this.reroot(a);
    this.parent[a] = b;
    this.reason[a] = reason;
    this.forward[a] = 1;
  }

  /** Makes `x` the root of its tree, turning the edges on the way. */
  private reroot(x: number): void {
    const parent = this.parent, reason = this.reason, forward = this.forward;
    let prev = x, prevReason = 0, prevForward = 0;
    let cur = x;
    for (;;) {
      const next = parent[cur]!, r = reason[cur]!, f = forward[cur]!;
      parent[cur] = prev;
      reason[cur] = prevReason;
      forward[cur] = prevForward;
      if (next === cur) break;
      prev = cur;
      prevReason = r;
      prevForward = f === 1 ? 0 : 1;
      cur = next;
    }
  }

  /** The edges from `u` to `v` (ids of one tree): each with its ends, reason and direction. */
  path(u: number, v: number): { from: number; to: number; reason: number; forward: boolean }[] {
    this.ensure(Math.max(u, v) + 1);
    const parent = this.parent;
    const up = new Map<number, number>();
    for (let x = u, d = 0; ; x = parent[x]!) {
      up.set(x, d++);
      if (parent[x] === x) break;
    }
    const down: number[] = [];
    let y = v;
    while (!up.has(y)) {
      down.push(y);
      if (parent[y] === y) throw new EquateError(`ids ${u} and ${v} are not equal`);
      y = parent[y]!;
    }
    const lca = y;
    const edges: { from: number; to: number; reason: number; forward: boolean }[] = [];
    for (let x = u; x !== lca; x = parent[x]!) edges.push({ from: x, to: parent[x]!, reason: this.reason[x]!, forward: this.forward[x] === 1 });
    for (let i = down.length - 1; i >= 0; i--) {
      const z = down[i]!;
      edges.push({ from: parent[z]!, to: z, reason: this.reason[z]!, forward: this.forward[z] !== 1 });
    }
    return edges;
  }
}

export interface ExplanationStep<T = Term> {
  /** A rule's name, 'constant-fold', or the name given to an asserted union ('union'). */
  readonly rule: string;
  /** True for a union asserted without a replayable reason (by a caller of `union`, a multi-pattern). */
  readonly asserted: boolean;
  /** 'forward': the rule's left side became its right side; 'backward': the reverse. */
  readonly direction: 'forward' | 'backward';
  /** Argument indices (0-based) from the root to the subterm rewritten. */
  readonly position: readonly number[];
  /** The whole term after this step. */
  readonly term: T;
}

export interface Explanation<T = Term> {
  readonly start: T;
  readonly steps: readonly ExplanationStep<T>[];
  readonly end: T;
}

export interface ExplainOptions {
  /** The most steps before giving up with a `LimitError`. Default: 100,000. */
  maxSteps?: number;
}

/**
 * The chain of rewrites from `a` to `b`, or null when the e-graph does not hold them equal.
 * The e-graph must have been made with `explanations: true`.
 * @example explain(eg, parseSexpr('(+ x 0)', { mode: 'written' }), sym('x'))!.steps[0]!.rule // 'zero-add'
 */
export function explain<D, T>(egraph: EGraph<D, T>, a: T, b: T, opts: ExplainOptions = {}): Explanation<T> | null {
  const forest = egraph.proofs;
  if (forest === null) throw new EquateError('explanations are off: make the e-graph with { explanations: true }');
  const ia = egraph.addExact(a), ib = egraph.addExact(b);
  if (egraph.find(ia) !== egraph.find(ib)) return null;
  const ops = asWritten(egraph.ops);
  const maxSteps = opts.maxSteps ?? 100_000;
  const terms = new Map<number, T>();
  const termOf = (id: number): T => exactTerm(egraph, id, terms);
  const steps: ExplanationStep<T>[] = [];
  let cur = termOf(ia);
  const start = cur;

  const go = (u: number, v: number, pos: readonly number[]): void => {
    if (u === v) return;
    for (const e of forest.path(u, v)) {
      const r = forest.reasons[e.reason]!;
      if (r.kind === 'congruence') {
        const n = egraph.nodeArity(e.from);
        for (let i = 0; i < n; i++) go(egraph.exactChild(e.from, i), egraph.exactChild(e.to, i), [...pos, i]);
        continue;
      }
      if (steps.length >= maxSteps) throw new LimitError('explanation', `explanation longer than ${maxSteps} steps`);
      cur = replaceAt(ops, cur, pos, 0, termOf(e.to));
      const forward = r.kind === 'rule' && r.reverse ? !e.forward : e.forward;
      const rule = r.kind === 'rule' ? r.name : r.kind === 'fold' ? 'constant-fold' : r.name;
      steps.push({ rule, asserted: r.kind === 'asserted', direction: forward ? 'forward' : 'backward', position: pos, term: cur });
    }
  };
  go(ia, ib, []);
  return { start, steps: shorten(ops, start, steps), end: termOf(ib) };
}

/**
 * The representation built as written: the positions of an explanation index the e-nodes'
 * children, which a canonical constructor would reorder (`termOps` sorts sums and products).
 */
function asWritten<T>(ops: TermOps<T>): TermOps<T> {
  return ops === (termOps as unknown as TermOps<T>) ? (writtenOps as unknown as TermOps<T>) : ops;
}

/** The term an id stands for: its e-node with its exact children, all the way down. */
function exactTerm<D, T>(eg: EGraph<D, T>, id: number, memo: Map<number, T>): T {
  const hit = memo.get(id);
  if (hit !== undefined) return hit;
  const stack = [id];
  while (stack.length > 0) {
    const x = stack[stack.length - 1]!;
    if (memo.has(x)) {
      stack.pop();
      continue;
    }
    const n = eg.nodeArity(x);
    const code = eg.nodeCode(x);
    if (code < 0) {
      memo.set(x, eg.leafOfCode(code));
      stack.pop();
      continue;
    }
    let ready = true;
    const args: T[] = [];
    for (let i = 0; i < n; i++) {
      const k = eg.exactChild(x, i);
      const t = memo.get(k);
      if (t === undefined) {
        ready = false;
        stack.push(k);
      } else args.push(t);
    }
    if (!ready) continue;
    memo.set(x, asWritten(eg.ops).makeTerm(null, operatorById(code), args));
    stack.pop();
  }
  return memo.get(id)!;
}

/** `t` with the subterm at `pos` (from index `at`) replaced by `sub`, rebuilt as written. */
function replaceAt<T>(ops: TermOps<T>, t: T, pos: readonly number[], at: number, sub: T): T {
  if (at === pos.length) return sub;
  const args = ops.args(t).slice();
  args[pos[at]!] = replaceAt(ops, args[pos[at]!]!, pos, at + 1, sub);
  return ops.makeTerm(t, ops.operation(t), args);
}

function subtermAt<T>(ops: TermOps<T>, t: T, pos: readonly number[]): T | undefined {
  let u: T | undefined = t;
  for (const i of pos) {
    if (u === undefined || !ops.isCall(u)) return undefined;
    u = ops.args(u)[i];
  }
  return u;
}

/** Cuts loops: when a term comes back, the steps since its first appearance go. */
function shorten<T>(ops: TermOps<T>, start: T, steps: readonly ExplanationStep<T>[]): ExplanationStep<T>[] {
  const eq = equalFor(ops);
  const out: ExplanationStep<T>[] = [];
  const seen: T[] = [start];
  for (const s of steps) {
    const j = seen.findIndex((t) => eq(t, s.term));
    if (j >= 0) {
      out.length = j;
      seen.length = j + 1;
      continue;
    }
    out.push(s);
    seen.push(s.term);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Checking

export interface StepCheck {
  readonly index: number;
  /** true: replayed; 'assumed': an asserted union or a rule whose right side is code; false: wrong. */
  readonly ok: boolean | 'assumed';
  readonly message: string;
}

/**
 * Replays an explanation without an e-graph. `valid` is true when no step is wrong (assumed
 * steps are allowed; `assumed` counts them).
 * @example checkExplanation(explain(eg, a, b)!, theory).valid // true
 */
export function checkExplanation<T = Term>(
  ex: Explanation<T>, rules: Theory<T> | readonly (Rule<T> | Theory<T>)[],
  /** `ops`: the terms' representation, built as written. Default: `writtenOps`. */
  opts: { ops?: TermOps<T> } = {},
): { valid: boolean; assumed: number; steps: StepCheck[] } {
  const byName = new Map<string, Rule<T>>();
  const add = (rs: Theory<T> | readonly (Rule<T> | Theory<T>)[]): void => {
    for (const r of isTheory<T>(rs) ? rs.rules : rs) {
      if (r instanceof Rule) byName.set(r.name, r);
      else if (isTheory<T>(r)) add(r);
    }
  };
  add(rules);
  const ops = opts.ops ?? (writtenOps as unknown as TermOps<T>);
  const checks: StepCheck[] = [];
  let prev = ex.start;
  ex.steps.forEach((step, index) => {
    checks.push(checkStep(step, prev, byName, ops, index));
    prev = step.term;
  });
  if (!equalFor(ops)(prev, ex.end)) checks.push({ index: ex.steps.length, ok: false, message: 'the steps do not end at the end term' });
  return { valid: checks.every((c) => c.ok !== false), assumed: checks.filter((c) => c.ok === 'assumed').length, steps: checks };
}

function checkStep<T>(step: ExplanationStep<T>, before: T, rules: ReadonlyMap<string, Rule<T>>, ops: TermOps<T>, index: number): StepCheck {
  if (step.asserted) return { index, ok: 'assumed', message: `asserted (${step.rule})` };
  const rule = rules.get(step.rule);
  const eq = equalFor(ops);
  const from = subtermAt(ops, before, step.position);
  const to = subtermAt(ops, step.term, step.position);
  if (from === undefined || to === undefined) return { index, ok: false, message: `no subterm at position [${step.position.join(', ')}]` };
  if (!eq(replaceAt(ops, before, step.position, 0, to), step.term)) return { index, ok: false, message: 'the step changes the term outside its position' };
  if (step.rule === 'constant-fold') {
    const [call, value] = step.direction === 'forward' ? [from, to] : [to, from];
    const v = fold(ops, call);
    return v !== null && ops.isNumber(value) && N.isExact(v) === N.isExact(ops.numberValue(value)) && N.equals(v, ops.numberValue(value))
      ? { index, ok: true, message: '' }
      : { index, ok: false, message: 'constant folding does not give this value' };
  }
  if (rule === undefined) return { index, ok: false, message: `unknown rule '${step.rule}'` };
  // A backward step is the forward rule from the term after to the term before.
  const [source, target] = step.direction === 'forward' ? [from, to] : [to, from];
  if (rule.rhs === null) {
    // A computed right side: run it on the matches of the subterm, as the classical engine would.
    const dynamic = rule.dynamic!;
    const m = rule.matcherFor(ops);
    let replayed = false;
    m.match(source, (sub) => {
      const ctx = { ops, term: source, rule };
      if (rule.where !== null && !rule.where(sub, ctx)) return false;
      const out = dynamic(sub, ctx);
      replayed = out !== null && eq(out, target);
      return replayed;
    });
    return replayed ? { index, ok: true, message: '' } : { index, ok: 'assumed', message: `rule ${rule.name} computes its right side (not reproduced here)` };
  }
  const lhs = rule.lhs, rhs = rule.rhs;
  if (lhs.type === 'var') {
    // a bare variable matches anything: build the right side from it
    const inst = instantiateTerm(ops, rhs, new Map([[lhs.name, source as Binding<T>]]));
    return inst !== null && eq(inst, target) ? { index, ok: true, message: '' } : { index, ok: false, message: `rule ${rule.name} does not give this term` };
  }
  const m = compileMatcher(ops, lhs);
  let ok = false;
  m.match(source, (s) => {
    const inst = instantiateTerm(ops, rhs, new Map(s.names().map((n) => [n, s.get(n)!])));
    ok = inst !== null && eq(inst, target);
    return ok;
  });
  return ok ? { index, ok: true, message: '' } : { index, ok: false, message: `rule ${rule.name} (${step.direction}) does not rewrite the subterm so` };
}

/** A pattern built as written from bindings; null when a variable is unbound. */
function instantiateTerm<T>(ops: TermOps<T>, p: Pattern, b: ReadonlyMap<string, Binding<T>>): T | null {
  switch (p.type) {
    case 'number': return ops.makeNumber(p.value);
    case 'symbol': return ops.makeSymbol(p.name);
    case 'var': return (b.get(p.name) as T | undefined) ?? null;
    case 'segment': return null;
    case 'call': {
      const args: T[] = [];
      for (const a of p.args) {
        if (a.type === 'segment') {
          const run = b.get(a.name) as readonly T[] | undefined;
          if (run === undefined) return null;
          args.push(...run);
        } else {
          const t = instantiateTerm(ops, a, b);
          if (t === null) return null;
          args.push(t);
        }
      }
      return ops.makeTerm(null, p.op, args);
    }
  }
}

/** The value constant folding gives a call of numbers (as `ConstantFolding.make`), or null. */
function fold<T>(ops: TermOps<T>, t: T): Value | null {
  if (!ops.isCall(t)) return null;
  const op = ops.operation(t);
  if (op.kind !== 'arithmetic' && op.kind !== 'function') return null;
  const args = ops.args(t);
  if (args.length === 0 || !args.every((a) => ops.isNumber(a))) return null;
  const values = args.map((a) => ops.numberValue(a));
  if (values.every(N.isExact)) return op.exact?.(values) ?? null;
  if (op.float === undefined) return null;
  const r = op.float(...values.map(N.toFloat));
  return Number.isFinite(r) ? r : null;
}
