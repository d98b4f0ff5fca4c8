/**
 * Rules in the e-graph: the rule language's `Rule` objects (the ones the classical rewriter
 * runs), read unchanged and compiled once into searchers and appliers, as egg's `Rewrite`.
 *
 * - A directed rule `lhs --> rhs` gives one rewrite; an equality `lhs == rhs` gives two, the
 *   second (`<name>-rev`) right to left when the right side binds every variable
 *   (`rule.reversible`).
 * - Searching e-matches the left side (`ematch.ts`) and returns the matches.
 * - Applying adds the right side instantiated with each match's classes and unions it with
 *   the matched class; the number of unions that changed something is the number of
 *   applications. A dynamic rule's function returns a term, which is added instead (null
 *   declines the match).
 * - A side condition (`where`) runs at application time. It receives a substitution whose
 *   `term(name)` is a representative term of the bound class (the smallest, computed on
 *   demand) and a context that is a `RuleContext` (its `term` is the matched class's
 *   representative) extended with the e-graph: `egraphContext(ctx)` gives `egraph`, `eclass`
 *   and `id(name)` (the class bound to a variable), so conditions can read analysis data,
 *   as egg's conditions do (see `conditions.ts`); `instantiate(pattern)` adds a pattern under
 *   the match's bindings (egg's `ConditionEqual` compares two such classes).
 * - `egraphRule(name, lhs, applier)` makes an e-graph-only rule whose right side is a function
 *   returning the class to union (egg's custom `Applier`, e.g. capture-avoiding substitution
 *   with fresh variables).
 *
 * Not supported inside the e-graph: AC matching (see `ematch.ts`) and the classical engine's
 * partial matches of sums and products (`acRest`).
 *
 * @example
 * const [rw] = egraphRewrites([rule('comm-add', '(+ ?a ?b) --> (+ ?b ?a)', { syntax: 'sexpr', mode: 'written' })]);
 * rw.apply(eg, rw.search(eg)); // number of new unions
 */
import type { Term } from '../term/term.js';
import type { TermOps } from '../term/interface.js';
import type { Operator } from '../term/operator.js';
import * as N from '../term/number.js';
import { EquateError } from '../term/errors.js';
import type { Pattern } from '../rewrite/pattern.js';
import { Rule, rule, type RuleContext, type RuleOptions, type Condition, type DynamicRhs } from '../rewrite/rule.js';
import { isTheory, type Theory } from '../rewrite/theory.js';
import { Subst, type Binding } from '../rewrite/matcher.js';
import type { EGraph } from './egraph.js';
import { compilePattern, Matches, type EPattern } from './ematch.js';
import { representative } from './extract.js';
import type { Reason } from './explain.js';

/** What a side condition or a dynamic right side sees of an e-graph match. */
export interface EGraphRuleContext<T = Term> extends RuleContext<T> {
  readonly egraph: EGraph<unknown, T>;
  /** The class matched. */
  readonly eclass: number;
  /** The class bound to slot variable `name`. */
  id(name: string): number;
  /** The classes bound to segment variable `name`. */
  ids(name: string): readonly number[];
  /**
   * Adds `pattern` with its variables bound as in the match (and as in `extra`, which wins)
   * and returns its class: what an applier adds, or what a condition compares (egg's
   * `ConditionEqual`).
   */
  instantiate(pattern: Pattern, extra?: Readonly<Record<string, number>>): number;
}

/**
 * An e-graph applier (egg's `Applier`): given a match, the class to union with the matched
 * class, or null to decline. It adds what it needs with `ctx.instantiate` or the e-graph's
 * own methods.
 */
export type Applier<T = Term> = (ctx: EGraphRuleContext<T>, subst: Subst<T>) => number | null;

/**
 * The e-graph part of a rule context, or null when the rule runs in the classical engine.
 * @example rule('distinct', '(f ?a ?b) --> (g ?a ?b)', { syntax: 'sexpr', mode: 'written', where: (_s, ctx) => { const e = egraphContext(ctx); return e === null || e.id('a') !== e.id('b'); } })
 */
export function egraphContext<T>(ctx: RuleContext<T>): EGraphRuleContext<T> | null {
  return (ctx as Partial<EGraphRuleContext<T>>).egraph !== undefined ? (ctx as EGraphRuleContext<T>) : null;
}

type Instantiate = (eg: EGraph<unknown, unknown>, data: readonly number[], base: number, segs: readonly Int32Array[]) => number;

/**
 * What the runner and the schedulers need of a rewrite: a name, a search and an application
 * (`ERewrite` for rules, `MultiRewrite` for multi-patterns, or any other).
 */
