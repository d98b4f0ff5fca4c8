/**
 * Pattern matching, compiled: a pattern is turned once into a tree of matcher closures (one
 * per pattern node, in continuation-passing style), which then run against any number of
 * terms without looking at the pattern again. Terms are reached only through `TermOps`, so
 * the same compiled code works on every representation.
 *
 * A node `(t, values, k)` tries every way of matching `t` that extends the bindings in
 * `values` and calls the continuation `k` for each; a `true` from `k` stops the search (the
 * caller accepted a match), a `false` backtracks: bindings are undone and the next
 * alternative is tried. Non-linear patterns (`f(~x, ~x)`) compare a bound variable's term
 * with the new one (`===` for hash-consed terms).
 *
 * Calls of a commutative operator (`+` and `*`) match modulo associativity and commutativity:
 * each non-segment pattern argument is matched against a distinct argument of the term and
 * the segment variable, if any, takes the arguments left over, in the term's order (without
 * a segment the argument counts must be equal). Pattern arguments are tried most selective
 * first: literal (ground) arguments, then calls (a term argument is only tried when its shape
 * fits: head, arity and the heads of its arguments), then typed slots, then plain slots.
 * `matchArgs` matches such a pattern against part of a longer call (the rules' partial
 * matches of sums and products).
 *
 * Bound. Let the pattern call have k non-segment arguments and the term n arguments. Ground
 * arguments and slots already bound when their turn comes take the first unused term
 * argument they match and never branch (the arguments they match are interchangeable). Each of the other b <= k
 * arguments (calls and unbound slots) tries each unused term argument once, so one call
 * level enumerates at most n (n - 1) ... (n - b + 1) <= n^b candidate assignments (O(n^k)),
 * each costing the sub-matches of its arguments; the segment takes what is left (one segment
 * per call, so there is no partitioning). Never the n! permutations of the arguments. Equal
 * neighbouring arguments of a term are tried once per pattern argument.
 *
 * @example
 * const m = compileMatcher(termOps, parsePattern('sin(~x)^2 + cos(~x)^2 + ~~rest'));
 * m.first(parse('1 + cos(y)^2 + z + sin(y)^2'))?.get('x') // y
 */
import type { TermOps } from '../term/interface.js';
import type { Operator } from '../term/operator.js';
import type { Term } from '../term/term.js';
import { termOps } from '../term/interface.js';
import * as N from '../term/number.js';
import { EquateError } from '../term/errors.js';
import {
  type Pattern, type PatternVariable, type SegmentPattern, type CallPattern, type PatternOptions, checkPattern, isGround, parsePattern, printPattern, variables,
} from './pattern.js';
import { getPredicate, type Predicate } from './predicate.js';
import { equalFor } from './equal.js';

/** What a variable is bound to: a term (slot) or a run of terms (segment). */
export type Binding<T> = T | readonly T[];

/**
 * The bindings of one match. Inside a matcher callback the object is live (bindings change
 * as the search backtracks): `copy()` it to keep it.
 */
export class Subst<T> {
  constructor(
    /** Slot number of each variable name. */
    readonly index: ReadonlyMap<string, number>,
    /** Whether each slot is a segment. */
    readonly segments: readonly boolean[],
    /** Bound values by slot (undefined while unbound). */
    readonly values: (Binding<T> | undefined)[],
  ) {}

