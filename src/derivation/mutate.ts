/**
 * Single-edit mutants of an equation: the wrong steps a derivation checker must flag.
 *
 * `mutants(equation)` edits one place of a written equation (an `=` call) and returns the
 * results, each with its kind, the term, its LaTeX (the project's printer, readable again by
 * `parseLatex`) and a description of the edit. The kinds:
 *
 * - 'coefficient': a number changed by one (`2 x` to `3 x`, `\frac{1}{2}` to `\frac{3}{2}`;
 *   to two away when one away is 0), or a whole side multiplied by 3;
 * - 'sign': a side negated, or one term of a sum (`a + b` to `a - b`);
 * - 'exponent': a power's exponent changed by one (`x^{2}` to `x^{3}`, `x^{n}` to
 *   `x^{n + 1}`), `\sqrt{x}` to `x^{3/2}`, `e^{u}` to `e^{2 u}`, or a derivative's order raised;
 * - 'swap': the operands of a non-commutative operation exchanged: `a - b` (a term and the
 *   negated term after it in a sum), `\frac{a}{b}`, `a^{b}`, `\log_b`, the bounds of an
 *   integral, or two different arguments of an undefined function `f(x, y)`;
 * - 'drop': one term of a sum left out.
 *
 * A mutant is kept only when its canonical form differs from the original's (sides in either
 * order): `0 = x` gives no sign mutant of its left side, `x + 0` no dropped 0. Numbers in
 * exponents and derivative orders are edited only by the 'exponent' kind. Each kind gives up
 * to `perKind` mutants (default 1) at places drawn with `seed`, the same for the same seed.
 *
 * A mutant may still be true (dropping an integration constant, `1 = b/a` for `1 = a/b`):
 * `PremiseCheck` tells whether an equation holds given a derivation's premises, so that only
 * mutants that no longer follow are counted as wrong steps.
 *
 * @example mutants(parseLatex('y = 2 x^{2} - x')).map((m) => m.latex)
 * // e.g. ['y = 3 x^{2} - x', 'y = -2 x^{2} - x', 'y = 2 x^{3} - x', 'y = x - 2 x^{2}', 'y = -x']
 */
import { type Term, call, num, int, NUM, SYM, CALL } from '../term/term.js';
import {
  ADD, MUL, SUB, NEG, DIV, POW, SQRT, EXP, LOG, EQ, DERIVATIVE, INTEGRAL,
} from '../term/operators.js';
import { canonicalize } from '../term/canonical.js';
import * as N from '../term/number.js';
import type { Value } from '../term/number.js';
import { print } from '../term/print.js';
import { toLatex } from '../term/latex.js';
import { parseLatex, latexFunctionNames } from '../term/latex-parse.js';
import { EquateError } from '../term/errors.js';
import { seededRandom } from '../term/random.js';
import { Model } from './model.js';
import { collectSymbols, replace } from './terms.js';

/** What a mutant changed. */
export type MutantKind = 'coefficient' | 'sign' | 'exponent' | 'swap' | 'drop';

/** The kinds, in the order `mutants` returns them. */
export const MUTANT_KINDS: readonly MutantKind[] = ['coefficient', 'sign', 'exponent', 'swap', 'drop'];

export interface Mutant {
  kind: MutantKind;
  /** The mutated equation (written, as the original). */
  term: Term;
  /** Its LaTeX, which `parseLatex` reads back. */
  latex: string;
  /** The edit, in words: `coefficient 2 -> 3 in 2*x`. */
  detail: string;
  /** Where the edit is: argument indices from the equation down to the edited subterm. */
  position: number[];
}

export interface MutantOptions {
  /** Seed of the places chosen. Default: 1. */
  seed?: number;
  /** The kinds wanted. Default: all five. */
  kinds?: readonly MutantKind[];
  /** Mutants of each kind, at different places. Default: 1 (Infinity: all). */
  perKind?: number;
}

/** One possible edit: where, the new subterm, and its description. */
interface Edit { position: number[]; to: Term; detail: string }

/** Subterms visited at most (equations are small; this bounds a pathological one). */
const MAX_POSITIONS = 20_000;

const TWO = int(2), THREE = int(3);

