/**
 * Trigonometry rules of the default simplifier (theory `trig`):
 *
 * - `trig-parity`: `sin(-u) = -sin(u)`, `cos(-u) = cos(u)`, `tan(-u) = -tan(u)` (u "negative"
 *   when its leading coefficient is), so `sin(a - b)` and `sin(b - a)` meet.
 * - `trig-values`: exact values at rational multiples of π with denominator 1, 2, 3, 4 or 6.
 * - `trig-product`: in a product, the powers of sin, cos, tan, sec, csc and cot of one argument
 *   are brought to one form: sin^s cos^k, with tan (or cot) taking the part where the signs
 *   differ (`tan(x) cos(x)` is `sin(x)`, `sin(x)/cos(x)` is `tan(x)`, `sec(x)` is
 *   `1/cos(x)`); `sin(u) cos(u)` is `sin(2u)/2` (double angle).
 * - `trig-sum`: in a sum, with R any monomial and c a number: `c R sin²u + c R cos²u = c R`
 *   (Pythagoras), `c R - c R sin²u = c R cos²u`, `c R - c R cos²u = c R sin²u`,
 *   `c R cos²u - c R sin²u = c R cos(2u)`, `c R - 2c R sin²u = c R cos(2u)`,
 *   `2c R cos²u - c R = c R cos(2u)`. Each rewrite removes a term from the sum, so the family
 *   terminates; the sum is scanned once per rewrite (linear, not pairwise matching).
 *
 * Where a rewrite cancels a factor (`tan(x) cos(x)` divides by cos(x)), the cancelled factor
 * is noted as assumed nonzero (see `recordCancellations`).
 *
 * @example simplify(parse('cos(x)^2 + 1 + sin(x)^2')) // 2
 */
import { CALL, NUM, type Term } from '../../term/term.js';
import type { Operator } from '../../term/operator.js';
import { COS, COT, CSC, MUL, PI, POW, SEC, SIN, TAN, ADD } from '../../term/operators.js';
import * as N from '../../term/number.js';
import { exact } from '../../term/number.js';
import { add, apply, mul, neg, noteNonzero, pow, splitCoefficient, ONE, ZERO } from '../../term/canonical.js';
import { num, int } from '../../term/term.js';
import { theory } from '../theory.js';
import { callRule, factorsOf, integerOf, productRule, sumRule } from './shape.js';

const TWO = int(2);
const HALF = num(exact(1, 2));

/** True when `u` reads as a negative quantity: a negative coefficient, or a sum whose first non-constant term has one. */
function looksNegative(u: Term): boolean {
  if (u.kind === NUM) return N.sign(u.value!) < 0;
  if (u.op === ADD) {
    const first = u.args.find((a) => a.kind !== NUM);
    return first !== undefined && looksNegative(first);
  }
  const [c] = splitCoefficient(u);
  return N.sign(c) < 0;
}

function parity(op: Operator, odd: boolean) {
  return callRule(`${op.name}-parity`, op, 1, ([u]) => {
    if (!looksNegative(u!)) return null;
    const inner = apply(op, [neg(u!)]);
    return odd ? neg(inner) : inner;
  });
}

// sin and cos of q π, q in [0, 2) with denominator 1, 2, 3, 4, 6: [sin, cos] as terms.
const sqrt = (n: number): Term => pow(int(n), HALF);
const SPECIAL = new Map<string, () => [Term, Term]>([
  ['0', () => [ZERO, ONE]],
  ['1/6', () => [HALF, mul([HALF, sqrt(3)])]],
  ['1/4', () => [mul([HALF, sqrt(2)]), mul([HALF, sqrt(2)])]],
  ['1/3', () => [mul([HALF, sqrt(3)]), HALF]],
  ['1/2', () => [ONE, ZERO]],
]);

/** [sin(qπ), cos(qπ)] for the special rationals q, by symmetry from the first quadrant. */
function sinCosOfPiMultiple(q: N.Fraction): [Term, Term] | undefined {
  if (q.d !== 1n && q.d !== 2n && q.d !== 3n && q.d !== 4n && q.d !== 6n) return undefined;
  // r = q mod 2, in [0, 2)
  let r = q.sub(q.div(2).floor().mul(2));
  let sinSign = 1, cosSign = 1;
  if (r.compare(1) >= 0) {
    r = r.sub(1);
    sinSign = -sinSign;
    cosSign = -cosSign;
  }
  if (r.compare(exact(1, 2)) > 0) {
    r = exact(1).sub(r);
    cosSign = -cosSign;
  }
  const f = SPECIAL.get(r.toFraction());
  if (f === undefined) return undefined;
  const [s, c] = f();
  return [sinSign < 0 ? neg(s) : s, cosSign < 0 ? neg(c) : c];
}