export interface EGraphRewrite<T = Term> {
  readonly name: string;
  /** The matches (at most `limit`). */
  search<D>(egraph: EGraph<D, T>, limit?: number): Matches;
  /** Applies the matches; returns the number of unions that changed the e-graph. */
  apply<D>(egraph: EGraph<D, T>, matches: Matches): number;
}

/** One direction of a rule, compiled for the e-graph. */
export class ERewrite<T = Term> implements EGraphRewrite<T> {
  /** The rule's name, or `<name>-rev` for the right-to-left direction of an equality. */
  readonly name: string;
  readonly rule: Rule<T>;
  /** The pattern searched. */
  readonly lhs: Pattern;
  /** The pattern added (null for a dynamic rule). */
  readonly rhs: Pattern | null;
  readonly searcher: EPattern;
  readonly where: Condition<T> | null;
  readonly dynamic: DynamicRhs<T> | null;
  /** The e-graph applier of a rule made by `egraphRule`, else null. */
  readonly applier: Applier<T> | null;
  /** True for the right-to-left direction of an equality. */
  readonly reverse: boolean;
  private readonly instantiate: Instantiate | null;
  private instantiateLeft: Instantiate | null = null;

  constructor(rule: Rule<T>, reverse: boolean, applier: Applier<T> | null = null) {
    this.rule = rule;
    this.reverse = reverse;
    this.name = reverse ? `${rule.name}-rev` : rule.name;
    this.lhs = reverse ? rule.rhs! : rule.lhs;
    this.rhs = reverse ? rule.lhs : rule.rhs;
    this.searcher = compilePattern(this.lhs);
    this.where = rule.where;
    this.applier = applier;
    this.dynamic = reverse || applier !== null ? null : rule.dynamic;
    this.instantiate = this.rhs === null ? null : compileInstantiate(this.rhs, this.searcher.index, this.lhs, this.name);
  }

  /**
   * The matches of the left side (at most `limit`).
   * @example rw.search(eg).count
   */
  search<D>(egraph: EGraph<D, T>, limit = Infinity): Matches {
    return this.searcher.search(egraph, limit);
  }

  /**
   * Applies the rewrite to matches found by `search`: returns the number of unions that
   * changed the e-graph.
   */
  apply<D>(egraph: EGraph<D, T>, matches: Matches): number {
    const eg = egraph as unknown as EGraph<unknown, unknown>;
    const data = matches.data, stride = matches.stride, segs = matches.segments;
    const where = this.where, dynamic = this.dynamic, applier = this.applier, inst = this.instantiate;
    const ctx = where !== null || dynamic !== null || applier !== null ? new MatchContext<T>(egraph as unknown as EGraph<unknown, T>, this, matches) : null;
    // With explanations, the left side is added too, to name the exact term rewritten.
    const left = egraph.proofs !== null ? (this.instantiateLeft ??= compileInstantiate(this.lhs, this.searcher.index, this.lhs, this.name)) : null;
    const reason: Reason = { kind: 'rule', name: this.rule.name, reverse: this.reverse };
    let changed = 0;
    for (let i = 0; i < matches.count; i++) {
      const base = i * stride;
      const root = data[base]!;
      if (ctx !== null) ctx.at(i);
      if (where !== null && !where(ctx!.subst, ctx!)) continue;
      let id: number;
      if (applier !== null) {
        const r = applier(ctx!, ctx!.subst);
        if (r === null) continue;
        id = r;
      } else if (dynamic !== null) {
        const t = dynamic(ctx!.subst, ctx!);
        if (t === null) continue;
        id = egraph.addExact(t);
      } else id = inst!(eg, data, base, segs);
      if (left !== null ? egraph.unionBecause(left(eg, data, base, segs), id, reason) : egraph.union(root, id)) changed++;
    }
    return changed;
  }

  toString(): string {
    return this.name;
  }
}

const cache = new WeakMap<object, ERewrite<unknown>[]>();

/**
 * The e-graph rewrites of rules and theories (flattened in order): one per directed rule, two
 * per reversible equality. Compiled once per rule object.
 * @example egraphRewrites(theory('t', [rule('comm', '(+ ?a ?b) == (+ ?b ?a)', { syntax: 'sexpr', mode: 'written' })])).map(String) // ['comm', 'comm-rev']
 */
