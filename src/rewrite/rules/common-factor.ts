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
import * as N from '../../term/number.js';
import { add, mul, pow } from '../../term/canonical.js';
import { theory } from '../theory.js';
import { factorsOf, integerOf, sumRule, type Factor } from './shape.js';

function commonFactor(args: readonly Term[], t: Term): Term | null {
  let common: Map<Term, bigint> | null = null;
  const split: [N.Value, Factor[]][] = [];
  for (const a of args) {
    if (a.kind === NUM) return null;
    const [c, fs] = factorsOf(a);
    split.push([c, fs]);
    const here = new Map<Term, bigint>();
    for (const f of fs) {
      const e = integerOf(f.exponent);
      if (e !== undefined && e > 0n) here.set(f.base, e);
    }
    if (common === null) common = here;
    else {
      for (const [b, e] of common) {
        const h = here.get(b);
        if (h === undefined) common.delete(b);
        else if (h < e) common.set(b, h);
      }
    }
    if (common.size === 0) return null;
  }
  if (common === null || common.size === 0) return null;
  const rest = split.map(([c, fs]) => mul([num(c), ...fs.map((f) => {
    const e = common!.get(f.base);
    if (e === undefined) return pow(f.base, f.exponent);
    const left = integerOf(f.exponent)! - e;
    return left === 0n ? int(1) : pow(f.base, int(left));
  })]));
  const r = mul([...[...common].map(([b, e]) => pow(b, int(e))), add(rest)]);
  return r.size < t.size ? r : null;
}

/** Taking common factors out of sums. */
export const commonFactorTheory = theory('common-factor', [sumRule('sum-common-factor', commonFactor)]);
