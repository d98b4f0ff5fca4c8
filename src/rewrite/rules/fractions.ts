/**
 * Rational functions in the default simplifier (theory `fractions`): a sum with fractions,
 * or a product with a polynomial denominator, is brought over one common denominator and
 * cancelled by the polynomial gcd of numerator and denominator (see `poly/`); of the expanded
 * and factored forms the smaller is kept, and nothing is rewritten unless it gets smaller.
 * A node larger than `MAX_RATIONAL_SIZE` nodes, or whose expansion could exceed
 * `MAX_ESTIMATED_MONOMIALS` monomials, is left alone (its parts are still simplified), so the
 * family stays fast on large terms.
 * Cancelled factors are noted as assumed nonzero.
 *
 * `expandTheory` (rule `expand`) multiplies out products and integer powers of sums; the
 * default simplifier runs it only with `{ expand: true }`.
 *
 * @example simplify(parse('x/(x + 3) + 3/(x + 3)')) // 1
 * @example simplify(parse('(x + 1)^2 - x^2 - 2*x - 1')) // 0
 */
import { NUM, type Term } from '../../term/term.js';
import { ADD, MUL, POW } from '../../term/operators.js';
import * as N from '../../term/number.js';
import { noteNonzero } from '../../term/canonical.js';
import { theory } from '../theory.js';
import { expand, rationalSimplify } from '../poly/index.js';
import { productRule, sumRule, callRule } from './shape.js';

/** `t` has a factor `b^e` with b not a number and e a negative number. */
function hasDenominator(t: Term): boolean {
  const fs = t.op === MUL ? t.args : [t];
  for (const f of fs) if (f.op === POW && f.args[0]!.kind !== NUM && f.args[1]!.kind === NUM && N.sign(f.args[1]!.value!) < 0) return true;
  return false;
}

/** `t` has a factor that is a sum or a positive power of one. */
function hasSumFactor(t: Term): boolean {
  const fs = t.op === MUL ? t.args : [t];
  for (const f of fs) {
    if (f.op === ADD) return true;
    if (f.op === POW && f.args[0]!.op === ADD && f.args[1]!.kind === NUM && N.sign(f.args[1]!.value!) > 0) return true;
  }
  return false;
}

/** A sum or product where a common denominator, a gcd or an expansion may make it smaller. */
function promising(t: Term): boolean {
  if (t.op === POW) return t.args[0]!.op === ADD && t.args[1]!.kind === NUM && N.sign(t.args[1]!.value!) < 0 && t.args[0]!.args.some(hasDenominator);
  if (t.op === ADD) {
    let fractions = 0;
    for (const a of t.args) {
      if (hasDenominator(a)) fractions++;
      else if (hasSumFactor(a)) return true;
    }
    return fractions > 0;
  }
  if (t.op === MUL) {
    let denominators = 0, others = 0;
    for (const f of t.args) {
      if (f.op === POW && f.args[0]!.op === ADD && f.args[1]!.kind === NUM && N.sign(f.args[1]!.value!) < 0) denominators++;
      else if (f.kind !== NUM) others++;
    }
    return denominators > 0 && others > 0;
  }
  return false;
}

/** Most monomials the expansion of a node may be estimated to have before the family leaves it alone. */
export const MAX_ESTIMATED_MONOMIALS = 2000;
/** Largest node (in `Term.size`) the family reads as one rational function. */
export const MAX_RATIONAL_SIZE = 150;

/**
 * An upper estimate of the monomials `together` and `expand` may produce for `t`: sums add,
 * products (and quotients, which a common denominator multiplies out) multiply, integer
 * powers raise; atoms count one. Stops counting above `cap`.
 */
function estimate(t: Term, cap: number): number {
  if (t.op === ADD) {
    let n = 0;
    for (const a of t.args) if ((n += estimate(a, cap)) > cap) return cap + 1;
    return n;
  }
  if (t.op === MUL) {
    let n = 1;
    for (const a of t.args) if ((n *= estimate(a, cap)) > cap) return cap + 1;
    return n;
  }
  if (t.op === POW && t.args[1]!.kind === NUM && N.isInteger(t.args[1]!.value!)) {
    const b = estimate(t.args[0]!, cap);
    if (b === 1) return 1;
    const e = Math.abs(N.toFloat(t.args[1]!.value!));
    return e * Math.log(b) > Math.log(cap) ? cap + 1 : b ** e;
  }
  return 1;
}

function rational(_args: readonly Term[], t: Term): Term | null {
  if (t.size > MAX_RATIONAL_SIZE || !promising(t) || estimate(t, MAX_ESTIMATED_MONOMIALS) > MAX_ESTIMATED_MONOMIALS) return null;
  const { term, nonzero } = rationalSimplify(t, { shallow: true });
  if (term === t || term.size >= t.size) return null;
  for (const z of nonzero) noteNonzero(z);
  return term;
}

/** The fractions family of the default simplifier. */
export const fractionsTheory = theory('fractions', [
  sumRule('rational-sum', rational),
  productRule('rational-product', rational),
  callRule('rational-power', POW, 2, rational),
]);

function expandRule(_args: readonly Term[], t: Term): Term | null {
  const r = expand(t);
  return r === t ? null : r;
}

/** Multiplying out products and integer powers of sums. */
export const expandTheory = theory('expand', [
  productRule('expand-product', expandRule),
  callRule('expand-power', POW, 2, expandRule),
]);