export function egraphRewrites<T = Term>(rules: Theory<T> | Rule<T> | readonly (Rule<T> | Theory<T> | EGraphRewrite<T>)[]): EGraphRewrite<T>[] {
  const list = rules instanceof Rule ? [rules] : isTheory<T>(rules) ? rules.rules : (rules as readonly (Rule<T> | Theory<T> | EGraphRewrite<T>)[]);
  const out: EGraphRewrite<T>[] = [];
  for (const r of list) {
    if (r instanceof Rule) {
      let rws = cache.get(r) as ERewrite<T>[] | undefined;
      if (rws === undefined) {
        rws = [new ERewrite(r, false)];
        if (r.kind === 'equality' && r.reversible && r.rhs !== null) rws.push(new ERewrite(r, true));
        cache.set(r, rws as ERewrite<unknown>[]);
      }
      out.push(...rws);
    } else if (isTheory<T>(r)) out.push(...egraphRewrites(r));
    else if (typeof (r as EGraphRewrite<T>).search === 'function' && typeof (r as EGraphRewrite<T>).apply === 'function') out.push(r as EGraphRewrite<T>);
    else throw new EquateError('expected rules, theories or e-graph rewrites');
  }
  return out;
}

/**
 * A rule for the e-graph only, whose right side is an applier (egg's custom `Applier`): the
 * left side (text or pattern) and options as for `rule`. In the classical engine it never
 * applies.
 * @example egraphRule('fresh', '(lam ?v ?body)', (ctx) => ctx.instantiate(P('(lam ?f ?body)'), { f: ctx.egraph.add(sym(`_${ctx.eclass}`)) }), S)
 */
export function egraphRule<T = Term>(name: string, lhs: string | Pattern, applier: Applier<T>, opts: RuleOptions<T> = {}): ERewrite<T> {
  const r = rule<T>(name, lhs, () => null, opts as RuleOptions<T> & { ops: TermOps<T> });
  return new ERewrite<T>(r, false, applier);
}

// ---------------------------------------------------------------------------------------
// Side conditions and dynamic right sides: the match seen as a substitution and a context

/** A substitution over an e-graph match: slots hold representative terms, made on demand. */
class EGraphSubst<T> extends Subst<T> {
  matches: Matches | null = null;
  base = 0;

  constructor(index: ReadonlyMap<string, number>, segments: readonly boolean[], private readonly egraph: EGraph<unknown, T>) {
    super(index, segments, new Array<Binding<T> | undefined>(segments.length).fill(undefined));
  }

  /** The raw entry of slot `i` (a class id, or a segment index). */
  raw(i: number): number {
    return this.matches!.data[this.base + 1 + i]!;
  }

  private fill(i: number): void {
    if (this.values[i] !== undefined) return;
    const eg = this.egraph;
    this.values[i] = this.segments[i]
      ? Array.from(this.matches!.segments[this.raw(i)]!, (c) => representative(eg, c))
      : representative(eg, this.raw(i));
  }

  private fillAll(): void {
    for (let i = 0; i < this.values.length; i++) this.fill(i);
  }

  override get(name: string): Binding<T> | undefined {
    const i = this.index.get(name);
    if (i !== undefined) this.fill(i);
    return super.get(name);
  }

  override term(name: string): T {
    const i = this.index.get(name);
    if (i !== undefined) this.fill(i);
    return super.term(name);
  }

  override terms(name: string): readonly T[] {
    const i = this.index.get(name);
    if (i !== undefined) this.fill(i);
    return super.terms(name);
  }

  override names(): string[] {
    return [...this.index.keys()];
  }

  override toObject(): Record<string, Binding<T>> {
    this.fillAll();
    return super.toObject();
  }

  override copy(): Subst<T> {
    this.fillAll();
    return super.copy();
  }
}

class MatchContext<T> implements EGraphRuleContext<T> {
  readonly ops: TermOps<T>;
  readonly rule: Rule<T>;
  readonly egraph: EGraph<unknown, T>;
  readonly subst: EGraphSubst<T>;
  eclass = -1;
  private readonly matches: Matches;

  constructor(egraph: EGraph<unknown, T>, rw: ERewrite<T>, matches: Matches) {
    this.egraph = egraph;
    this.rule = rw.rule;
    this.ops = rw.rule.ops;
    this.matches = matches;
    const vars = rw.searcher.variables;
    this.subst = new EGraphSubst<T>(rw.searcher.index, vars.map((v) => v.segment), egraph);
    this.subst.matches = matches;
  }

  at(i: number): void {
    const base = i * this.matches.stride;
    this.eclass = this.matches.data[base]!;
    this.subst.base = base;
    this.subst.values.fill(undefined);
  }

  get term(): T {
    return representative(this.egraph, this.eclass);
  }

  id(name: string): number {
    const i = this.subst.index.get(name);
    if (i === undefined || this.subst.segments[i]) throw new EquateError(`pattern variable '${name}' is not a bound slot`);
    return this.egraph.find(this.subst.raw(i));
  }

