/**
 * Rules: `lhs --> rhs` (directed: the left side is replaced by the right) and `lhs == rhs`
 * (an equality: the e-graph uses it both ways, the classical rewriter left to right). Every
 * rule has a name. A rule may carry a side condition (`where`) and may compute its right
 * side (a dynamic rule: a function of the match that returns the replacement, or null to
 * decline).
 *
 * A rule is plain data (`lhs` and `rhs` patterns, `where`, `dynamic`) plus compiled code:
 * `matcher` (its left side compiled for `ops`) and `apply(t)`, the rewriter the classical
 * engine runs: the first match that passes `where` and yields a different term gives the
 * result; null means no change. Right sides are rebuilt with `ops.makeTerm` (canonical for
 * `termOps`).
 *
 * Partial matches of sums and products (`acRest`, on by default for `apply`): a left side
 * that is a `+` or `*` call without a segment variable also matches some of the arguments of
 * a longer sum or product, the others being kept: `sin(~x)^2 + cos(~x)^2 --> 1` turns
 * `a + sin(y)^2 + cos(y)^2` into `a + 1` (as SymbolicUtils.jl's `@acrule`). One `apply`
 * replaces every disjoint group of arguments that matches, in one rebuild of the call.
 *
 * @example rule('sin-cos', 'sin(~x)^2 + cos(~x)^2 --> 1').apply(parse('a + sin(y)^2 + cos(y)^2')) // 1 + a
 * @example rule('add-zero', '(+ ?x 0) --> ?x', { syntax: 'sexpr', mode: 'written' })
 */
import type { Term } from '../term/term.js';
import { termOps, writtenOps, type TermOps } from '../term/interface.js';
import type { Operator } from '../term/operator.js';
import { ADD } from '../term/operators.js';
import * as N from '../term/number.js';
import { EquateError } from '../term/errors.js';
import {
  type Pattern, type PatternOptions, type CallPattern, checkPattern, isGround, parsePattern, pcall, printPattern, variables,
} from './pattern.js';
import { compileMatcher, type Binding, type Matcher, type Subst } from './matcher.js';
import { activeBudget } from './budget.js';

/** What a side condition or a dynamic right side sees besides the bindings. */
export interface RuleContext<T> {
  readonly ops: TermOps<T>;
  /** The term matched (for a partial match of a sum or product, the whole call). */
  readonly term: T;
  readonly rule: Rule<T>;
}

/** A side condition: the rule applies to a match only when it returns true. */
export type Condition<T> = (s: Subst<T>, ctx: RuleContext<T>) => boolean;

/** A computed right side: the replacement for a match, or null to decline it. */
export type DynamicRhs<T> = (s: Subst<T>, ctx: RuleContext<T>) => T | null;

export interface RuleOptions<T> extends PatternOptions {
  /** The term representation `apply` works on. Default: `termOps`, or `writtenOps` with `mode: 'written'`. */
  ops?: TermOps<T>;
  /** Side condition. */
  where?: Condition<T>;
  /** For rules given as separate sides: 'directed' (default) or 'equality'. */
  kind?: 'directed' | 'equality';
  /** Let a `+` / `*` left side without a segment match part of a longer sum or product. Default: true. */
  acRest?: boolean;
  /**
   * For a left side that matches every call of its head it admits (`op(~~xs)`, or
   * `op(~a, ~b, ...)` of a non-commutative `op` with plain, distinct slots): the rule's
   * rewrite of such a call computed directly (null for no change), which `apply` runs instead
   * of matching and building. It must give what the rule gives; the e-graph still matches
   * the left side.
   */
  direct?: (t: T) => T | null;
}

type Values<T> = (Binding<T> | undefined)[];
type Build<T> = (v: Values<T>, like: T) => T;