/** q when `u` is q π with q exact. */
function piMultiple(u: Term): N.Fraction | undefined {
  if (u.kind === CALL && u.op === PI) return exact(1);
  if (u.op === MUL && u.args.length === 2 && u.args[0]!.kind === NUM && u.args[1]!.op === PI) {
    const v = u.args[0]!.value!;
    return N.isExact(v) ? v : undefined;
  }
  return undefined;
}

function values(op: Operator) {
  return callRule(`${op.name}-value`, op, 1, ([u]) => {
    const q = piMultiple(u!);
    if (q === undefined) return null;
    const sc = sinCosOfPiMultiple(q);
    if (sc === undefined) return null;
    const [s, c] = sc;
    if (op === SIN) return s;
    if (op === COS) return c;
    if (c === ZERO) return null;
    return mul([s, pow(c, int(-1))]);
  });
}

interface Powers {
  u: Term;
  s: bigint; // exponent of sin
  k: bigint; // exponent of cos
  /** Sum of the absolute contributions (to see whether something cancelled). */
  sTotal: bigint;
  kTotal: bigint;
  count: number;
  /** Already in normal form (then the product is left as it is). */
  normal: boolean;
}

const SIN_COS: ReadonlyMap<Operator, [bigint, bigint]> = new Map([
  [SIN, [1n, 0n]], [COS, [0n, 1n]], [TAN, [1n, -1n]], [SEC, [0n, -1n]], [CSC, [-1n, 0n]], [COT, [-1n, 1n]],
]);

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

/** A factor sin^n, cos^n, tan^n or cot^n (n > 0), or a power that is not an integer one: left as it is when alone. */
function isOwnNormalForm(a: Term): boolean {
  const base = a.op === POW ? a.args[0]! : a;
  const e = a.op === POW ? integerOf(a.args[1]!) : 1n;
  if (e === undefined) return true;
  return base.op === SIN || base.op === COS || ((base.op === TAN || base.op === COT) && e > 0n);
}

/** The product with the trigonometric powers of each argument rewritten to one form, or null. */
function trigProduct(args: readonly Term[], t: Term): Term | null {
  let trig = 0, lone: Term | null = null;
  for (const a of args) {
    if (SIN_COS.has((a.op === POW ? a.args[0]! : a).op!)) {
      trig++;
      lone = a;
    }
  }
  if (trig === 0 || (trig === 1 && isOwnNormalForm(lone!))) return null;
  let groups: Map<Term, Powers> | null = null;
  const rest: Term[] = [];
  for (const a of args) {
    const base = a.op === POW ? a.args[0]! : a;
    const e = a.op === POW ? integerOf(a.args[1]!) : 1n;
    const w = base.kind === CALL ? SIN_COS.get(base.op!) : undefined;
    if (w === undefined || e === undefined) {
      rest.push(a);
      continue;
    }
    groups ??= new Map();
    const u = base.args[0]!;
    let g = groups.get(u);
    if (g === undefined) groups.set(u, (g = { u, s: 0n, k: 0n, sTotal: 0n, kTotal: 0n, count: 0, normal: true }));
    g.s += w[0] * e;
    g.k += w[1] * e;
    g.sTotal += abs(w[0] * e);
    g.kTotal += abs(w[1] * e);
    g.count++;
    // One factor sin^n, cos^n, tan^n or cot^n (n > 0) is its own normal form.
    g.normal = g.count === 1 && (base.op === SIN || base.op === COS || ((base.op === TAN || base.op === COT) && e > 0n));
  }
  if (groups === null) return null;
  let same = true;
  for (const g of groups.values()) if (!g.normal) same = false;
  if (same) return null;
  for (const g of groups.values()) {
    if (g.kTotal > abs(g.k)) noteNonzero(apply(COS, [g.u]));
    if (g.sTotal > abs(g.s)) noteNonzero(apply(SIN, [g.u]));
    rest.push(...trigForm(g.u, g.s, g.k));
  }
  const r = mul(rest);
  return r === t ? null : r;
}