/** The value of a subterm built only of numbers, `neg`, `+`, `*` and `/` (written `-3`, `\frac{1}{2}`), or undefined. */
function numericValue(t: Term): Value | undefined {
  if (t.kind === NUM) return t.value!;
  if (t.kind !== CALL) return undefined;
  const op = t.op!;
  if (op === NEG) { const v = numericValue(t.args[0]!); return v === undefined ? undefined : N.neg(v); }
  if (op === DIV || op === SUB) {
    const a = numericValue(t.args[0]!), b = numericValue(t.args[1]!);
    if (a === undefined || b === undefined) return undefined;
    return op === DIV ? N.div(a, b) : N.sub(a, b);
  }
  if (op === ADD || op === MUL) {
    let v: Value | undefined = op === ADD ? N.exact(0) : N.exact(1);
    for (const a of t.args) {
      const w = numericValue(a);
      if (w === undefined || v === undefined) return undefined;
      v = op === ADD ? N.add(v, w) : N.mul(v, w);
    }
    return v;
  }
  return undefined;
}

/** `v` changed by one (by two when one away is 0). */
function bumped(v: Value): Value | undefined {
  const one = N.isExact(v) ? N.exact(1) : 1;
  const up = N.add(v, one);
  if (up !== undefined && !N.isZero(up)) return up;
  return N.sub(v, one);
}

function isZeroTerm(t: Term): boolean {
  const v = numericValue(t);
  return v !== undefined && N.isZero(v);
}

/** `-t`, written as simply as the form of `t` allows (`-3` for 3, `u` for `-u`, `3 x` for `-3 x`). */
function negated(t: Term): Term {
  if (t.kind === CALL && t.op === NEG) return t.args[0]!;
  const v = numericValue(t);
  if (v !== undefined) return num(N.neg(v));
  if (t.kind === CALL && t.op === MUL && t.args.length >= 2) {
    const c = numericValue(t.args[0]!);
    if (c !== undefined) {
      const m = N.neg(c);
      return N.isOne(m) ? (t.args.length === 2 ? t.args[1]! : call(MUL, t.args.slice(1))) : call(MUL, [num(m), ...t.args.slice(1)]);
    }
  }
  return call(NEG, [t]);
}

/** `t` with the subterm at `position` replaced by `to` (written: operators kept as they are). */
function replaceAt(t: Term, position: readonly number[], to: Term, depth = 0): Term {
  if (depth === position.length) return to;
  const i = position[depth]!;
  const args = [...t.args];
  args[i] = replaceAt(args[i]!, position, to, depth + 1);
  return call(t.op!, args);
}

/** Every subterm with its position, parents first (a tree walk: shared subterms at each place). */
function positions(t: Term): { term: Term; position: number[]; parent: Term | null; index: number }[] {
  const out: { term: Term; position: number[]; parent: Term | null; index: number }[] = [];
  const stack: { term: Term; position: number[]; parent: Term | null; index: number }[] = [{ term: t, position: [], parent: null, index: -1 }];
  while (stack.length > 0 && out.length < MAX_POSITIONS) {
    const e = stack.pop()!;
    out.push(e);
    const u = e.term;
    if (u.kind === CALL) for (let i = u.args.length - 1; i >= 0; i--) stack.push({ term: u.args[i]!, position: [...e.position, i], parent: u, index: i });
  }
  return out;
}

/** Whether a subterm at this place is an exponent or a derivative's order (edited by 'exponent' only), or a calculus variable. */
function reserved(parent: Term | null, index: number): boolean {
  if (parent === null) return false;
  if (parent.op === POW && index === 1) return true;
  if (parent.op === DERIVATIVE && index >= 1) return true;
  if (parent.op === INTEGRAL && index === 1) return true;
  return false;
}

const side = (i: number): string => (i === 0 ? 'left side' : 'right side');

