/**
 * A total order on terms used to sort the arguments of canonical sums and products. It does
 * not depend on ids (which vary between runs), so canonical forms print the same every time:
 * numbers first, then terms by base and exponent (`x`, `x^2`, `y`), calls by head and
 * arguments.
 */
import { NUM, SYM, type Term } from './term.js';
import { compare as compareValues, isExact } from './number.js';
import { MUL, POW } from './operators.js';

/** Beyond this depth, calls with the same head are ordered by depth and hash, not argument by argument. */
const DEEP = 32;

export function compareTerms(a: Term, b: Term): number {
  if (a === b) return 0;
  if (a.kind === NUM || b.kind === NUM) {
    if (a.kind !== NUM) return 1;
    if (b.kind !== NUM) return -1;
    const c = compareValues(a.value!, b.value!);
    if (c !== 0) return c;
    return (isExact(a.value!) ? 0 : 1) - (isExact(b.value!) ? 0 : 1);
  }
  if (a.op === MUL || b.op === MUL) return compareFactorLists(a.op === MUL ? a.args : [a], b.op === MUL ? b.args : [b]);
  const ab = a.op === POW ? a.args[0]! : a, bb = b.op === POW ? b.args[0]! : b;
  if (ab !== bb) return compareBases(ab, bb);
  if (a.op !== POW) return -1; // x before x^e
  if (b.op !== POW) return 1;
  return compareTerms(a.args[1]!, b.args[1]!);
}

function compareFactorLists(a: readonly Term[], b: readonly Term[]): number {
  let i = 0, j = 0;
  // Coefficients do not take part in the order of monomials.
  if (a[0]?.kind === NUM) i = 1;
  if (b[0]?.kind === NUM) j = 1;
  for (; i < a.length && j < b.length; i++, j++) {
    const c = compareTerms(a[i]!, b[j]!);
    if (c !== 0) return c;
  }
  const d = a.length - i - (b.length - j);
  if (d !== 0) return d;
  // Same monomial: order by coefficient.
  const ca = a[0]?.kind === NUM ? a[0] : null, cb = b[0]?.kind === NUM ? b[0] : null;
  if (ca && cb) return compareTerms(ca, cb);
  return ca ? 1 : cb ? -1 : 0;
}

function compareBases(a: Term, b: Term): number {
  if (a === b) return 0;
  if (a.kind !== b.kind) return a.kind - b.kind; // NUM < SYM < CALL
  if (a.kind === SYM) {
    if (a.name !== b.name) return a.name! < b.name! ? -1 : 1;
    return a.flags - b.flags;
  }
  if (a.kind === NUM) return compareTerms(a, b);
  if (a.op !== b.op) {
    const pa = a.op!.precedence, pb = b.op!.precedence;
    if (pa !== pb) return pb - pa; // function calls before arithmetic
    return a.op!.name < b.op!.name ? -1 : a.op!.name > b.op!.name ? 1 : a.op!.id - b.op!.id;
  }
  // Deep terms: compare by depth, then by structural hash, so the order never recurses far
  // (the structural hash is the same in every run, so the order stays deterministic).
  if (a.depth > DEEP || b.depth > DEEP) {
    if (a.depth !== b.depth) return a.depth - b.depth;
    if (a.hash !== b.hash) return a.hash < b.hash ? -1 : 1;
  }
  const n = Math.min(a.args.length, b.args.length);
  for (let i = 0; i < n; i++) {
    const c = compareTerms(a.args[i]!, b.args[i]!);
    if (c !== 0) return c;
  }
  return a.args.length - b.args.length;
}