/** sin(u)^s cos(u)^k in normal form, as factors. */
function trigForm(u: Term, s: bigint, k: bigint): Term[] {
  const out: Term[] = [];
  const p = (op: Operator, e: bigint): void => {
    if (e !== 0n) out.push(pow(apply(op, [u]), int(e)));
  };
  if (s > 0n && k < 0n) {
    const m = s < -k ? s : -k;
    p(TAN, m);
    p(SIN, s - m);
    p(COS, k + m);
  } else if (s < 0n && k > 0n) {
    const m = -s < k ? -s : k;
    p(COT, m);
    p(SIN, s + m);
    p(COS, k - m);
  } else if (s === 1n && k === 1n) {
    out.push(HALF, apply(SIN, [mul([TWO, u])]));
  } else {
    p(SIN, s);
    p(COS, k);
  }
  return out;
}

interface Square {
  index: number;
  op: Operator;
  u: Term;
  rest: Term;
}

/** The terms of a sum as coefficient and monomial, and the sin² / cos² factors they contain. */
/** A factor sin(u)^n or cos(u)^n with n an integer ≥ 2 in `t`. */
function hasSquare(t: Term): boolean {
  const fs = t.op === MUL ? t.args : [t];
  for (const f of fs) {
    if (f.op !== POW) continue;
    const b = f.args[0]!;
    if (b.op !== SIN && b.op !== COS) continue;
    const e = integerOf(f.args[1]!);
    if (e !== undefined && e >= 2n) return true;
  }
  return false;
}

function trigSum(args: readonly Term[]): Term | null {
  if (!args.some(hasSquare)) return null;
  const coeffs: N.Value[] = [];
  const monos: Term[] = [];
  const byMono = new Map<Term, number>();
  const squares: Square[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [c, m] = a.kind === NUM ? [a.value!, ONE] : splitCoefficient(a);
    coeffs.push(c);
    monos.push(m);
    byMono.set(m, i);
    if (a.kind === NUM) continue;
    const [, fs] = factorsOf(m);
    for (let j = 0; j < fs.length; j++) {
      const f = fs[j]!;
      if (f.base.op !== SIN && f.base.op !== COS) continue;
      const e = integerOf(f.exponent);
      if (e === undefined || e < 2n) continue;
      const others = fs.filter((_, k) => k !== j).map((g) => pow(g.base, g.exponent));
      others.push(pow(f.base, int(e - 2n)));
      squares.push({ index: i, op: f.base.op!, u: f.base.args[0]!, rest: mul(others) });
    }
  }
  if (squares.length === 0) return null;
  const rebuild = (drop: number[], extra: Term): Term => add([...args.filter((_, i) => !drop.includes(i)), extra]);
  const term = (c: N.Value, rest: Term, f: Term): Term => mul([num(c), rest, f]);
  const cos2u = (u: Term): Term => apply(COS, [mul([TWO, u])]);
  const pairs = new Map<string, Square>();
  for (const q of squares) pairs.set(`${q.op.name}:${q.u.id}:${q.rest.id}`, q);
  for (const q of squares) {
    const ci = coeffs[q.index]!;
    if (q.op === SIN) {
      const p = pairs.get(`cos:${q.u.id}:${q.rest.id}`);
      if (p !== undefined && p.index !== q.index) {
        const cj = coeffs[p.index]!;
        if (N.equals(ci, cj)) return rebuild([q.index, p.index], term(ci, q.rest, ONE));
        if (N.equals(ci, N.neg(cj))) return rebuild([q.index, p.index], term(cj, q.rest, cos2u(q.u)));
      }
    }
    const k = byMono.get(q.rest);
    if (k === undefined || k === q.index) continue;
    const ck = coeffs[k]!;
    const other = q.op === SIN ? COS : SIN;
    if (N.equals(ci, N.neg(ck))) return rebuild([q.index, k], term(ck, q.rest, pow(apply(other, [q.u]), TWO)));
    const twice = N.mul(ck, exact(-2));
    if (twice !== undefined && N.equals(ci, twice)) {
      // sin: c R - 2c R sin² = c R cos(2u); cos: 2c R cos² - c R = c R cos(2u) with c = -ck.
      const c = q.op === SIN ? ck : N.neg(ck);
      return rebuild([q.index, k], term(c, q.rest, cos2u(q.u)));
    }
  }
  return null;
}

/** The trigonometry family of the default simplifier. */
export const trigTheory = theory('trig', [
  parity(SIN, true), parity(COS, false), parity(TAN, true),
  values(SIN), values(COS), values(TAN),
  productRule('trig-product', trigProduct),
  sumRule('trig-sum', trigSum),
]);