export class Rule<T = Term> {
  readonly name: string;
  readonly kind: 'directed' | 'equality';
  readonly lhs: Pattern;
  /** The right side pattern; null for a dynamic rule. */
  readonly rhs: Pattern | null;
  readonly dynamic: DynamicRhs<T> | null;
  readonly where: Condition<T> | null;
  readonly ops: TermOps<T>;
  readonly acRest: boolean;
  /** True when the right side binds every variable of the left side (the rule can run right to left). */
  readonly reversible: boolean;
  /**
   * The rule's direct rewrite (see `RuleOptions.direct`), or null; it expects a call of the
   * left side's head with `directArity` arguments (any number when -1).
   */
  readonly direct: ((t: T) => T | null) | null = null;
  readonly directArity: number = -1;
  /** The left side compiled for `ops`. */
  readonly matcher: Matcher<T>;
  /**
   * The rewriter of the classical engine: the rewritten term, or null (no match, every match
   * declined, or the active budget exhausted). A bound function, usable as a rewriter.
   */
  readonly apply: (t: T) => T | null;
  private readonly compiled = new WeakMap<TermOps<unknown>, Matcher<unknown>>();

  constructor(name: string, kind: 'directed' | 'equality', lhs: Pattern, rhs: Pattern | DynamicRhs<T>, opts: RuleOptions<T> = {}) {
    if (typeof name !== 'string' || name === '') throw new EquateError('a rule needs a name');
    this.name = name;
    this.kind = kind;
    this.lhs = lhs;
    this.rhs = typeof rhs === 'function' ? null : rhs;
    this.dynamic = typeof rhs === 'function' ? rhs : null;
    this.where = opts.where ?? null;
    this.ops = opts.ops ?? ((opts.mode === 'written' ? writtenOps : termOps) as unknown as TermOps<T>);
    this.acRest = opts.acRest ?? true;
    if (kind === 'equality' && this.dynamic !== null) throw new EquateError(`rule ${name}: an equality needs a pattern on the right, not a function`);

    checkPattern(lhs);
    const left = variables(lhs);
    if (lhs.type === 'var' && lhs.predicate === null && this.where === null) {
      throw new EquateError(`rule ${name}: the left side ${printPattern(lhs)} matches every term (a canonical pattern such as '~x * 1' is just '~x': read it with { mode: 'written' })`);
    }
    if (this.rhs !== null && samePattern(lhs, this.rhs)) {
      throw new EquateError(`rule ${name}: both sides are ${printPattern(lhs)} (canonical form can make them equal: read the rule with { mode: 'written' })`);
    }
    let reversible = true;
    if (this.rhs !== null) {
      if (this.rhs.type === 'segment') segmentHost(name, lhs);
      const right = variables(this.rhs.type === 'segment' ? pcall(lhs.type === 'call' ? lhs.op : ADD, [this.rhs]) : this.rhs);
      const kinds = new Map(left.map((v) => [v.name, v.segment]));
      for (const v of right) {
        const k = kinds.get(v.name);
        if (k === undefined) throw new EquateError(`rule ${name}: the right side uses ${v.segment ? '~~' : '~'}${v.name}, which the left side does not bind`);
        if (k !== v.segment) throw new EquateError(`rule ${name}: ${v.name} is a ${k ? 'segment' : 'slot'} on the left and a ${v.segment ? 'segment' : 'slot'} on the right`);
      }
      const bound = new Set(right.map((v) => v.name));
      reversible = left.every((v) => bound.has(v.name));
    } else reversible = false;
    this.reversible = reversible;

    this.matcher = compileMatcher(this.ops, lhs);
    this.apply = opts.direct !== undefined ? this.makeDirectApply(opts.direct) : this.makeApply();
  }

  /**
   * The left side compiled for another representation (cached per `ops`).
   * @example rule('r', 'sin(~x) --> ~x').matcherFor(writtenOps).first(parse('sin(y)', { mode: 'written' }))?.term('x') // y
   */
  matcherFor<U>(ops: TermOps<U>): Matcher<U> {
    if ((ops as unknown) === this.ops) return this.matcher as unknown as Matcher<U>;
    let m = this.compiled.get(ops as TermOps<unknown>) as Matcher<U> | undefined;
    if (m === undefined) {
      m = compileMatcher(ops, this.lhs);
      this.compiled.set(ops as TermOps<unknown>, m as Matcher<unknown>);
    }
    return m;
  }

