/**
 * Substitution: replace symbols (by name) or whole subterms, simultaneously (a replacement
 * is never searched again), rebuilding the calls above a change with `ops.makeTerm` (so the
 * result is canonical with `termOps`). Shared subterms are rewritten once.
 *
 * The variable of a definite integral is bound: `Integral(f, x, a, b)` with x replaced keeps
 * `f` and x and substitutes in the limits only. Replacing the variable of a `Derivative` or
 * of an indefinite `Integral` by anything but a symbol is an error (the result would mean
 * nothing).
 */
import { Term } from './term.js';
import { termOps, writtenOps, type TermOps } from './interface.js';
import type { Operator } from './operator.js';
import * as N from './number.js';
import { hashString, mix, finish } from './hash.js';
import { DERIVATIVE, INTEGRAL } from './operators.js';
import { EquateError } from './errors.js';
import { foldWith } from './fold.js';
import { boundVariable, hasFreeSymbolWith } from './free.js';
import { printWith } from './print.js';

/**
 * What to replace: a record or a `Map` from symbol name to term, or a `Map` from subterm to
 * term (string keys of a `Map` are symbol names, any other key is a subterm).
 */
export type Substitution<T> = Readonly<Record<string, T>> | ReadonlyMap<string | T, T>;

/** Finds the replacement for a subterm. */
interface Matcher<T> {
  /** Replacements by symbol name. */
  names: Map<string, T>;
  /** Replacements of other subterms (matched by `===` or structurally). */
  terms: [T, T][];
  /** The replacement of `t` among `terms`, if any. */
  lookup(t: T): T | undefined;
}

/**
 * Structural equality through the term interface: same symbol names, equal numbers of the
 * same exactness, same operators with equal arguments.
 * @example equalWith(writtenOps, parse('x + 1', { mode: 'written' }), parse('x + 1', { mode: 'written' })) // true
 */
export function equalWith<T>(ops: TermOps<T>, a: T, b: T): boolean {
  const stack: T[] = [a, b];
  while (stack.length > 0) {
    const v = stack.pop()!, u = stack.pop()!;
    if (u === v) continue;
    if (ops.isCall(u)) {
      if (!ops.isCall(v) || ops.operation(u) !== ops.operation(v)) return false;
      const ua = ops.args(u), va = ops.args(v);
      if (ua.length !== va.length) return false;
      for (let i = 0; i < ua.length; i++) stack.push(ua[i]!, va[i]!);
    } else if (ops.isSymbol(u)) {
      if (!ops.isSymbol(v) || ops.symbolName(u) !== ops.symbolName(v)) return false;
    } else {
      if (!ops.isNumber(v) || ops.isCall(v) || ops.isSymbol(v)) return false;
      const x = ops.numberValue(u), y = ops.numberValue(v);
      if (N.isExact(x) !== N.isExact(y) || !N.equals(x, y)) return false;
    }
  }
  return true;
}

/**
 * A structural hash through the term interface (equal terms by `equalWith` hash alike).
 * @example hashWith(termOps, parse('x + 1')) === hashWith(termOps, parse('1 + x')) // true
 */
export function hashWith<T>(ops: TermOps<T>, t: T, memo: Map<T, number> = new Map()): number {
  return foldWith<T, number>(ops, t, {
    enter: (u) => {
      if (ops.isSymbol(u)) return hashString(ops.symbolName(u), 0x73796d);
      if (!ops.isCall(u)) return N.hashValue(ops.numberValue(u));
      return undefined;
    },
    exit: (u, rs, start) => {
      const n = ops.args(u).length;
      let h = mix(0x63616c6c, ops.operation(u).hash);
      for (let i = 0; i < n; i++) h = mix(h, rs[start + i]!);
      return finish(h ^ n);
    },
  }, memo);
}

function matcher<T>(ops: TermOps<T>, map: Substitution<T>, identity: boolean): Matcher<T> {
  const names = new Map<string, T>();
  const terms: [T, T][] = [];
  const check = (what: () => string, v: T): T => {
    if (v === undefined || v === null) throw new EquateError(`subst: no replacement term for ${what()}`);
    if (identity && !(v instanceof Term)) throw new EquateError(`subst: the replacement for ${what()} is not a term`);
    return v;
  };
  if (map instanceof Map) {
    for (const [k, v] of map as ReadonlyMap<string | T, T>) {
      if (typeof k === 'string') names.set(k, check(() => k, v));
      else if (!identity && ops.isSymbol(k)) names.set(ops.symbolName(k), check(() => ops.symbolName(k), v));
      else terms.push([k, check(() => printWith(ops, k), v)]);
    }
  } else if (typeof map === 'object' && map !== null) {
    const record = map as Readonly<Record<string, T>>;
    for (const k of Object.keys(record)) names.set(k, check(() => k, record[k]!));
  } else throw new EquateError('subst: the substitution must be a record or a Map');
  return { names, terms, lookup: terms.length === 0 ? () => undefined : identity ? identityLookup(terms) : structuralLookup(ops, terms) };
}

function identityLookup<T>(terms: [T, T][]): (t: T) => T | undefined {
  const byTerm = new Map(terms);
  return (t) => byTerm.get(t);
}

