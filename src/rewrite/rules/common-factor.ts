/**
 * Common factors of a sum taken out (theory `common-factor`, rule `sum-common-factor`, as
 * SymPy's `factor_terms`): `2 x sin(x) + x^2 cos(x)` is `x (2 sin(x) + x cos(x))`. A factor
 * is common when every term has it with a positive integer exponent; it is taken out with the
 * smallest one. Only non-numeric factors are taken out (canonical form distributes numbers
 * over sums), and only when the result is smaller. Nothing is cancelled, so nothing is
 * assumed nonzero. Linear in the size of the sum.
 *
 * @example simplify(parse('x*y + x*z')) // x*(y + z)
 */
import { NUM, type Term, int, num } from '../../term/term.js';
import { MUL, POW } from '../../term/operators.js';
import { add, mul, pow } from '../../term/canonical.js';
import { theory } from '../theory.js';
import { factorsOf, integerOf, sumRule } from './shape.js';

/** The positive integer exponent of `base` among the factors of `t`, or 0n. */
function exponentIn(t: Term, base: Term): bigint {
  const fs = t.op === MUL ? t.args : [t];
  for (const f of fs) {
    if (f === base) return 1n;
    if (f.op === POW && f.args[0] === base) {
      const e = integerOf(f.args[1]!);
      return e !== undefined && e > 0n ? e : 0n;
    }
  }
  return 0n;
}

/** Some non-numeric factor of `a` (positive integer exponent) is also a factor of `b`. */
function sharesBase(a: Term, b: Term): boolean {
  if (b.kind === NUM) return false;
  for (const f of a.op === MUL ? a.args : [a]) {
    if (f.kind === NUM) continue;
    if (f.op === POW) {
      const e = integerOf(f.args[1]!);
      if (e !== undefined && e > 0n && f.args[0]!.kind !== NUM && exponentIn(b, f.args[0]!) > 0n) return true;
    } else if (exponentIn(b, f) > 0n) return true;
  }
  return false;
}

function commonFactor(args: readonly Term[], t: Term): Term | null {
  // Candidates: the factors of the first term, kept while every other term has them.
  const first = args[0]!;
  if (first.kind === NUM || !sharesBase(first, args[1]!)) return null;
  const [, fs0] = factorsOf(first);
  let common: [Term, bigint][] = [];
  for (const f of fs0) {
    const e = integerOf(f.exponent);
    if (e !== undefined && e > 0n && f.base.kind !== NUM) common.push([f.base, e]);
  }
  for (let i = 1; i < args.length && common.length > 0; i++) {
    const a = args[i]!;
    if (a.kind === NUM) return null;
    const next: [Term, bigint][] = [];
    for (const [b, e] of common) {
      const h = exponentIn(a, b);
      if (h > 0n) next.push([b, h < e ? h : e]);
    }
    common = next;
  }
  if (common.length === 0) return null;
  const take = new Map(common);
  const rest = args.map((a) => {
    const [c, fs] = factorsOf(a);
    return mul([num(c), ...fs.map((f) => {
      const e = take.get(f.base);
      if (e === undefined) return pow(f.base, f.exponent);
      const left = integerOf(f.exponent)! - e;
      return left === 0n ? int(1) : pow(f.base, int(left));
    })]);
  });
  const r = mul([...common.map(([b, e]) => pow(b, int(e))), add(rest)]);
  return r.size < t.size ? r : null;
}

/** Taking common factors out of sums. */
export const commonFactorTheory = theory('common-factor', [sumRule('sum-common-factor', commonFactor)]);