/** The possible edits of each kind. */
function edits(eq: Term): Record<MutantKind, Edit[]> {
  const out: Record<MutantKind, Edit[]> = { coefficient: [], sign: [], exponent: [], swap: [], drop: [] };
  const all = positions(eq);
  // the parts of a numeric subterm (`-3`, `\frac{1}{2}`) are not edited separately
  const numericInside = new Set<string>();
  for (const { term, position, parent, index } of all) {
    if (position.length === 0) continue;
    const key = position.join(',');
    const parentKey = position.slice(0, -1).join(',');
    const inNumeric = numericInside.has(parentKey);
    const v = inNumeric ? undefined : numericValue(term);
    if (v !== undefined || inNumeric) numericInside.add(key);
    if (v !== undefined && !reserved(parent, index)) {
      const w = bumped(v);
      if (w !== undefined) out.coefficient.push({ position, to: num(w), detail: `coefficient ${N.formatValue(v)} -> ${N.formatValue(w)} in ${print(parent ?? term)}` });
    }
    if (term.kind !== CALL || inNumeric) continue;
    const op = term.op!;
    const args = term.args;
    // exponents
    if (op === POW) {
      const e = args[1]!, ev = numericValue(e);
      if (ev !== undefined) {
        const w = bumped(ev);
        if (w !== undefined) out.exponent.push({ position, to: call(POW, [args[0]!, num(w)]), detail: `exponent ${N.formatValue(ev)} -> ${N.formatValue(w)} in ${print(term)}` });
      } else {
        out.exponent.push({ position, to: call(POW, [args[0]!, call(ADD, [e, int(1)])]), detail: `exponent ${print(e)} -> ${print(e)} + 1 in ${print(term)}` });
      }
    } else if (op === SQRT) {
      out.exponent.push({ position, to: call(POW, [args[0]!, num(N.exact(3, 2))]), detail: `exponent 1/2 -> 3/2 in ${print(term)}` });
    } else if (op === EXP) {
      out.exponent.push({ position, to: call(EXP, [call(MUL, [TWO, args[0]!])]), detail: `exponent ${print(args[0]!)} -> 2*(${print(args[0]!)}) in ${print(term)}` });
    } else if (op === DERIVATIVE) {
      const order = args[2] === undefined ? 1 : Number(numericValue(args[2]) ?? NaN);
      if (Number.isInteger(order)) out.exponent.push({ position, to: call(DERIVATIVE, [args[0]!, args[1]!, int(order + 1)]), detail: `derivative order ${order} -> ${order + 1} in ${print(term)}` });
    }
    // swaps
    const swapped = (i: number, j: number, what: string): void => {
      if (args[i] === args[j]) return;
      const a = [...args];
      [a[i], a[j]] = [a[j]!, a[i]!];
      out.swap.push({ position, to: call(op, a), detail: `${what} swapped in ${print(term)}` });
    };
    if (op === SUB || op === DIV || op === POW || (op === LOG && args.length === 2)) swapped(0, 1, 'operands');
    else if (op === INTEGRAL && args.length === 4) swapped(2, 3, 'bounds');
    else if (op.kind === 'undefined' && args.length >= 2) {
      for (let i = 0; i + 1 < args.length; i++) {
        const j = args.findIndex((x, k) => k > i && x !== args[i]);
        if (j > i) { swapped(i, j, `arguments ${i + 1} and ${j + 1}`); break; }
      }
    } else if (op === ADD) {
      // a - b inside a sum: a term followed by a negated term
      for (let i = 0; i + 1 < args.length; i++) {
        const a = args[i]!, b = args[i + 1]!;
        if (a.op === NEG || b.op !== NEG || a === b.args[0]) continue;
        const s = [...args];
        s[i] = b.args[0]!;
        s[i + 1] = call(NEG, [a]);
        out.swap.push({ position, to: call(ADD, s), detail: `operands of ${print(call(SUB, [a, b.args[0]!]))} swapped` });
      }
    }
    // dropped terms and negated terms of sums
    if (op === ADD || op === SUB) {
      const terms = op === SUB ? [args[0]!, call(NEG, [args[1]!])] : [...args];
      terms.forEach((t, i) => {
        if (terms.length < 2) return;
        const rest = terms.filter((_, k) => k !== i);
        out.drop.push({ position, to: rest.length === 1 ? rest[0]! : call(ADD, rest), detail: `term ${print(t)} dropped from ${print(term)}` });
        const s = [...terms];
        s[i] = negated(t);
        out.sign.push({ position, to: call(ADD, s), detail: `sign of the term ${print(t)} changed in ${print(term)}` });
      });
    }
  }
  // whole sides: negated, scaled
  eq.args.forEach((s, i) => {
    if (isZeroTerm(s)) return;
    out.sign.push({ position: [i], to: negated(s), detail: `${side(i)} negated` });
    out.coefficient.push({ position: [i], to: call(MUL, [THREE, s]), detail: `${side(i)} multiplied by 3` });
  });
  return out;
}

