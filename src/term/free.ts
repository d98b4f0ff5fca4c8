/**
 * Free symbols: the symbols a term depends on. The variable of a definite integral
 * `Integral(f, x, a, b)` is bound inside `f` (its limits may still mention x); every other
 * occurrence of a symbol is free, including the variable of `Derivative(f, x, n)` and of an
 * indefinite `Integral(f, x)`. Symbols are told apart by name.
 */
import type { Term } from './term.js';
import { termOps, type TermOps } from './interface.js';
import { INTEGRAL } from './operators.js';
import { foldWith } from './fold.js';

/** A scope: the names bound in it and the calls already walked in it. */
interface Scope<T> {
  bound: ReadonlySet<string>;
  seen: Set<T>;
  inner: Map<string, Scope<T>>;
}

function scope<T>(bound: ReadonlySet<string>): Scope<T> {
  return { bound, seen: new Set(), inner: new Map() };
}

/** The scope inside a definite integral over `name`. */
function within<T>(s: Scope<T>, name: string): Scope<T> {
  let inner = s.inner.get(name);
  if (inner === undefined) {
    inner = s.bound.has(name) ? s : scope(new Set([...s.bound, name]));
    s.inner.set(name, inner);
  }
  return inner;
}

/**
 * The name of the variable `t` binds (the variable of a definite integral), or null.
 * @example boundVariable(termOps, parse('Integral(x^2, x, 0, 1)')) // 'x'
 */
export function boundVariable<T>(ops: TermOps<T>, t: T): string | null {
  if (!ops.isCall(t) || ops.operation(t) !== INTEGRAL) return null;
  const args = ops.args(t);
  return args.length === 4 && ops.isSymbol(args[1]!) ? ops.symbolName(args[1]!) : null;
}

/** Calls `found` on every free occurrence of a symbol (at least once per symbol), left to right. */
function walk<T>(ops: TermOps<T>, root: T, found: (s: T) => void): void {
  const terms: T[] = [root];
  const scopes: Scope<T>[] = [scope(new Set())];
  while (terms.length > 0) {
    const t = terms.pop()!;
    const s = scopes.pop()!;
    if (ops.isSymbol(t)) {
      if (s.bound.size === 0 || !s.bound.has(ops.symbolName(t))) found(t);
      continue;
    }
    if (!ops.isCall(t) || s.seen.has(t)) continue;
    s.seen.add(t);
    const args = ops.args(t);
    const v = boundVariable(ops, t);
    for (let i = args.length - 1; i >= 0; i--) {
      if (v !== null && i === 1) continue;
      terms.push(args[i]!);
      scopes.push(v !== null && i === 0 ? within(s, v) : s);
    }
  }
}

/**
 * The names of the free symbols of `t`, in order of first occurrence, for any term representation.
 * @example freeSymbolsWith(termOps, parse('Integral(x*y, x, 0, a)')) // Set { 'y', 'a' }
 */
export function freeSymbolsWith<T>(ops: TermOps<T>, t: T): Set<string> {
  const out = new Set<string>();
  walk(ops, t, (s) => out.add(ops.symbolName(s)));
  return out;
}

/**
 * The free symbols of `t` (symbol terms), in order of first occurrence.
 * @example freeSymbols(add([x, mul([int(2), y])])) // Set { x, y }
 */
export function freeSymbols(t: Term): Set<Term> {
  const out = new Set<Term>();
  walk(termOps, t, (s) => out.add(s));
  return out;
}

/**
 * Whether the symbol `name` is free in `t`. `memo` (by call) may be shared between calls
 * about the same name.
 * @example hasFreeSymbolWith(termOps, parse('sin(x) + y'), 'x') // true
 */
export function hasFreeSymbolWith<T>(ops: TermOps<T>, t: T, name: string, memo: Map<T, boolean> = new Map()): boolean {
  return foldWith<T, boolean>(ops, t, {
    enter: (u) => {
      if (ops.isSymbol(u)) return ops.symbolName(u) === name;
      if (!ops.isCall(u)) return false;
      return undefined;
    },
    exit: (u, rs, start) => {
      const n = ops.args(u).length;
      // The integrand and the variable of a definite integral over `name` do not count.
      const from = boundVariable(ops, u) === name ? 2 : 0;
      for (let i = from; i < n; i++) if (rs[start + i]) return true;
      return false;
    },
  }, memo);
}