  /**
   * The rule read right to left (`rhs --> lhs`), named `<name>-rev`; only for reversible rules.
   * Keeps the side condition (it sees the same variables).
   * @example rule('exp-sum', 'exp(~a + ~b) == exp(~a) * exp(~b)').reversed().name // 'exp-sum-rev'
   */
  reversed(): Rule<T> {
    if (this.rhs === null || !this.reversible) throw new EquateError(`rule ${this.name} cannot be reversed: its right side does not bind every variable of the left`);
    const opts: RuleOptions<T> = { ops: this.ops, acRest: this.acRest };
    if (this.where !== null) opts.where = this.where;
    return new Rule<T>(`${this.name}-rev`, this.kind, this.rhs, this.lhs, opts);
  }

  toString(): string {
    const right = this.rhs === null ? '<function>' : printPattern(this.rhs);
    return `${this.name}: ${printPattern(this.lhs)} ${this.kind === 'equality' ? '==' : '-->'} ${right}`;
  }

  /**
   * `apply` for a left side that matches every call of its head with the arities it admits:
   * the head and arity checked, then `direct` (no matcher, no bindings).
   */
  private makeDirectApply(direct: (t: T) => T | null): (t: T) => T | null {
    const lhs = this.lhs;
    const ops = this.ops;
    const name = this.name;
    const plain = (a: Pattern): boolean => (a.type === 'var' || a.type === 'segment') && a.predicate === null;
    const names = lhs.type === 'call' ? lhs.args.map((a) => (a.type === 'var' || a.type === 'segment' ? a.name : '')) : [];
    const segment = lhs.type === 'call' && lhs.args.length === 1 && lhs.args[0]!.type === 'segment' && plain(lhs.args[0]!);
    const slots = lhs.type === 'call' && !lhs.op.commutative && lhs.args.every((a) => a.type === 'var' && plain(a)) && new Set(names).size === names.length;
    if (lhs.type !== 'call' || this.where !== null || (!segment && !slots)) {
      throw new EquateError(`rule ${name}: a direct rewrite needs a left side op(~~xs), or op(~a, ~b, ...) with distinct plain slots, and no side condition`);
    }
    const op = lhs.op;
    const arity = lhs.args.length;
    (this as { direct: (t: T) => T | null }).direct = direct;
    (this as { directArity: number }).directArity = segment ? -1 : arity;
    return (t: T): T | null => {
      if (!ops.isCall(t) || ops.operation(t) !== op || (!segment && ops.args(t).length !== arity)) return null;
      const budget = activeBudget();
      if (budget !== null && !budget.step()) return null;
      const r = direct(t);
      if (r === null || r === t) return null;
      if (budget !== null && !budget.spend(name)) return null;
      return r;
    };
  }

  private makeApply(): (t: T) => T | null {
    const ops = this.ops;
    const lhs = this.lhs;
    const partial = this.acRest && lhs.type === 'call' && lhs.op.commutative && lhs.op.associative && !lhs.args.some((a) => a.type === 'segment');
    const m = this.matcher;
    const index = new Map(m.variables.map((v, i) => [v.name, i]));
    const build = this.rhs !== null ? compileBuild(ops, this.rhs, index, this.name, lhs) : null;
    const dynamic = this.dynamic;
    const where = this.where;
    const name = this.name;
    const rule = this;

    if (!partial) {
      return (t: T): T | null => {
        const budget = activeBudget();
        if (budget !== null && !budget.step()) return null;
        if (!m.mayMatch(t)) return null;
        let ctx: RuleContext<T> | null = null;
        let result: T | null = null;
        m.match(t, (s) => {
          if (where !== null && !where(s, (ctx ??= { ops, term: t, rule }))) return false;
          const r = dynamic !== null ? dynamic(s, (ctx ??= { ops, term: t, rule })) : build!(s.values, t);
          if (r === null || r === t) return false;
          result = r;
          return true;
        });
        if (result !== null && budget !== null && !budget.spend(name)) return null;
        return result;
      };
    }

    // A partial match replaces some arguments; the rule then goes on with the arguments left,
    // replacing disjoint groups until none matches, and the call is rebuilt once (one
    // application counted per group). A long sum is thus rewritten in one pass, not in one
    // rebuild of the whole sum per group.
    const op = (lhs as CallPattern).op;
    return (t: T): T | null => {
      const budget = activeBudget();
      if (budget !== null && !budget.step()) return null;
      if (!m.mayMatch(t)) return null;
      const args = ops.args(t);
      let ctx: RuleContext<T> | null = null;
      let taken: Uint8Array | null = null;
      let pieces: T[] | null = null;
      let from = 0;
      for (;;) {
        let piece: T | null = null;
        let mask: Uint8Array | null = null;
        m.matchArgs(args, taken ?? new Uint8Array(args.length), (s, used, first) => {
          if (where !== null && !where(s, (ctx ??= { ops, term: t, rule }))) return false;
          const r = dynamic !== null ? dynamic(s, (ctx ??= { ops, term: t, rule })) : build!(s.values, t);
          if (r === null) return false;
          piece = r;
          mask = used.slice();
          from = first < 0 ? 0 : first;
          return true;
        }, from);
        if (piece === null) break;
        if (budget !== null && !budget.spend(name)) break;
        (pieces ??= []).push(piece);
        taken = mask;
      }
      if (pieces === null) return null;
      for (let j = 0; j < args.length; j++) if (taken![j] === 0) pieces.push(args[j]!);
      const result = pieces.length === 1 ? pieces[0]! : ops.makeTerm(t, op, pieces);
      return result === t ? null : result;
    };
  }
}

