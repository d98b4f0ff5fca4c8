/**
 * The term interface (after TermInterface.jl). Every algorithm above `src/term` reaches terms
 * only through a `TermOps` object, so any representation that provides one works with the
 * rewriters, the e-graph and codegen unchanged. Leaves are symbols and numbers; everything
 * else is a call of an `Operator` (constants such as `pi` are nullary calls).
 */
import type { Operator, Builder } from './operator.js';
import type { Value } from './number.js';
import { call, num, sym, CALL, NUM, SYM, type Term } from './term.js';
import { apply } from './canonical.js';

export interface TermOps<T> {
  isCall(t: T): boolean;
  /** Head of a call. */
  operation(t: T): Operator;
  /** Arguments of a call (empty for leaves). */
  args(t: T): readonly T[];
  /** A term of the same representation as `like` (which may be null) with head `op`. */
  makeTerm(like: T | null, op: Operator, args: readonly T[]): T;
  isSymbol(t: T): boolean;
  symbolName(t: T): string;
  isNumber(t: T): boolean;
  numberValue(t: T): Value;
  makeSymbol(name: string): T;
  makeNumber(v: Value): T;
}

/** Hash-consed terms built in canonical form (the default). */
export const termOps: TermOps<Term> = {
  isCall: (t) => t.kind === CALL,
  operation: (t) => {
    if (t.op === null) throw new TypeError('operation of a leaf');
    return t.op;
  },
  args: (t) => t.args,
  makeTerm: (_like, op, args) => apply(op, args),
  isSymbol: (t) => t.kind === SYM,
  symbolName: (t) => t.name!,
  isNumber: (t) => t.kind === NUM,
  numberValue: (t) => t.value!,
  makeSymbol: (name) => sym(name),
  makeNumber: (v) => num(v),
};

/** Hash-consed terms built exactly as given (as-written mode). */
export const writtenOps: TermOps<Term> = { ...termOps, makeTerm: (_like, op, args) => call(op, args) };

/** A `Builder` that makes terms of `ops`' representation like `like`. */
export function builder<T>(ops: TermOps<T>, like: T | null = null): Builder<T> {
  return { call: (op, args) => ops.makeTerm(like, op, args), num: (v) => ops.makeNumber(v) };
}

export function isCall(t: Term): boolean {
  return t.kind === CALL;
}
export function operation(t: Term): Operator {
  return termOps.operation(t);
}
export function args(t: Term): readonly Term[] {
  return t.args;
}
/** Canonical construction of `op(args)`; `like` is accepted for interface compatibility. */
export function makeTerm(_like: Term | null, op: Operator, args: readonly Term[]): Term {
  return apply(op, args);
}