function canonicalOrNull(t: Term): Term | null {
  try { return canonicalize(t); } catch { return null; }
}

/**
 * Single-edit mutants of an equation (see the file header), up to `perKind` of each kind.
 * @example mutants(parseLatex('y = x^{2}'), { kinds: ['exponent'] })[0].latex // 'y = x^{3}'
 */
export function mutants(equation: Term, opts: MutantOptions = {}): Mutant[] {
  if (equation.kind !== CALL || equation.op !== EQ || equation.args.length !== 2) throw new EquateError('mutants: not an equation (a = b)');
  const kinds = opts.kinds ?? MUTANT_KINDS;
  const perKind = Math.max(0, opts.perKind ?? 1);
  const orig = canonicalOrNull(equation);
  const origSwapped = orig === null || orig.kind !== CALL ? null : canonicalOrNull(call(EQ, [orig.args[1]!, orig.args[0]!]));
  const rnd = seededRandom(opts.seed ?? 1);
  const byKind = edits(equation);
  const out: Mutant[] = [];
  for (const kind of MUTANT_KINDS) {
    if (!kinds.includes(kind)) continue;
    const pool = [...byKind[kind]];
    const seen = new Set<Term>();
    let taken = 0;
    while (pool.length > 0 && taken < perKind) {
      const e = pool.splice(Math.floor(rnd() * pool.length), 1)[0]!;
      let term: Term;
      try { term = replaceAt(equation, e.position, e.to); } catch { continue; }
      const c = canonicalOrNull(term);
      if (c === null || c === orig || c === origSwapped || seen.has(c)) continue;
      seen.add(c);
      out.push({ kind, term, latex: toLatex(term), detail: e.detail, position: e.position });
      taken++;
    }
  }
  return out;
}

/**
 * `mutants` of an equation given as LaTeX (read as the derivation reader does: `\pi`, `e` as
 * symbols unless `constants`; `functions` as in `parseLatex`).
 * @example mutantsOfText('y = 2 x', { kinds: ['coefficient'], perKind: 2 }).map((m) => m.latex) // ['y = 3 x', '3 y = 2 x'] in some order
 */
export function mutantsOfText(latex: string, opts: MutantOptions & { constants?: boolean; functions?: readonly string[] } = {}): Mutant[] {
  const functions = opts.functions ?? latexFunctionNames(latex);
  const t = parseLatex(latex, { constants: opts.constants ?? false, functions });
  return mutants(t, opts);
}

/**
 * Whether an equation holds given a derivation's premises, judged apart from the verifier's
 * step checks: to tell a mutant that no longer follows from one that is still true (a
 * dropped integration constant, 1 = b/a for 1 = a/b, d²/da² e^a = e^a for a = e^a).
 *
 * The premises that define a function (`f(x, y) = ...`) are made true in a numeric model
 * (8 points), those that give a symbol's value (`y = ...`) are substituted; the integration
 * constants of the derivation up to the step (symbols first written with or after an integral) are
 * fitted independently by least squares, and an equation with an indefinite integral gets
 * one more additive constant (the integral is known up to one).
 *
 * @example
 * const read = readDerivation(['f{(x)} = x^{2}', '\\frac{d}{d x} f{(x)} = 2 x']);
 * const check = new PremiseCheck(read.steps.map((s) => s.equation), [true, false]);
 * check.holds(read.steps[1].equation, 1) // true
 * check.holds(mutants(read.steps[1].equation, { kinds: ['coefficient'] })[0].term, 1) // false
 */
export class PremiseCheck {
  private model = new Model({ points: 8, seed: 11 });
  private readonly symbolPremises: [Term, Term][] = [];

  /** The integration constants of the steps up to each index. */
  private readonly constantsAt: string[][] = [];