/** Structural equality of patterns. */
function samePattern(a: Pattern, b: Pattern): boolean {
  switch (a.type) {
    case 'number': return b.type === 'number' && N.equals(a.value, b.value);
    case 'symbol': return b.type === 'symbol' && a.name === b.name;
    case 'var':
    case 'segment': return b.type === a.type && a.name === b.name && a.predicate === (b as typeof a).predicate;
    case 'call': return b.type === 'call' && a.op === b.op && a.args.length === b.args.length && a.args.every((x, i) => samePattern(x, b.args[i]!));
  }
}

/** The operator a right side that is a bare segment is wrapped in: the left side's head. */
function segmentHost(name: string, lhs: Pattern): Operator {
  if (lhs.type === 'call' && lhs.op.associative) return lhs.op;
  throw new EquateError(`rule ${name}: a right side that is a segment needs a + or * call on the left`);
}

/**
 * Compiles a right side into a builder: variables from the match, ground parts built once
 * (on first use), calls with `ops.makeTerm`; a segment's terms are spliced into the call's
 * arguments, and a `+` / `*` left with fewer than two arguments becomes its one argument or
 * its identity.
 */
function compileBuild<T>(ops: TermOps<T>, p: Pattern, index: ReadonlyMap<string, number>, name: string, lhs: Pattern): Build<T> {
  const collapse = (op: Operator, args: T[], like: T): T => {
    if (args.length >= op.minArity) return ops.makeTerm(like, op, args);
    if (op.associative && args.length === 1) return args[0]!;
    if (args.length === 0 && op.identity !== undefined) return ops.makeNumber(N.exact(op.identity));
    throw new EquateError(`rule ${name}: ${op.name} takes at least ${op.minArity} arguments, the right side gives ${args.length}`);
  };
  const go = (q: Pattern): Build<T> => {
    if (isGround(q)) {
      let built: T | undefined;
      const make = (like: T): T => {
        if (q.type === 'number') return ops.makeNumber(q.value);
        if (q.type === 'symbol') return ops.makeSymbol(q.name);
        const c = q as { op: Operator; args: readonly Pattern[] };
        return ops.makeTerm(like, c.op, c.args.map((a) => go(a)([], like)));
      };
      return (_v, like) => (built ??= make(like));
    }
    switch (q.type) {
      case 'var': {
        const slot = index.get(q.name)!;
        return (v) => v[slot] as T;
      }
      case 'segment': {
        const op = segmentHost(name, lhs);
        const slot = index.get(q.name)!;
        return (v, like) => collapse(op, (v[slot] as readonly T[]).slice(), like);
      }
      case 'call': {
        const op = q.op;
        const parts = q.args.map((a) => (a.type === 'segment' ? index.get(a.name)! : go(a)));
        return (v, like) => {
          const args: T[] = [];
          for (const part of parts) {
            if (typeof part === 'number') {
              const seq = v[part] as readonly T[];
              for (let i = 0; i < seq.length; i++) args.push(seq[i]!);
            } else args.push(part(v, like));
          }
          return collapse(op, args, like);
        };
      }
      default:
        throw new EquateError('unreachable');
    }
  };
  return go(p);
}