  ids(name: string): readonly number[] {
    const i = this.subst.index.get(name);
    if (i === undefined || !this.subst.segments[i]) throw new EquateError(`pattern variable '${name}' is not a bound segment`);
    return Array.from(this.matches.segments[this.subst.raw(i)]!, (c) => this.egraph.find(c));
  }

  instantiate(pattern: Pattern, extra?: Readonly<Record<string, number>>): number {
    const eg = this.egraph;
    const bound = (name: string): number | readonly number[] => {
      if (extra !== undefined && Object.prototype.hasOwnProperty.call(extra, name)) return extra[name]!;
      const i = this.subst.index.get(name);
      if (i === undefined) throw new EquateError(`pattern variable '${name}' is not bound`);
      return this.subst.segments[i] ? this.ids(name) : this.id(name);
    };
    const go = (q: Pattern): number => {
      switch (q.type) {
        case 'number': return eg.addLeaf(eg.ops.makeNumber(q.value));
        case 'symbol': return eg.addLeaf(eg.ops.makeSymbol(q.name));
        case 'var': return bound(q.name) as number;
        case 'segment': throw new EquateError('instantiate: a segment variable must be an argument of a call');
        case 'call': {
          const ids: number[] = [];
          for (const a of q.args) {
            if (a.type === 'segment') ids.push(...(bound(a.name) as readonly number[]));
            else ids.push(go(a));
          }
          return eg.addNode(q.op, ids);
        }
      }
    };
    return go(pattern);
  }
}

// ---------------------------------------------------------------------------------------
// Right sides

/** The operator a right side that is a bare segment is wrapped in: the left side's head. */
function segmentHost(lhs: Pattern, name: string): Operator {
  if (lhs.type === 'call' && lhs.op.associative) return lhs.op;
  throw new EquateError(`rule ${name}: a right side that is a segment needs a + or * call on the left`);
}

/**
 * Compiles a right side into a function adding its instance to the e-graph: variables give
 * the matched classes, calls add e-nodes (a `+` / `*` left with one argument by an empty
 * segment is that argument, with none its identity).
 */
function compileInstantiate(p: Pattern, index: ReadonlyMap<string, number>, lhs: Pattern, name: string): Instantiate {
  const leaf = (eg: EGraph<unknown, unknown>, q: Pattern): number => {
    if (q.type === 'number') return eg.addLeaf(eg.ops.makeNumber(q.value));
    if (q.type === 'symbol') return eg.addLeaf(eg.ops.makeSymbol(q.name));
    throw new EquateError('unreachable');
  };
  const collapse = (eg: EGraph<unknown, unknown>, op: Operator, ids: number[]): number => {
    if (ids.length >= op.minArity) return eg.addCall(op, ids, 0, ids.length);
    if (op.associative && ids.length === 1) return ids[0]!;
    if (ids.length === 0 && op.identity !== undefined) return eg.addLeaf(eg.ops.makeNumber(N.exact(op.identity)));
    throw new EquateError(`rule ${name}: ${op.name} takes at least ${op.minArity} arguments, the right side gives ${ids.length}`);
  };
  const go = (q: Pattern): Instantiate => {
    switch (q.type) {
      case 'number':
      case 'symbol':
        return (eg) => leaf(eg, q);
      case 'var': {
        const slot = 1 + index.get(q.name)!;
        return (_eg, data, base) => data[base + slot]!;
      }
      case 'segment': {
        const op = segmentHost(lhs, name);
        const slot = 1 + index.get(q.name)!;
        return (eg, data, base, segs) => collapse(eg, op, Array.from(segs[data[base + slot]!]!));
      }
      case 'call': {
        const op = q.op;
        const parts = q.args.map((a) => (a.type === 'segment' ? 1 + index.get(a.name)! : go(a)));
        if (parts.every((x) => typeof x !== 'number')) {
          const kids = parts as Instantiate[];
          const n = kids.length;
          const buf = new Int32Array(n);
          const code = op.id;
          // the arity was checked when the pattern was made
          return (eg, data, base, segs) => {
            for (let i = 0; i < n; i++) buf[i] = kids[i]!(eg, data, base, segs);
            return eg.addUnchecked(code, buf, n);
          };
        }
        return (eg, data, base, segs) => {
          const ids: number[] = [];
          for (const part of parts) {
            if (typeof part === 'number') for (const c of segs[data[base + part]!]!) ids.push(c);
            else ids.push(part(eg, data, base, segs));
          }
          return collapse(eg, op, ids);
        };
      }
    }
  };
  return go(p);
}
