/**
 * Named predicates for typed pattern slots: `~n::isInteger` (infix) or `?n::isInteger`
 * (S-expressions) matches only a term the predicate `isInteger` accepts. Predicates see terms
 * through the term interface, so they work on every representation.
 *
 * Built-in: isNumber, isInteger (exact integers), isRational (exact numbers), isSymbol,
 * isCall, isPositive, isNegative, isNonzero (numbers only: the term interface carries no
 * symbol assumptions). More are added with `registerPredicate`.
 */
import type { TermOps } from '../term/interface.js';
import * as N from '../term/number.js';
import { EquateError } from '../term/errors.js';

/** A test on one term of any representation. */
export type Predicate = <T>(ops: TermOps<T>, t: T) => boolean;

const registry = new Map<string, Predicate>();

/** Names a predicate may have: a letter or `_`, then letters, digits or `_`. */
export const PREDICATE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Registers `test` under `name` for use in typed slots (replacing a previous one of that name).
 * @example registerPredicate('isSmall', (ops, t) => ops.isNumber(t) && Math.abs(toFloat(ops.numberValue(t))) < 10) // then ~n::isSmall
 */
export function registerPredicate(name: string, test: Predicate): void {
  if (!PREDICATE_NAME.test(name)) throw new EquateError(`bad predicate name '${name}'`);
  registry.set(name, test);
}

/**
 * The predicate registered under `name`; an `EquateError` naming the known ones otherwise.
 * @example getPredicate('isInteger')(termOps, int(3)) // true
 */
export function getPredicate(name: string): Predicate {
  const p = registry.get(name);
  if (p === undefined) throw new EquateError(`unknown predicate '${name}' (known: ${predicateNames().join(', ')})`);
  return p;
}

/** Names of the registered predicates, in registration order. */
export function predicateNames(): string[] {
  return [...registry.keys()];
}

registerPredicate('isNumber', (ops, t) => ops.isNumber(t));
registerPredicate('isInteger', (ops, t) => ops.isNumber(t) && N.isInteger(ops.numberValue(t)));
registerPredicate('isRational', (ops, t) => ops.isNumber(t) && N.isExact(ops.numberValue(t)));
registerPredicate('isSymbol', (ops, t) => ops.isSymbol(t));
registerPredicate('isCall', (ops, t) => ops.isCall(t));
registerPredicate('isPositive', (ops, t) => ops.isNumber(t) && N.sign(ops.numberValue(t)) > 0);
registerPredicate('isNegative', (ops, t) => ops.isNumber(t) && N.sign(ops.numberValue(t)) < 0);
registerPredicate('isNonzero', (ops, t) => ops.isNumber(t) && !N.isZero(ops.numberValue(t)));