/** Splits rule text at its arrow: `lhs --> rhs` or `lhs == rhs`. */
function splitRule(name: string, text: string): [string, string, 'directed' | 'equality'] {
  const arrow = text.indexOf('-->');
  const eq = text.indexOf('==');
  if (arrow >= 0 && eq >= 0) throw new EquateError(`rule ${name}: use either '-->' or '==', not both`);
  const at = arrow >= 0 ? arrow : eq;
  if (at < 0) throw new EquateError(`rule ${name}: expected 'lhs --> rhs' or 'lhs == rhs'`);
  const width = arrow >= 0 ? 3 : 2;
  const token = arrow >= 0 ? '-->' : '==';
  if (text.indexOf(token, at + width) >= 0) throw new EquateError(`rule ${name}: more than one '${token}'`);
  const left = text.slice(0, at).trim(), right = text.slice(at + width).trim();
  if (left === '' || right === '') throw new EquateError(`rule ${name}: a side of '${token}' is empty`);
  return [left, right, arrow >= 0 ? 'directed' : 'equality'];
}

/**
 * Makes a rule, from text (`'lhs --> rhs'`, `'lhs == rhs'`), or from a left side and a right
 * side (each a pattern or pattern text; the right side may be a function: a dynamic rule).
 * Text is infix (`~x`, `~~xs`, `~x::pred`) unless `syntax: 'sexpr'` (`?x`, `?xs...`,
 * `?x::pred`), read in canonical mode unless `mode: 'written'`.
 *
 * @example rule('mul-one', '~x * 1 --> ~x', { mode: 'written' })
 * @example rule('pythagoras', 'sin(~x)^2 + cos(~x)^2 == 1')
 * @example rule('sqrt-square', 'sqrt(~x^2) --> ~x', { where: (s) => (s.term('x').flags & Assume.positive) !== 0 })
 * @example rule('fold', '~a::isNumber * ~b::isNumber', (s, { ops }) => ops.makeNumber(N.mul(ops.numberValue(s.term('a')), ops.numberValue(s.term('b')))!), { mode: 'written' })
 */
export function rule(name: string, text: string, opts?: RuleOptions<Term>): Rule<Term>;
export function rule<T>(name: string, text: string, opts: RuleOptions<T> & { ops: TermOps<T> }): Rule<T>;
export function rule(name: string, lhs: string | Pattern, rhs: string | Pattern | DynamicRhs<Term>, opts?: RuleOptions<Term>): Rule<Term>;
export function rule<T>(name: string, lhs: string | Pattern, rhs: string | Pattern | DynamicRhs<T>, opts: RuleOptions<T> & { ops: TermOps<T> }): Rule<T>;
export function rule<T>(
  name: string, a: string | Pattern, b?: string | Pattern | DynamicRhs<T> | RuleOptions<T>, c?: RuleOptions<T>,
): Rule<T> {
  const sides = typeof b === 'string' || typeof b === 'function' || (typeof b === 'object' && b !== null && 'type' in b);
  if (!sides) {
    const opts = (b ?? {}) as RuleOptions<T>;
    if (typeof a !== 'string') throw new EquateError(`rule ${name}: give the rule as text, or a left and a right side`);
    if (opts.kind !== undefined) throw new EquateError(`rule ${name}: the arrow of the text gives the kind`);
    const [left, right, kind] = splitRule(name, a);
    return new Rule<T>(name, kind, parsePattern(left, opts), parsePattern(right, opts), opts);
  }
  const opts = c ?? {};
  const lhs = typeof a === 'string' ? parsePattern(a, opts) : a;
  const rhs = typeof b === 'string' ? parsePattern(b, opts) : (b as Pattern | DynamicRhs<T>);
  return new Rule<T>(name, opts.kind ?? 'directed', lhs, rhs, opts);
}