function structuralLookup<T>(ops: TermOps<T>, terms: [T, T][]): (t: T) => T | undefined {
  const hashes = new Map<T, number>();
  const buckets = new Map<number, [T, T][]>();
  for (const entry of terms) {
    const h = hashWith(ops, entry[0], hashes);
    const bucket = buckets.get(h);
    if (bucket) bucket.push(entry);
    else buckets.set(h, [entry]);
  }
  return (t) => {
    const bucket = buckets.get(hashWith(ops, t, hashes));
    if (bucket === undefined) return undefined;
    for (const [k, v] of bucket) if (equalWith(ops, k, t)) return v;
    return undefined;
  };
}

/** The matcher for the inside of a definite integral over `name`: keys mentioning it are dropped. */
function without<T>(ops: TermOps<T>, m: Matcher<T>, name: string, identity: boolean): Matcher<T> {
  const kept = m.terms.filter(([k]) => !hasFreeSymbolWith(ops, k, name));
  if (!m.names.has(name) && kept.length === m.terms.length) return m;
  const names = new Map(m.names);
  names.delete(name);
  return {
    names, terms: kept,
    lookup: kept.length === 0 ? () => undefined : identity ? identityLookup(kept) : structuralLookup(ops, kept),
  };
}

interface Scope<T> {
  m: Matcher<T>;
  memo: Map<T, T>;
  inner: Map<string, Scope<T>>;
}

const NONE: readonly never[] = [];

/**
 * Substitutes in `t`, for any term representation.
 * @example substWith(termOps, parse('x^2 + y'), { x: int(3) }) // 9 + y
 */
export function substWith<T>(ops: TermOps<T>, t: T, map: Substitution<T>): T {
  const identity = ops === termOps || ops === writtenOps;
  const top: Scope<T> = { m: matcher(ops, map, identity), memo: new Map(), inner: new Map() };
  if (top.m.names.size === 0 && top.m.terms.length === 0) return t;
  const within = (s: Scope<T>, name: string): Scope<T> => {
    let inner = s.inner.get(name);
    if (inner === undefined) {
      const m = without(ops, s.m, name, identity);
      inner = m === s.m ? s : { m, memo: new Map(), inner: new Map() };
      s.inner.set(name, inner);
    }
    return inner;
  };

  const nodes: T[] = [t];
  const scopes: Scope<T>[] = [top];
  const kids: (readonly T[])[] = [NONE];
  const next: number[] = [0];
  const out: T[] = [];
  while (nodes.length > 0) {
    const k = nodes.length - 1;
    const u: T = nodes[k]!;
    const s = scopes[k]!;
    const i = next[k]!;
    let args: readonly T[];
    if (i === 0) {
      let r: T | undefined = s.m.lookup(u);
      if (r === undefined) {
        if (ops.isSymbol(u)) r = s.m.names.get(ops.symbolName(u)) ?? u;
        else if (!ops.isCall(u)) r = u;
        else r = s.memo.get(u);
      }
      if (r !== undefined) {
        nodes.pop(); scopes.pop(); kids.pop(); next.pop();
        out.push(r);
        continue;
      }
      args = kids[k] = ops.args(u);
    } else args = kids[k]!;
    if (i < args.length) {
      next[k] = i + 1;
      const v = i < 2 ? boundVariable(ops, u) : null;
      nodes.push(args[i]!);
      scopes.push(v === null ? s : within(s, v));
      kids.push(NONE);
      next.push(0);
      continue;
    }
    const start = out.length - args.length;
    let changed = false;
    for (let j = 0; j < args.length; j++) if (out[start + j] !== args[j]) changed = true;
    let r: T = u;
    if (changed) {
      const op = ops.operation(u);
      const fresh = out.slice(start);
      checkVariable(ops, op, u, fresh);
      r = ops.makeTerm(u, op, fresh);
    }
    out.length = start;
    out.push(r);
    s.memo.set(u, r);
    nodes.pop(); scopes.pop(); kids.pop(); next.pop();
  }
  return out[0]!;
}

/** The variable of a Derivative or an indefinite Integral must stay a symbol. */
function checkVariable<T>(ops: TermOps<T>, op: Operator, u: T, fresh: readonly T[]): void {
  if (op !== DERIVATIVE && !(op === INTEGRAL && fresh.length === 2)) return;
  if (ops.isSymbol(fresh[1]!)) return;
  const was = ops.args(u)[1]!;
  const name = ops.isSymbol(was) ? ops.symbolName(was) : printWith(ops, was);
  throw new EquateError(`subst: cannot replace ${name}, the variable of ${op.name}, by ${printWith(ops, fresh[1]!)} (not a symbol)`);
}

/**
 * Substitutes in a hash-consed term: symbols by name (a record or a `Map` with string keys)
 * or subterms (a `Map` from term to term, matched by identity), simultaneously. The result is
 * canonical.
 * @example subst(parse('x + y'), { x: sym('y'), y: sym('x') }) // x + y (a swap)
 * @example subst(parse('sin(x)^2 + 1'), new Map([[parse('sin(x)'), sym('s')]])) // 1 + s^2
 */
export function subst(t: Term, map: Substitution<Term>): Term {
  return substWith(termOps, t, map);
}
