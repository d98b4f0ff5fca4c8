/**
 * Exponential and logarithm rules of the default simplifier (theory `explog`), each sound on
 * the domain it states (principal branches, symbols complex unless assumed otherwise):
 *
 * - `exp-product`: `exp(a)^m exp(b)^n = exp(m a + n b)` for integers m, n (always).
 * - `exp-log`: `exp(c log(x) + r) = x^c exp(r)` (the principal power is `exp(c log x)`).
 * - `log-exp`: `log(exp(u)) = u` for real u; `log(e) = 1`.
 * - `log-power`: `log(x^a) = a log(x)` for positive x and real a.
 * - `log-product`: `log(p q) = log(p) + log(q)` splitting off the positive factors p.
 * - `log-base`: `log(b, x)` folded when exact (`log(2, 8) = 3`), and `log(b, b^y) = y` for
 *   positive b and real y.
 * - `log-power-in-context`: in a sum with a term log(u) (u real), `log(u^a) = a log(u)`: the
 *   sum is defined only where u > 0 (`log(x^2) - 2 log(x)` is 0 for real x).
 *
 * @example simplify(parse('exp(a)*exp(-a)')) // 1
 * @example simplify(parse('log(exp(x))')) // log(exp(x)); with symbols real: x
 */
import { CALL, NUM, type Term, int } from '../../term/term.js';
import { ADD, EXP, LOG, MUL, POW, E } from '../../term/operators.js';
import * as N from '../../term/number.js';
import { exact } from '../../term/number.js';
import { add, apply, mul, pow } from '../../term/canonical.js';
import { theory } from '../theory.js';
import { isPositive, isReal } from '../domain.js';
import { callRule, integerOf, productRule, sumRule } from './shape.js';

/** `exp(u)` or a power of one. */
function isExpFactor(a: Term): boolean {
  return a.op === EXP || (a.op === POW && a.args[0]!.op === EXP);
}

/** exp factors of a product merged into one. */
function expProduct(args: readonly Term[], t: Term): Term | null {
  if (!args.some(isExpFactor)) return null;
  const exps: Term[] = [];
  const rest: Term[] = [];
  for (const a of args) {
    if (a.op === EXP) exps.push(a.args[0]!);
    else if (a.op === POW && a.args[0]!.op === EXP && integerOf(a.args[1]!) !== undefined) exps.push(mul([a.args[1]!, a.args[0]!.args[0]!]));
    else rest.push(a);
  }
  if (exps.length === 0 || (exps.length === 1 && args.every((a) => a.op !== POW || a.args[0]!.op !== EXP))) return null;
  const r = mul([...rest, apply(EXP, [add(exps)])]);
  return r === t ? null : r;
}

/** The log terms of an exponent: `exp(c log(x) + r)` as x^c exp(r). */
function expLog([u]: readonly Term[]): Term | null {
  // exp(log(x)) is x.
  if (u!.op === LOG && u!.args.length === 1) return u!.args[0]!;
  const terms = u!.op === ADD ? u!.args : [u!];
  if (!terms.some(logTerm)) return null;
  const powers: Term[] = [];
  const rest: Term[] = [];
  for (const a of terms) {
    if (!logTerm(a)) rest.push(a);
    else if (a.op === LOG) powers.push(a.args[0]!);
    else powers.push(pow(a.args[1]!.args[0]!, a.args[0]!));
  }
  return mul([...powers, apply(EXP, [add(rest)])]);
}

/** `log(x)` or `c log(x)` (one argument). */
function logTerm(a: Term): boolean {
  const m = a.op === MUL && a.args.length === 2 ? a.args[1]! : a;
  return m.op === LOG && m.args.length === 1;
}

function logExp([x]: readonly Term[]): Term | null {
  if (x!.kind === CALL && x!.op === E) return int(1);
  return x!.op === EXP && isReal(x!.args[0]!) ? x!.args[0]! : null;
}

function logPower([x]: readonly Term[]): Term | null {
  if (x!.op !== POW) return null;
  const [b, a] = x!.args as [Term, Term];
  return isPositive(b) && isReal(a) ? mul([a, apply(LOG, [b])]) : null;
}

