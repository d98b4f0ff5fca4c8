/**
 * A second term representation, independent of the hash-consed `Term` class: plain nested
 * data. A symbol is `{ s: name }`, a number is a `Fraction` (exact) or a JS number (float),
 * a call is an array `[operatorName, ...args]`. Nothing is interned (equal terms are usually
 * different objects) and `makeTerm` builds the array as given, without simplification.
 * Operators are found by name: built-ins with `getOperator`, undefined functions with `fn`,
 * derived functions (`D[1,2](f)`) with `derivedFn`.
 */
import Fraction from 'fraction.js';
import { getOperator, fn, derivedFn, type Operator } from '../../src/term/operator.js';
import type { TermOps } from '../../src/term/interface.js';
import type { Value } from '../../src/term/number.js';
import '../../src/term/operators.js'; // registers the built-in operators

export interface NestedSymbol {
  readonly s: string;
}
export type NestedCall = readonly [string, ...Nested[]];
export type Nested = NestedSymbol | number | Fraction | NestedCall;

const DERIVED = /^D\[([0-9]+(?:,[0-9]+)*)\]\((.+)\)$/;

/** The operator named `name`: a built-in, a derived function, or an undefined function. */
export function operatorNamed(name: string): Operator {
  const op = getOperator(name);
  if (op !== undefined) return op;
  const m = DERIVED.exec(name);
  if (m) return derivedFn(operatorNamed(m[2]!), m[1]!.split(',').map(Number));
  return fn(name);
}

export const nestedOps: TermOps<Nested> = {
  isCall: (t) => Array.isArray(t),
  operation: (t) => {
    if (!Array.isArray(t)) throw new TypeError('operation of a leaf');
    return operatorNamed((t as NestedCall)[0]);
  },
  args: (t) => (Array.isArray(t) ? ((t as NestedCall).slice(1) as Nested[]) : []),
  makeTerm: (_like, op, args) => [op.name, ...args] as NestedCall,
  isSymbol: (t) => typeof t === 'object' && !Array.isArray(t) && !(t instanceof Fraction),
  symbolName: (t) => (t as NestedSymbol).s,
  isNumber: (t) => typeof t === 'number' || t instanceof Fraction,
  numberValue: (t) => t as Value,
  makeSymbol: (name) => ({ s: name }),
  makeNumber: (v) => v,
};

/** Shorthands for writing nested terms in tests. */
export const s = (name: string): NestedSymbol => ({ s: name });
export const q = (n: number, d = 1): Fraction => new Fraction(n, d);
export const c = (op: string, ...args: Nested[]): NestedCall => [op, ...args];
