/**
 * Term equality for the rewriters, generic over the term interface. Hash-consed terms are
 * equal exactly when they are the same object; any other representation is compared
 * structurally through `TermOps` (after the `===` fast path).
 */
import { termOps, writtenOps, type TermOps } from '../term/interface.js';
import { equalWith } from '../term/subst.js';

/** True for the hash-consed representations, where structural equality is `===`. */
export function isHashConsed<T>(ops: TermOps<T>): boolean {
  return (ops as unknown) === termOps || (ops as unknown) === writtenOps;
}

const identity = <T>(a: T, b: T): boolean => a === b;

/**
 * The equality of `ops`' terms: `===` for hash-consed terms, structural otherwise.
 * @example equalFor(termOps)(parse('x + 1'), parse('1 + x')) // true
 */
export function equalFor<T>(ops: TermOps<T>): (a: T, b: T) => boolean {
  if (isHashConsed(ops)) return identity;
  return (a, b) => a === b || equalWith(ops, a, b);
}