  constructor(steps: readonly (Term | null)[], premise: readonly boolean[]) {
    const seen = new Set<string>(), constants: string[] = [];
    let integral = false;
    steps.forEach((eq, i) => {
      if (eq !== null) {
        const symbols = collectSymbols(eq);
        if (premise[i]) {
          for (const [a, b] of [[eq.args[0]!, eq.args[1]!], [eq.args[1]!, eq.args[0]!]] as const) {
            if (a.kind === CALL && a.op!.kind === 'undefined' && a.args.every((x) => x.kind === SYM) && new Set(a.args).size === a.args.length) {
              const body = this.model.lower(b);
              if (body !== null) { this.model = this.model.define(a.op!, [...a.args], body); break; }
            }
            if (a.kind === SYM && !collectSymbols(b).has(a.name!)) { this.symbolPremises.push([a, b]); break; }
          }
        } else if (integral || hasIntegral(eq, false)) {
          for (const s of symbols) if (!seen.has(s) && !constants.includes(s)) constants.push(s);
        }
        for (const s of symbols) seen.add(s);
        if (hasIntegral(eq, false)) integral = true;
      }
      this.constantsAt.push([...constants]);
    });
  }

  /**
   * Whether `eq`, standing at step `step` (0-based; its integration constants are those of
   * the steps up to it), holds: true for some values of the constants; false: fails at a
   * point; null: too few points where it is defined.
   */
  holds(eq: Term, step: number): boolean | null {
    let d: Term = call(SUB, [eq.args[0]!, eq.args[1]!]);
    for (const [a, b] of this.symbolPremises) d = replace(d, a, b);
    const ks = (this.constantsAt[Math.min(step, this.constantsAt.length - 1)] ?? []).filter((c) => collectSymbols(d).has(c));
    const zero = new Map(ks.map((k) => [k, 0]));
    const base = this.model.values(d, zero);
    const cols = ks.map((k) => { const o = new Map(zero); o.set(k, 1); const v = this.model.values(d, o); return base.map((x, j) => v[j]! - x); });
    // an indefinite integral is known up to an additive constant
    if (hasIntegral(eq, true)) cols.push(base.map(() => 1));
    const rows: number[] = [];
    for (let j = 0; j < base.length; j++) if (Number.isFinite(base[j]!) && cols.every((c) => Number.isFinite(c[j]!))) rows.push(j);
    if (rows.length < cols.length + 2) return null;
    // least squares for c in base + sum c_k col_k = 0 (normal equations, k is small)
    const n = cols.length, A = Array.from({ length: n }, () => new Array<number>(n + 1).fill(0));
    for (const j of rows) for (let p = 0; p < n; p++) {
      for (let q = 0; q < n; q++) A[p]![q]! += cols[p]![j]! * cols[q]![j]!;
      A[p]![n]! -= cols[p]![j]! * base[j]!;
    }
    const c = solve(A);
    let scale = 1;
    for (const j of rows) scale = Math.max(scale, Math.abs(base[j]!));
    for (const j of rows) {
      let r = base[j]!;
      for (let p = 0; p < n; p++) r += c[p]! * cols[p]![j]!;
      if (Math.abs(r) > 1e-6 * scale) return false;
    }
    return true;
  }
}

/** Whether `t` has an integral (only indefinite ones when `indefinite`). */
function hasIntegral(t: Term, indefinite: boolean): boolean {
  if (t.kind !== CALL) return false;
  if (t.op === INTEGRAL && (!indefinite || t.args.length === 2)) return true;
  return t.args.some((a) => hasIntegral(a, indefinite));
}

/** Solves a small augmented linear system by Gaussian elimination (singular columns give 0). */
function solve(A: number[][]): number[] {
  const n = A.length;
  for (let p = 0; p < n; p++) {
    let best = p;
    for (let r = p + 1; r < n; r++) if (Math.abs(A[r]![p]!) > Math.abs(A[best]![p]!)) best = r;
    [A[p], A[best]] = [A[best]!, A[p]!];
    if (Math.abs(A[p]![p]!) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === p) continue;
      const f = A[r]![p]! / A[p]![p]!;
      for (let q = p; q <= n; q++) A[r]![q]! -= f * A[p]![q]!;
    }
  }
  return A.map((row, p) => (Math.abs(row[p]!) < 1e-12 ? 0 : row[n]! / row[p]!));
}
