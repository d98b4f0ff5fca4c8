/**
 * Powers and absolute values in the default simplifier (theory `powers`). Canonical form
 * already merges `x^a x^b` and `(x^a)^n` for integer n; these rules go further only where
 * it is valid (principal branches):
 *
 * - `pow-pow`: `(x^a)^b = x^(a b)` for x ≥ 0 and real a; `(x^(2k))^b = |x|^(2k b)` for real x
 *   (so `sqrt(x^2) = |x|` for real x, and `= x` for x ≥ 0).
 * - `pow-product`: `(p q)^a = p^a q^a` splitting off the positive factors p.
 * - `abs-known`: `|x| = x` for x ≥ 0, `-x` for x < 0; `abs-product`: `|x y| = |x| |y|`;
 *   `abs-power`: `|x^a| = |x|^a` for real a (`||x|| = |x|` is `abs-known`).
 * - `abs-even-power`: `|x|^(2k) = x^(2k)` for real x.
 *
 * @example withDomain({ real: true }, () => simplify(parse('sqrt(x^2)'))) // abs(x)
 */
import type { Term } from '../../term/term.js';
import { ABS, MUL, POW } from '../../term/operators.js';
import { apply, mul, neg, pow } from '../../term/canonical.js';
import { theory } from '../theory.js';
import { isNegative, isNonnegative, isPositive, isReal } from '../domain.js';
import { callRule, integerOf } from './shape.js';

function powPow([base, b]: readonly Term[]): Term | null {
  if (base!.op !== POW) return null;
  const [x, a] = base!.args as [Term, Term];
  if (isNonnegative(x) && isReal(a)) return pow(x, mul([a, b!]));
  const k = integerOf(a);
  if (k !== undefined && k % 2n === 0n && k !== 0n && isReal(x)) return pow(apply(ABS, [x]), mul([a, b!]));
  return null;
}

function powProduct([base, a]: readonly Term[]): Term | null {
  if (base!.op !== MUL || integerOf(a!) !== undefined) return null;
  const positive = base!.args.filter((f) => isPositive(f));
  if (positive.length === 0 || (positive.length === 1 && base!.args.length === 1)) return null;
  const others = base!.args.filter((f) => !isPositive(f));
  const parts = positive.map((f) => pow(f, a!));
  if (others.length > 0) parts.push(pow(mul(others), a!));
  return mul(parts);
}

function absEvenPower([base, e]: readonly Term[]): Term | null {
  if (base!.op !== ABS) return null;
  const k = integerOf(e!);
  return k !== undefined && k % 2n === 0n && isReal(base!.args[0]!) ? pow(base!.args[0]!, e!) : null;
}

function absKnown([x]: readonly Term[]): Term | null {
  if (isNonnegative(x!)) return x!;
  if (isNegative(x!)) return neg(x!);
  return null;
}

function absProduct([x]: readonly Term[]): Term | null {
  if (x!.op !== MUL) return null;
  return mul(x!.args.map((f) => apply(ABS, [f])));
}

function absPower([x]: readonly Term[]): Term | null {
  if (x!.op !== POW || !isReal(x!.args[1]!)) return null;
  return pow(apply(ABS, [x!.args[0]!]), x!.args[1]!);
}

/** The powers family of the default simplifier. */
export const powersTheory = theory('powers', [
  callRule('pow-pow', POW, 2, powPow),
  callRule('pow-product', POW, 2, powProduct),
  callRule('abs-even-power', POW, 2, absEvenPower),
  callRule('abs-known', ABS, 1, absKnown),
  callRule('abs-product', ABS, 1, absProduct),
  callRule('abs-power', ABS, 1, absPower),
]);