  /** The binding of `name` (a term, or an array of terms for a segment), if bound. */
  get(name: string): Binding<T> | undefined {
    const i = this.index.get(name);
    return i === undefined ? undefined : this.values[i];
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /**
   * The term bound to slot variable `name`.
   * @example s.term('x')
   */
  term(name: string): T {
    const i = this.index.get(name);
    const v = i === undefined ? undefined : this.values[i];
    if (v === undefined) throw new EquateError(`pattern variable '${name}' is not bound`);
    if (this.segments[i!]) throw new EquateError(`pattern variable '${name}' is a segment: use terms('${name}')`);
    return v as T;
  }

  /**
   * The terms bound to segment variable `name`.
   * @example s.terms('rest')
   */
  terms(name: string): readonly T[] {
    const i = this.index.get(name);
    const v = i === undefined ? undefined : this.values[i];
    if (v === undefined) throw new EquateError(`pattern variable '${name}' is not bound`);
    if (!this.segments[i!]) throw new EquateError(`pattern variable '${name}' is a slot: use term('${name}')`);
    return v as readonly T[];
  }

  /** Names of the bound variables. */
  names(): string[] {
    const out: string[] = [];
    for (const [name, i] of this.index) if (this.values[i] !== undefined) out.push(name);
    return out;
  }

  /** A plain record of the bindings. */
  toObject(): Record<string, Binding<T>> {
    const out: Record<string, Binding<T>> = {};
    for (const [name, i] of this.index) {
      const v = this.values[i];
      if (v !== undefined) Object.defineProperty(out, name, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  /** A snapshot that later backtracking does not change. */
  copy(): Subst<T> {
    return new Subst(this.index, this.segments, this.values.slice());
  }
}

/** A compiled pattern over one term representation. */
export interface Matcher<T> {
  readonly pattern: Pattern;
  readonly ops: TermOps<T>;
  /** The pattern's variables; slot i of a `Subst` belongs to `variables[i]`. */
  readonly variables: readonly PatternVariable[];
  /**
   * Calls `onMatch` with each match of `t` in turn until it returns true; returns whether one
   * did. The `Subst` is live during the call (copy it to keep it).
   */
  match(t: T, onMatch: (s: Subst<T>) => boolean): boolean;
  /** The first match (a snapshot), or null. */
  first(t: T): Subst<T> | null;
  /** Every match (snapshots), at most `limit` of them. */
  all(t: T, limit?: number): Subst<T>[];
  /** False when `t` cannot match, judged by its head alone (no allocation). */
  mayMatch(t: T): boolean;
  /**
   * For a pattern that is a commutative call: matches its arguments against some of `args`
   * (the arguments of a call with the pattern's head), leaving out those marked in `used`;
   * a segment variable takes all the others, without one the others are ignored. During
   * `onMatch`, `used` also marks the arguments the match takes; it is restored after.
   *
   * `onMatch` also learns `first`, the index of the argument taken by the first pattern
   * argument (the most selective one), and `from` (default 0) makes the first pattern
   * argument skip the arguments before that index. Matches only disappear as `used` grows,
   * so a caller replacing matches one after the other can start each search at the `first`
   * of the previous match: one pass over a long sum instead of one per match.
   */
  matchArgs(args: readonly T[], used: Uint8Array, onMatch: (s: Subst<T>, used: Uint8Array, first: number) => boolean, from?: number): boolean;
}

type Values<T> = (Binding<T> | undefined)[];
type Cont = () => boolean;
type Node<T> = (t: T, v: Values<T>, k: Cont) => boolean;

const TRUE: Cont = () => true;

const GROUND = 0, CALL = 1, TYPED = 2, VAR = 3;

/** One argument of a commutative call pattern. */
interface Item<T> {
  kind: typeof GROUND | typeof CALL | typeof TYPED | typeof VAR;
  node: Node<T>;
  slot: number;
  predicate: Predicate | null;
  /** For calls: a quick test of head, arity and the heads of the arguments. */
  shape: ((t: T) => boolean) | null;
}

interface SegmentSlot {
  slot: number;
  predicate: Predicate | null;
}

/**
 * Compiles `pattern` into a matcher for `ops`' terms.
 * @example compileMatcher(termOps, parsePattern('f(~x, ~x)')).first(parse('f(a, a)'))?.term('x') // a
 */
export function compileMatcher<T>(ops: TermOps<T>, pattern: Pattern): Matcher<T> {
  checkPattern(pattern);
  const vars = variables(pattern);
  const index = new Map<string, number>();
  vars.forEach((v, i) => index.set(v.name, i));
  const segments = vars.map((v) => v.segment);
  const eq = equalFor(ops);

  const bindSegment = (seg: SegmentSlot, list: readonly T[], v: Values<T>, k: Cont): boolean => {
    const bound = v[seg.slot] as readonly T[] | undefined;
    if (bound !== undefined) {
      if (bound.length !== list.length) return false;
      for (let i = 0; i < list.length; i++) if (!eq(bound[i]!, list[i]!)) return false;
      return k();
    }
    const p = seg.predicate;
    if (p !== null) for (let i = 0; i < list.length; i++) if (!p(ops, list[i]!)) return false;
    v[seg.slot] = list;
    const r = k();
    v[seg.slot] = undefined;
    return r;
  };

  const segmentSlot = (p: SegmentPattern): SegmentSlot => ({
    slot: index.get(p.name)!,
    predicate: p.predicate === null ? null : getPredicate(p.predicate),
  });

  const compile = (p: Pattern): Node<T> => {
    switch (p.type) {
      case 'number': {
        const value = p.value;
        return (t, _v, k) => ops.isNumber(t) && N.equals(ops.numberValue(t), value) && k();
      }
      case 'symbol': {
        const name = p.name;
        return (t, _v, k) => ops.isSymbol(t) && ops.symbolName(t) === name && k();
      }
      case 'var': {
        const slot = index.get(p.name)!;
        const pred = p.predicate === null ? null : getPredicate(p.predicate);
        return (t, v, k) => {
          const bound = v[slot];
          if (bound !== undefined) return eq(bound as T, t) && (pred === null || pred(ops, t)) && k();
          if (pred !== null && !pred(ops, t)) return false;
          v[slot] = t;
          const r = k();
          v[slot] = undefined;
          return r;
        };
      }
      case 'segment':
        throw new EquateError('a segment variable must be an argument of a call');
      case 'call':
        return p.op.commutative ? compileCommutative(p.op, p.args) : compileOrdered(p.op, p.args);
    }
  };

  /** Arguments matched in order; a trailing segment takes the rest. */
  const compileOrdered = (op: Operator, args: readonly Pattern[]): Node<T> => {
    const last = args[args.length - 1];
    const seg = last !== undefined && last.type === 'segment' ? segmentSlot(last) : null;
    const nodes = (seg === null ? args : args.slice(0, -1)).map(compile);
    const m = nodes.length;
    if (seg === null) {
      if (m === 0) return (t, _v, k) => ops.isCall(t) && ops.operation(t) === op && ops.args(t).length === 0 && k();
      if (m === 1) {
        const n0 = nodes[0]!;
        return (t, v, k) => {
          if (!ops.isCall(t) || ops.operation(t) !== op) return false;
          const a = ops.args(t);
          return a.length === 1 && n0(a[0]!, v, k);
        };
      }
      if (m === 2) {
        const n0 = nodes[0]!, n1 = nodes[1]!;
        return (t, v, k) => {
          if (!ops.isCall(t) || ops.operation(t) !== op) return false;
          const a = ops.args(t);
          return a.length === 2 && n0(a[0]!, v, () => n1(a[1]!, v, k));
        };
      }
    }
    return (t, v, k) => {
      if (!ops.isCall(t) || ops.operation(t) !== op) return false;
      const a = ops.args(t);
      if (seg === null ? a.length !== m : a.length < m) return false;
      const done: Cont = seg === null ? k : () => bindSegment(seg, a.slice(m), v, k);
      const step = (i: number): boolean => (i === m ? done() : nodes[i]!(a[i]!, v, () => step(i + 1)));
      return step(0);
    };
  };

  /**
   * A test that a term can match call pattern `p`, without bindings: same head and, for an
   * ordered call, an arity the pattern allows and the same heads for its call arguments.
   */
  const shapeOf = (p: CallPattern): ((t: T) => boolean) => {
    const op = p.op;
    if (op.commutative) return (t) => ops.isCall(t) && ops.operation(t) === op;
    const segment = p.args.length > 0 && p.args[p.args.length - 1]!.type === 'segment';
    const m = segment ? p.args.length - 1 : p.args.length;
    const heads: [number, Operator][] = [];
    p.args.forEach((a, i) => {
      if (a.type === 'call') heads.push([i, a.op]);
    });
    return (t) => {
      if (!ops.isCall(t) || ops.operation(t) !== op) return false;
      const a = ops.args(t);
      if (segment ? a.length < m : a.length !== m) return false;
      for (let h = 0; h < heads.length; h++) {
        const x = a[heads[h]![0]]!;
        if (!ops.isCall(x) || ops.operation(x) !== heads[h]![1]) return false;
      }
      return true;
    };
  };

  /** Arguments matched as a multiset (see the bound in the file comment). */
  const compileCommutative = (op: Operator, args: readonly Pattern[]): Node<T> => {
    const search = compileSearch(args, false);
    return (t, v, k) => {
      if (!ops.isCall(t) || ops.operation(t) !== op) return false;
      const a = ops.args(t);
      return search(a, new Uint8Array(a.length), a.length, v, k, 0);
    };
  };

  /**
   * The search over the arguments `a` of a commutative call, those marked in `used` (of which
   * `free` are not) being unavailable; `used` marks the arguments taken while `k` runs. The
   * first pattern argument tries the term's arguments from index `from` on; `k` learns which
   * one it took.
   */
  type Search = (a: readonly T[], used: Uint8Array, free: number, v: Values<T>, k: (first: number) => boolean, from: number) => boolean;
  const compileSearch = (args: readonly Pattern[], open: boolean): Search => {
    let seg: SegmentSlot | null = null;
    const items: Item<T>[] = [];
    for (const a of args) {
      if (a.type === 'segment') {
        seg = segmentSlot(a);
        continue;
      }
      const node = compile(a);
      if (isGround(a)) items.push({ kind: GROUND, node, slot: -1, predicate: null, shape: null });
      else if (a.type === 'call') items.push({ kind: CALL, node, slot: -1, predicate: null, shape: shapeOf(a) });
      else if (a.type === 'var') {
        const predicate = a.predicate === null ? null : getPredicate(a.predicate);
        items.push({ kind: predicate === null ? VAR : TYPED, node, slot: index.get(a.name)!, predicate, shape: null });
      }
    }
    // Most selective first; the sort is stable, so calls keep their written order.
    items.sort((x, y) => x.kind - y.kind);
    const K = items.length;
    const segment = seg;
    return (a, used, free, v, k, from) => {
      const n = a.length;
      if (segment === null && !open ? free !== K : free < K) return false;
      // The argument the first pattern argument took, for the continuation.
      let first = -1;
      const done: Cont = () => k(first);
      const finish = (): boolean => {
        if (segment === null) return k(first);
        const rest: T[] = [];
        for (let j = 0; j < n; j++) if (used[j] === 0) rest.push(a[j]!);
        return bindSegment(segment, rest, v, done);
      };
      const step = (i: number): boolean => {
        if (i === K) return finish();
        const item = items[i]!;
        if (item.kind === GROUND) {
          // Deterministic: the first equal unused argument.
          for (let j = i === 0 ? from : 0; j < n; j++) {
            if (used[j] === 0 && item.node(a[j]!, v, TRUE)) {
              used[j] = 1;
              if (i === 0) first = j;
              const r = step(i + 1);
              used[j] = 0;
              return r;
            }
          }
          return false;
        }
        if (item.kind === CALL) {
          const next: Cont = () => step(i + 1);
          const shape = item.shape;
          for (let j = i === 0 ? from : 0; j < n; j++) {
            if (used[j] !== 0) continue;
            const aj = a[j]!;
            if (!shape!(aj)) continue;
            if (j > 0 && used[j - 1] === 0 && eq(a[j - 1]!, aj)) continue;
            used[j] = 1;
            if (i === 0) first = j;
            const r = item.node(aj, v, next);
            used[j] = 0;
            if (r) return true;
          }
          return false;
        }
        const slot = item.slot, pred = item.predicate;
        const bound = v[slot];
        if (bound !== undefined) {
          // Deterministic: the first unused argument equal to the binding.
          for (let j = i === 0 ? from : 0; j < n; j++) {
            if (used[j] === 0 && eq(a[j]!, bound as T)) {
              if (pred !== null && !pred(ops, a[j]!)) return false;
              used[j] = 1;
              if (i === 0) first = j;
              const r = step(i + 1);
              used[j] = 0;
              return r;
            }
          }
          return false;
        }
        for (let j = i === 0 ? from : 0; j < n; j++) {
          if (used[j] !== 0) continue;
          const aj = a[j]!;
          if (j > 0 && used[j - 1] === 0 && eq(a[j - 1]!, aj)) continue;
          if (pred !== null && !pred(ops, aj)) continue;
          used[j] = 1;
          if (i === 0) first = j;
          v[slot] = aj;
          const r = step(i + 1);
          v[slot] = undefined;
          used[j] = 0;
          if (r) return true;
        }
        return false;
      };
      return step(0);
    };
  };

  const root = compile(pattern);
  const rootSearch = pattern.type === 'call' && pattern.op.commutative ? compileSearch(pattern.args, true) : null;
  const nvars = vars.length;

  const mayMatch = headFilter(ops, pattern);
  // One substitution reused by every search that is not nested in another (a side condition
  // may match again): the search leaves every slot unbound when it returns.
  const spare = new Subst<T>(index, segments, new Array<Binding<T> | undefined>(nvars).fill(undefined));
  let busy = false;
  const run = (search: (s: Subst<T>) => boolean): boolean => {
    if (busy) return search(new Subst<T>(index, segments, new Array<Binding<T> | undefined>(nvars).fill(undefined)));
    busy = true;
    try {
      return search(spare);
    } finally {
      busy = false;
      spare.values.fill(undefined);
    }
  };
  const match = (t: T, onMatch: (s: Subst<T>) => boolean): boolean => {
    if (!mayMatch(t)) return false;
    return run((s) => root(t, s.values, () => onMatch(s)));
  };
  const matchArgs = (args: readonly T[], used: Uint8Array, onMatch: (s: Subst<T>, used: Uint8Array, first: number) => boolean, from = 0): boolean => {
    if (rootSearch === null) throw new EquateError(`matchArgs needs a pattern that is a call of a commutative operator, not ${printPattern(pattern)}`);
    let free = 0;
    for (let j = 0; j < args.length; j++) if (used[j] === 0) free++;
    return run((s) => rootSearch(args, used, free, s.values, (first) => onMatch(s, used, first), from));
  };
  return {
    pattern,
    ops,
    variables: vars,
    match,
    matchArgs,
    mayMatch,
    first(t) {
      let found: Subst<T> | null = null;
      match(t, (s) => {
        found = s.copy();
        return true;
      });
      return found;
    },
    all(t, limit = Infinity) {
      const out: Subst<T>[] = [];
      match(t, (s) => {
        out.push(s.copy());
        return out.length >= limit;
      });
      return out;
    },
  };
}

/** A test of the head of a term: false when the pattern cannot match it. */
function headFilter<T>(ops: TermOps<T>, p: Pattern): (t: T) => boolean {
  switch (p.type) {
    case 'number': return (t) => ops.isNumber(t);
    case 'symbol': {
      const name = p.name;
      return (t) => ops.isSymbol(t) && ops.symbolName(t) === name;
    }
    case 'call': {
      const op = p.op;
      return (t) => ops.isCall(t) && ops.operation(t) === op;
    }
    default: return () => true;
  }
}

/**
 * The first match of a pattern (or pattern text, infix unless `opts.syntax` says otherwise)
 * in a hash-consed term, or null.
 * @example match('~x + 1', parse('y + 1'))?.term('x') // y
 */
export function match(pattern: Pattern | string, t: Term, opts: PatternOptions = {}): Subst<Term> | null {
  const p = typeof pattern === 'string' ? parsePattern(pattern, opts) : pattern;
  return compileMatcher(termOps, p).first(t);
}
