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
import { CALL, NUM, SYM, type Term } from '../../term/term.js';
import { ADD, MUL, POW } from '../../term/operators.js';
import * as N from '../../term/number.js';
import { add, mul, noteNonzero, recordCancellations, ONE } from '../../term/canonical.js';
import { theory } from '../theory.js';
import { expand, rationalSimplify, polyLimits } from '../poly/index.js';
import { productRule, sumRule, callRule } from './shape.js';

/** `f` is `b^e` with b not a number and e a negative number (a factor of a denominator). */
function isDenominatorFactor(f: Term): boolean {
  return f.op === POW && f.args[0]!.kind !== NUM && f.args[1]!.kind === NUM && N.sign(f.args[1]!.value!) < 0;
}

/** `t` has a factor `b^e` with b not a number and e a negative number. */
function hasDenominator(t: Term): boolean {
  const fs = t.op === MUL ? t.args : [t];
  for (const f of fs) if (isDenominatorFactor(f)) return true;
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

/** The symbols of `t` (memoised per term). */
const symbolCache = new WeakMap<Term, ReadonlySet<Term>>();
function symbolsOf(t: Term): ReadonlySet<Term> {
  if (t.kind === SYM) return new Set([t]);
  if (t.kind !== CALL) return EMPTY;
  let r = symbolCache.get(t);
  if (r === undefined) {
    if (t.args.length === 1) r = symbolsOf(t.args[0]!);
    else {
      const s = new Set<Term>();
      for (const a of t.args) for (const x of symbolsOf(a)) s.add(x);
      r = s;
    }
    symbolCache.set(t, r);
  }
  return r;
}
const EMPTY: ReadonlySet<Term> = new Set();

function shareSymbol(a: ReadonlySet<Term>, b: ReadonlySet<Term>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) return true;
  return false;
}

/** Some factor of `t` has one of `bases` as its base with a positive exponent. */
function dividedBy(t: Term, bases: ReadonlySet<Term>): boolean {
  for (const f of t.op === MUL ? t.args : [t]) {
    if (bases.has(f)) return true;
    if (f.op === POW && bases.has(f.args[0]!) && f.args[1]!.kind === NUM && N.sign(f.args[1]!.value!) > 0) return true;
  }
  return false;
}

/** The denominator factors of a term (bases of negative numeric powers). */
function denominatorOf(t: Term): Term[] {
  const out: Term[] = [];
  for (const f of t.op === MUL ? t.args : [t]) {
    if (isDenominatorFactor(f)) out.push(f.args[0]!);
  }
  return out;
}

/**
 * A sum or product where a common denominator, a gcd or an expansion may make it smaller:
 * a sum with a product of sums, or with two fractions whose denominators share a symbol (one
 * fraction alone is in lowest terms already, and coprime denominators only grow); a product
 * whose polynomial denominator shares a symbol with the other factors; a negative power of a
 * sum of fractions.
 */
function promising(t: Term): boolean {
  if (t.op === POW) return t.args[0]!.op === ADD && t.args[1]!.kind === NUM && N.sign(t.args[1]!.value!) < 0 && t.args[0]!.args.some(hasDenominator);
  if (t.op === ADD) {
    let seen: ReadonlySet<Term>[] | null = null;
    for (const a of t.args) {
      if (a.kind === NUM) continue;
      const den = hasDenominator(a);
      if (!den) {
        if (hasSumFactor(a)) return true;
        continue;
      }
      const ds = denominatorOf(a);
      const syms = new Set<Term>();
      for (const d of ds) for (const x of symbolsOf(d)) syms.add(x);
      if (seen !== null) for (const other of seen) if (shareSymbol(syms, other)) return true;
      (seen ??= []).push(syms);
    }
    return false;
  }
  if (t.op === MUL) {
    if (!t.args.some(isDenominatorFactor)) return false;
    const den = new Set<Term>();
    let sumBelow = false;
    const rest: Term[] = [];
    for (const f of t.args) {
      if (isDenominatorFactor(f)) {
        for (const x of symbolsOf(f.args[0]!)) den.add(x);
        if (f.args[0]!.op === ADD) sumBelow = true;
      } else if (f.kind !== NUM) rest.push(f);
    }
    if (den.size === 0) return false;
    if (sumBelow) {
      if (rest.some((f) => hasSumFactor(f))) {
        for (const f of rest) if (shareSymbol(symbolsOf(f), den)) return true;
        return false;
      }
      // A monomial above cancels against a sum below only through a base dividing its every term.
      const above = new Set(rest.map((f) => (f.op === POW ? f.args[0]! : f)));
      for (const d of denominatorOf(t)) if (d.op === ADD && d.args.every((a) => a.kind !== NUM && dividedBy(a, above))) return true;
      return false;
    }
    // A monomial denominator cancels only against a sum above whose every term it divides
    // (canonical form has merged the rest).
    const bases = new Set(denominatorOf(t));
    for (const f of rest) if (f.op === ADD && f.args.every((a) => dividedBy(a, bases))) return true;
    return false;
  }
  return false;
}

/**
 * A sum whose terms all have the same denominator, over it: the numerators added and
 * multiplied by the denominator factors, which canonical construction cancels against the
 * sum when it is their base (`x/(x + 3) + 3/(x + 3)` is 1, the cancelled factor noted as
 * assumed nonzero; numerators adding up to 0 give 0, the denominator's bases noted). The result when no denominator is left; null otherwise (the polynomial
 * layer then does the rest).
 */
function sameDenominatorSum(args: readonly Term[]): Term | null {
  let den: Term[] | null = null;
  const numerators: Term[] = [];
  for (const a of args) {
    if (a.kind === NUM) return null;
    const d: Term[] = [], n: Term[] = [];
    for (const f of a.op === MUL ? a.args : [a]) (isDenominatorFactor(f) ? d : n).push(f);
    if (d.length === 0) return null;
    if (den === null) den = d;
    else if (d.length !== den.length || d.some((f, i) => f !== den![i])) return null;
    numerators.push(n.length === 0 ? ONE : n.length === 1 ? n[0]! : mul(n));
  }
  const sum = add(numerators);
  if (sum.kind === NUM && N.isZero(sum.value!)) {
    // 0 over the denominator is 0 where the denominator is defined.
    for (const f of den!) noteNonzero(f.args[0]!);
    return sum;
  }
  const r = mul([sum, ...den!]);
  const terms = r.op === ADD ? r.args : [r];
  return terms.some(hasDenominator) ? null : r;
}

/** Most monomials the expansion of a node may be estimated to have before the family leaves it alone. */
export const MAX_ESTIMATED_MONOMIALS = 2000;
/** Most polynomial work (see `poly/bounds.ts`) one node may take: a few milliseconds. */
export const MAX_RULE_WORK = 5_000;
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
  if (t.op === ADD) {
    // Cancellations are noted only when the quick sum is taken.
    const { result: quick, nonzero } = recordCancellations(() => sameDenominatorSum(t.args));
    if (quick !== null && quick.size < t.size) {
      for (const z of nonzero) noteNonzero(z);
      return quick;
    }
  }
  const saved = [polyLimits.maxWork, polyLimits.maxTotalWork] as const;
  polyLimits.maxWork = Math.min(saved[0], MAX_RULE_WORK);
  polyLimits.maxTotalWork = Math.min(saved[1], MAX_RULE_WORK);
  let r: ReturnType<typeof rationalSimplify>;
  try {
    r = rationalSimplify(t, { shallow: true });
  } finally {
    [polyLimits.maxWork, polyLimits.maxTotalWork] = saved;
  }
  const { term, nonzero } = r;
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
