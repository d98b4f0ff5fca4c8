/** Conversions between hash-consed terms and the nested representation of `nested.ts`. */
import { sym, num, call, type Term } from '../../src/term/term.js';
import { nestedOps, s, c, type Nested } from './nested.js';

/** Hash-consed term to nested data (every node a fresh object: nothing shared). */
export function fromTerm(t: Term): Nested {
  if (t.isSymbol()) return s(t.name!);
  if (t.isNumber()) return t.value!;
  return c(t.op!.name, ...t.args.map(fromTerm));
}

/** Nested data to a hash-consed term, exactly as it is (no simplification). */
export function toTerm(n: Nested): Term {
  if (nestedOps.isSymbol(n)) return sym(nestedOps.symbolName(n));
  if (nestedOps.isNumber(n)) return num(nestedOps.numberValue(n));
  return call(nestedOps.operation(n), nestedOps.args(n).map(toTerm));
}