function logProduct([x]: readonly Term[]): Term | null {
  if (x!.op !== MUL) return null;
  const positive = x!.args.filter((f) => f.kind !== NUM && isPositive(f));
  if (positive.length === 0) return null;
  const others = x!.args.filter((f) => f.kind === NUM || !isPositive(f));
  const logs = positive.map((f) => apply(LOG, [f]));
  if (others.length > 0) logs.push(apply(LOG, [mul(others)]));
  return add(logs);
}

/** The bases u of the factors log(u) (to a positive power) of a term. */
function logArguments(t: Term, out: Set<Term>): void {
  for (const f of t.op === MUL ? t.args : [t]) {
    const g = f.op === POW && f.args[1]!.kind === NUM && N.sign(f.args[1]!.value!) > 0 ? f.args[0]! : f;
    if (g.op === LOG && g.args.length === 1) out.add(g.args[0]!);
  }
}

/** A factor log(u^a) in `t` (what `logPowerInContext` rewrites). */
function hasLogOfPower(t: Term): boolean {
  if (t.op === LOG) return t.args.length === 1 && t.args[0]!.op === POW;
  if (t.op !== MUL) return false;
  for (const f of t.args) if (f.op === LOG && f.args.length === 1 && f.args[0]!.op === POW) return true;
  return false;
}

/**
 * In a sum over the reals, a term with the factor log(u) makes the sum undefined unless
 * u > 0, so wherever the sum is defined log(u^a) = a log(u) in its other terms.
 */
function logPowerInContext(args: readonly Term[]): Term | null {
  if (!args.some(hasLogOfPower)) return null;
  const defined = new Set<Term>();
  for (const a of args) logArguments(a, defined);
  if (defined.size === 0) return null;
  let out: Term[] | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!hasLogOfPower(a)) continue;
    const fs = a.op === MUL ? a.args : [a];
    let next: Term[] | null = null;
    for (let j = 0; j < fs.length; j++) {
      const f = fs[j]!;
      if (f.op !== LOG || f.args.length !== 1 || f.args[0]!.op !== POW) continue;
      const [u, e] = f.args[0]!.args as [Term, Term];
      if (!defined.has(u) || !isReal(u) || !isReal(e)) continue;
      (next ??= fs.slice())[j] = mul([e, apply(LOG, [u])]);
    }
    if (next !== null) (out ??= args.slice())[i] = next.length === 1 ? next[0]! : mul(next);
  }
  return out !== null ? add(out) : null;
}

/** The integer k with b^k = x for exact positive b, x, if there is one. */
function exactLog(b: N.Value, x: N.Value): bigint | undefined {
  if (!N.isExact(b) || !N.isExact(x) || N.sign(b) <= 0 || N.sign(x) <= 0 || N.isOne(b)) return undefined;
  const guess = Math.round(Math.log(N.toFloat(x)) / Math.log(N.toFloat(b)));
  if (!Number.isFinite(guess) || Math.abs(guess) > 4096) return undefined;
  const p = N.pow(b, exact(guess));
  return p !== undefined && N.equals(p, x) ? BigInt(guess) : undefined;
}

function logTwo([b, x]: readonly Term[]): Term | null {
  if (b!.kind === NUM && x!.kind === NUM) {
    const k = exactLog(b!.value!, x!.value!);
    return k === undefined ? null : int(k);
  }
  if (b!.kind === CALL && b!.op === E) return apply(LOG, [x!]);
  if (x!.op === POW && x!.args[0] === b && isPositive(b!) && isReal(x!.args[1]!)) return x!.args[1]!;
  if (x === b && isPositive(b!)) return int(1);
  return null;
}

/** The exp/log family of the default simplifier. */
export const explogTheory = theory('explog', [
  productRule('exp-product', expProduct),
  callRule('exp-log', EXP, 1, expLog),
  callRule('log-exp', LOG, 1, logExp),
  callRule('log-power', LOG, 1, logPower),
  callRule('log-product', LOG, 1, logProduct),
  callRule('log-base', LOG, 2, logTwo),
  sumRule('log-power-in-context', logPowerInContext),
]);

