/**
 * `verifyDerivation(input, opts)`: checks a derivation step by step.
 *
 * Each equation is checked in a numeric model (`model.ts`): symbols take random values at a
 * few points, undefined functions are random concrete functions, derivatives and integrals
 * are computed in the model. An identity that holds for random functions holds for all of
 * them, so the checks below decide whether the step is what an operation gives from earlier
 * equations, whatever the functions are. For each step, nearest earlier equations first:
 *
 * 1. premise: marked as one by the input (the object's `premises`, else the first
 *    `opts.premises` equations, default 1), equal to a premise, or a definition: one side is
 *    an undefined function applied to distinct symbols that no earlier equation mentions
 *    (rule 'definition').
 * 2. redundant: the same equation as an earlier non-premise step (sides swapped or not, in
 *    canonical form), unless written shorter: `e^u / H = 1` after `e^u / H = e^u / e^u`
 *    evaluates it (checked as in 3).
 * 3. one operation on both sides of one earlier equation E (sides matched in either order):
 *    'evaluate_derivatives', 'evaluate_integrals' or 'evaluate' (each side equal to E's:
 *    derivatives or integrals evaluated, expanded),
 *    'differentiate' (w.r.t. a variable the step differentiates by), 'integrate' (the step's
 *    sides differentiate back to E's), 'add' (both sides differ from E's by the same
 *    expression), 'times' (by the same factor), 'power', 'exp', 'log', 'sin', 'cos',
 *    'rearrange' (lhs - rhs is a constant multiple of E's).
 * 4. substitution: E_a with the left side of E_b replaced by its right side
 *    ('substitute_LHS_for_RHS') or the converse, also inside longer sums and products, then
 *    compared as in 3; or, when E_b defines a function (`f(x) = ...`), E_a and the step agree
 *    in the model where E_b holds ('substitute_definition', SymPy's `subs` anywhere).
 *    Steps 3 and 4 run for the nearest E first. When E itself holds in the model (an identity
 *    for random functions), comparisons of lhs - rhs are skipped for it (they say nothing).
 * 5. 'identity': both sides are equal.
 * A symbol that first appears after an integral appeared is an arbitrary (integration)
 * constant: several are fitted independently (they enter linearly: least squares over the
 * points), then checked at every point.
 *
 * When nothing justifies the step, it is checked against the premises: the premises that
 * define a function (`f(x, y) = ...`) are made true in the model, and the integration
 * constants so far are fitted (with a symbol new in this step when the step has an
 * indefinite integral: its constant). A step true there is
 * `unjustified` (a skipped step); one false there is `invalid`, with the point as the
 * counterexample. Differentiating with respect to an expression (`\frac{d}{d \lambda(V)}`)
 * holds the other symbols fixed: such a step that fails given the premises (`\lambda(V) = V`
 * differentiated by `\lambda(V)` gives 1 = 0) is `invalid`. For an unjustified step that holds, two operations that bridge it are
 * searched (`opts.bridges`, within `opts.bridgeTimeMs`, default 50 ms): a first one on an
 * earlier equation (differentiate or integrate by a variable of the step, substitute another
 * equation), then any one-operation check against its result; found, they are the report's
 * `bridge` and named in the message ('differentiate step 1 by x, then differentiate by x'). Warnings name degenerate steps: division by an expression equal to zero,
 * differentiation with respect to a symbol the equation does not depend on or an integration
 * constant. A step undefined at the points tried (a negative base to a symbolic power...) is
 * checked again at 16 points drawn from [-2.5, 2.5]. Each step has `opts.stepTimeMs` (default 200 ms); a step that runs out says so
 * and is `unjustified`. `verifyDerivation` never throws: unreadable input gives `unparsed`.
 *
 * The numeric checks decide. A valid step also gets a symbolic proof (`opts.proofs`, default
 * true): the candidate, the operation applied to the earlier equation's sides as terms (both
 * sides differentiated, multiplied by the factor, the other equation substituted...), is
 * proved equal to the step's sides by the e-graph (`proof.ts`, a small budget); the step's
 * integration constants are taken 0 there. The report's `checked` says 'symbolic' when the
 * proof was found, 'numeric' when the step was checked numerically only (no proof within the
 * budget, or no candidate: a substituted definition, a degenerate step).
 *
 * `irrelevant` (valid but not used on the way to the goal) is reported when a goal is given
 * (the object's `goal`) or `opts.irrelevant` is true; the goal is then the given one or the
 * last step.
 *
 * @example verifyDerivation('f{(x)} = x^{2} and \\frac{d}{d x} f{(x)} = 2 x').steps[1].status // 'valid'
 */
import { type Term, call, int, num, sym, SYM, CALL, NUM } from '../term/term.js';
import { DERIVATIVE, INTEGRAL, EQ, POW, ADD, MUL, SUB, EXP, LOG, SIN, COS } from '../term/operators.js';
import { canonicalize, div, sub as subTerm, ZERO } from '../term/canonical.js';
import { exact } from '../term/number.js';
import { print } from '../term/print.js';
import type { Operator } from '../term/operator.js';
import { Model } from './model.js';
import { calculusVariables, collectSymbols, replace, replaceCanonical } from './terms.js';
import { readDerivation, type DerivationInput, type ReadDerivation } from './read.js';
import { proveEqualities, type ProofLine } from './proof.js';
import { STATUSES, type DerivationReport, type StepReport, type StepStatus, type Justification } from './report.js';

export interface VerifyOptions {
  /** Leading equations taken as premises for arrays and ` and `-strings. Default: 1. */
  premises?: number;
  /** Time for one step, in ms. Default: 200. */
  stepTimeMs?: number;
  /** Sample points of the numeric model. Default: 4. */
  points?: number;
  /** Seed of the numeric model. Default: 1. */
  seed?: number;
  /** Report valid steps not used on the way to the goal as `irrelevant`. Default: only when a goal is given. */
  irrelevant?: boolean;
  /** Read `\pi` and `e` as constants. Default: false. */
  constants?: boolean;
  /**
   * Prove valid steps symbolically: the operation applied to the earlier equation, proved
   * equal to the step's sides with the e-graph (see `proof.ts`). Default: true.
   */
  proofs?: boolean;
  /** Time for the proof of one step, in ms (within `stepTimeMs`). Default: 20. */
  proofTimeMs?: number;
  /** For a true step more than one operation away, search two operations that bridge it. Default: true. */
  bridges?: boolean;
  /** Time for that search, in ms (within `stepTimeMs`). Default: 50. */
  bridgeTimeMs?: number;
}

/** What `check` finds for one step (the report's fields but its place). */
type StepResult = Omit<StepReport, 'index' | 'latex' | 'proof' | 'checked' | 'bridge'> & { proof?: ProofLine[]; checked?: StepReport['checked']; bridge?: Justification[] };

/** Equalities that prove a step: candidate (the operation applied to earlier equations) and the step's term, with the sides they are. */
interface Candidate { pairs: [Term, Term][]; sides: ProofLine['side'][] }

/** A candidate, or how to build it (when building costs canonical arithmetic, done only for proofs). */
type Cand = Candidate | (() => Candidate);

/** A justification found, with its candidate when one can be built. */
interface Found { rule: string; detail: string; cand?: Cand | undefined; byExpression?: boolean }

/** The step's sides (l, r) as the candidate sides (a, b): same order or swapped. */
function oriented(a: Term, b: Term, how: 'same' | 'swapped', l: Term, r: Term): Candidate {
  return { pairs: how === 'same' ? [[a, l], [b, r]] : [[b, l], [a, r]], sides: ['lhs', 'rhs'] };
}

/** The smaller term. */
function smaller(a: Term, b: Term): Term { return b.size < a.size ? b : a; }

/** A simple fraction near `x` (denominator at most 12), or null. */
function rational(x: number): Term | null {
  for (let d = 1; d <= 12; d++) {
    const n = Math.round(x * d);
    if (Math.abs(n / d - x) < 1e-9 * Math.max(1, Math.abs(x))) return num(exact(n, d));
  }
  return null;
}

type Vec = Float64Array;

interface Known {
  index: number;
  eq: Term;
  l: Term;
  r: Term;
  premise: boolean;
  symbols: Set<string>;
}

/** Relative tolerance of numeric agreement. */
const TOL = 1e-7;

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= TOL * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * A value affine in the arbitrary constants c_1..c_k, per point: `at0 + sum c_i (at[i] - at0)`,
 * where `at[i]` holds the values with c_i = 1 and the others 0 (`at` is empty, or shorter, for
 * constants the value does not depend on).
 */
interface Affine { at0: Vec; at: Vec[] }

/** A value free of constants. */
const fixed = (v: Vec): Affine => ({ at0: v, at: [] });

const SCRATCH = (n: number): Vec => new Float64Array(n);

/**
 * Whether `a(c) ≡ b` for constants c shared by all pairs, each fitted independently (least
 * squares over the points where everything is finite), then checked everywhere. Each pair
 * needs two finite points, and there must be more finite points than constants fitted.
 */
function agree(pairs: readonly [Affine, Vec][]): boolean {
  let k = 0;
  for (const [a] of pairs) if (a.at.length > k) k = a.at.length;
  const { c, active } = k === 0 ? { c: [] as number[], active: 0 } : fit(pairs, k);
  let finite = 0;
  for (const [a, b] of pairs) {
    let f = 0;
    for (let j = 0; j < b.length; j++) {
      let v = a.at0[j]!;
      for (let i = 0; i < a.at.length; i++) if (c[i] !== 0) v += c[i]! * (a.at[i]![j]! - a.at0[j]!);
      const w = b[j]!;
      if (!Number.isFinite(v) || !Number.isFinite(w)) continue;
      if (!close(v, w)) return false;
      f++;
    }
    if (f < 2) return false;
    finite += f;
  }
  return finite > active;
}

/** Least-squares constants for `agree` (0 for a constant nothing depends on, or one that only moves with another). */
function fit(pairs: readonly [Affine, Vec][], k: number): { c: number[]; active: number } {
  const A = Array.from({ length: k }, () => new Float64Array(k + 1));
  const s = new Float64Array(k);
  for (const [a, b] of pairs) {
    for (let j = 0; j < b.length; j++) {
      const r = b[j]! - a.at0[j]!;
      if (!Number.isFinite(r)) continue;
      let ok = true;
      for (let i = 0; i < k; i++) {
        const x = a.at[i] === undefined ? 0 : a.at[i]![j]! - a.at0[j]!;
        if (!Number.isFinite(x)) { ok = false; break; }
        s[i] = x;
      }
      if (!ok) continue;
      for (let p = 0; p < k; p++) {
        if (s[p] === 0) continue;
        for (let q = 0; q < k; q++) A[p]![q]! += s[p]! * s[q]!;
        A[p]![k]! += s[p]! * r;
      }
    }
  }
  let scale = 0;
  for (let i = 0; i < k; i++) scale = Math.max(scale, A[i]![i]!);
  const c = new Array<number>(k).fill(0);
  if (!(scale > 1e-18)) return { c, active: 0 };
  // Gauss-Jordan with partial pivoting; a vanishing pivot leaves its constant at 0
  const pivotOf = new Array<number>(k).fill(-1);
  const used = new Array<boolean>(k).fill(false);
  let active = 0;
  for (let col = 0; col < k; col++) {
    let best = -1;
    for (let row = 0; row < k; row++) if (!used[row] && (best < 0 || Math.abs(A[row]![col]!) > Math.abs(A[best]![col]!))) best = row;
    if (best < 0 || Math.abs(A[best]![col]!) <= 1e-10 * scale) continue;
    used[best] = true;
    pivotOf[col] = best;
    active++;
    for (let row = 0; row < k; row++) {
      if (row === best) continue;
      const f = A[row]![col]! / A[best]![col]!;
      if (f === 0) continue;
      for (let q = col; q <= k; q++) A[row]![q]! -= f * A[best]![q]!;
    }
  }
  for (let col = 0; col < k; col++) {
    const row = pivotOf[col]!;
    if (row >= 0) c[col] = A[row]![k]! / A[row]![col]!;
  }
  return { c, active };
}

function map2(a: Vec, b: Vec, f: (x: number, y: number) => number): Vec {
  const out = SCRATCH(a.length);
  for (let j = 0; j < a.length; j++) out[j] = f(a[j]!, b[j]!);
  return out;
}
function map1(a: Vec, f: (x: number) => number): Vec {
  const out = SCRATCH(a.length);
  for (let j = 0; j < a.length; j++) out[j] = f(a[j]!);
  return out;
}
function aff2(a: Affine, b: Affine, f: (x: Vec, y: Vec) => Vec): Affine {
  const n = Math.max(a.at.length, b.at.length);
  const at: Vec[] = [];
  for (let i = 0; i < n; i++) at.push(f(a.at[i] ?? a.at0, b.at[i] ?? b.at0));
  return { at0: f(a.at0, b.at0), at };
}
const sub = (x: Vec, y: Vec): Vec => map2(x, y, (p, q) => p - q);
const allNonFinite = (v: Vec): boolean => v.every((x) => !Number.isFinite(x));

/** Whether `t` has an integral without bounds. */
function hasIndefinite(t: Term, seen = new Set<Term>()): boolean {
  if (t.kind !== CALL || seen.has(t)) return false;
  seen.add(t);
  if (t.op === INTEGRAL && t.args.length === 2) return true;
  return t.args.some((a) => hasIndefinite(a, seen));
}
function contains(t: Term, op: Operator, seen = new Set<Term>()): boolean {
  if (t.kind !== CALL || seen.has(t)) return false;
  seen.add(t);
  if (t.op === op) return true;
  return t.args.some((a) => contains(a, op, seen));
}
function count(t: Term, op: Operator): number {
  if (t.kind !== CALL) return 0;
  let n = t.op === op ? 1 : 0;
  for (const a of t.args) n += count(a, op);
  return n;
}
function usesFunction(t: Term, f: Operator, seen = new Set<Term>()): boolean {
  if (t.kind !== CALL || seen.has(t)) return false;
  seen.add(t);
  if (t.op === f || t.op!.base === f) return true;
  return t.args.some((a) => usesFunction(a, f, seen));
}
/** `f` when `t` is an undefined function applied to distinct symbols. */
function definedFunction(t: Term): Operator | null {
  if (t.kind !== CALL || t.op!.kind !== 'undefined') return null;
  const names = new Set<string>();
  for (const a of t.args) { if (a.kind !== SYM || names.has(a.name!)) return null; names.add(a.name!); }
  return t.op!;
}

class TimeUp extends Error {}

/** How a detail names an equation: `step 3`, or the result of a bridge's first operation (index 0). */
function stepName(k: Known): string { return k.index > 0 ? `step ${k.index}` : 'the result'; }

/** An operation in words: `differentiate step 2 by x`, `substitute_LHS_for_RHS (step 1 into the result)`, `times (both sides multiplied by x)`. */
function describe(j: Justification): string {
  if (j.rule.startsWith('substitute')) return `${j.rule} (${j.detail})`;
  const from = j.from.length > 0 ? ` step ${j.from.join(' and ')}` : '';
  if (j.rule === 'differentiate' || j.rule === 'integrate') return `${j.rule}${from} by ${j.detail}`;
  return j.detail !== '' ? `${j.rule}${from} (${j.detail})` : `${j.rule}${from}`;
}

/** The message of a step that holds given the premises but follows from no earlier equation by one operation. */
const TRUE_STEP = 'true given the premises, but not one operation on earlier equations';

/** The verifier of one derivation. */
class Verifier {
  model: Model;
  readonly known: Known[] = [];
  /** Integration constants seen so far (symbols that first appeared after an integral). */
  readonly constants = new Set<string>();
  private integralSeen = false;
  private deadline = 0;
  private fresh: string[] = [];
  private premiseModel: Model | null = null;

  /** The model of the points tried when a step is undefined at most points of the main one. */
  private readonly wide: Model;
  private readonly main: Model;

  constructor(readonly opts: VerifyOptions) {
    this.main = this.model = new Model({ points: opts.points ?? 4, seed: opts.seed ?? 1 });
    this.wide = new Model({ points: 16, seed: (opts.seed ?? 1) + 1, range: [-2.5, 2.5] });
  }

  private tick(): void { if (Date.now() > this.deadline) throw new TimeUp(); }

  /** Values of a term of the current step: affine in the step's fresh constants. */
  private stepValues(t: Term, model = this.model, fresh = this.fresh): Affine {
    if (fresh.length === 0) return fixed(model.values(t));
    const symbols = collectSymbols(t);
    if (!fresh.some((f) => symbols.has(f))) return fixed(model.values(t));
    const zero = new Map<string, number>();
    for (const f of fresh) zero.set(f, 0);
    const at0 = model.values(t, zero);
    const at = fresh.map((f) => {
      if (!symbols.has(f)) return at0;
      const one = new Map(zero);
      one.set(f, 1);
      return model.values(t, one);
    });
    return { at0, at };
  }

  /** The sides of the step matched to (L, R) in either order. */
  private sidesMatch(sl: Affine, sr: Affine, L: Vec, R: Vec): 'same' | 'swapped' | null {
    if (agree([[sl, L], [sr, R]])) return 'same';
    if (agree([[sl, R], [sr, L]])) return 'swapped';
    return null;
  }

  check(step: { index: number; eq: Term; premise: boolean }): StepResult {
    const { eq } = step;
    const l = eq.args[0]!, r = eq.args[1]!;
    const symbols = collectSymbols(eq);
    const before = new Set<string>();
    for (const k of this.known) for (const s of k.symbols) before.add(s);
    const warnings: string[] = [];
    const newSymbols = this.known.length > 0 ? [...symbols].filter((s) => !before.has(s)) : [];
    this.fresh = this.integralSeen ? newSymbols : [];
    const hasIntegral = contains(eq, INTEGRAL);
    const done = (res: ReturnType<Verifier['check']>): ReturnType<Verifier['check']> => {
      if (res.status !== 'unparsed') {
        for (const f of this.fresh) this.constants.add(f);
        this.known.push({ index: step.index, eq, l, r, premise: res.status === 'premise', symbols });
        if (hasIntegral) this.integralSeen = true;
        if (res.status === 'premise') this.premiseModel = null;
      }
      return res;
    };
    const ok = (rule: string, from: number[], detail: string, cand: Cand | undefined): ReturnType<Verifier['check']> => {
      let proof: ProofLine[] | null = null;
      const left = this.deadline - Date.now();
      if (this.opts.proofs !== false && cand !== undefined && left > 0) {
        try { proof = this.prove(typeof cand === 'function' ? cand() : cand, Math.min(left, this.opts.proofTimeMs ?? 20)); } catch { proof = null; }
      }
      return done({ status: 'valid', justification: { rule, from, detail }, counterexample: null, warnings, message: '', proof: proof ?? [], checked: proof === null ? 'numeric' : 'symbolic' });
    };

    if (step.premise) return done({ status: 'premise', justification: { rule: 'premise', from: [], detail: '' }, counterexample: null, warnings, message: '' });
    const cl = canonicalize(l), cr = canonicalize(r);
    for (const k of this.known) {
      const kl = canonicalize(k.l), kr = canonicalize(k.r);
      if ((kl === cl && kr === cr) || (kl === cr && kr === cl)) {
        if (k.premise) return done({ status: 'premise', justification: { rule: 'premise', from: [k.index], detail: 'equal to a premise' }, counterexample: null, warnings, message: '' });
        // the same canonical equation written shorter evaluates k (e^u / e^u as 1): checked below
        if (l.size + r.size < k.l.size + k.r.size) continue;
        return done({ status: 'redundant', justification: { rule: 'repeat', from: [k.index], detail: '' }, counterexample: null, warnings, message: `repeats step ${k.index}` });
      }
    }
    for (const [a, b] of [[l, r], [r, l]] as const) {
      const f = definedFunction(a);
      if (f !== null && !usesFunction(b, f) && !this.known.some((k) => usesFunction(k.eq, f))) {
        this.fresh = [];
        return done({ status: 'premise', justification: { rule: 'definition', from: [], detail: `defines ${f.name}` }, counterexample: null, warnings, message: '' });
      }
    }

    this.deadline = Date.now() + (this.opts.stepTimeMs ?? 200);
    try {
      this.model = this.main;
      let res = this.search(l, r, warnings);
      if (res === null && this.sparse(l, r)) {
        this.model = this.wide;
        res = this.search(l, r, warnings);
        this.model = this.main;
      }
      if (res !== null && res.byExpression === true) {
        // d/d(expression) holds the other symbols fixed: unsound when the premises tie them to it
        const fb = this.fallback(l, r);
        if (fb.status === 'invalid') {
          return done({ ...fb, message: `differentiates step ${res.from.join(', ')} with respect to ${res.detail}, which the premises tie to other symbols: the result fails where they hold` });
        }
      }
      if (res !== null) return ok(res.rule, res.from, res.detail, res.cand);
      // against the premises, a symbol new in a step with an indefinite integral may be its constant
      const fb = this.fallback(l, r, this.fresh.length === 0 && hasIndefinite(eq) ? newSymbols : []);
      if (fb.status === 'unjustified' && fb.message === TRUE_STEP && this.opts.bridges !== false) {
        const limit = this.opts.bridgeTimeMs ?? 50;
        const b = this.bridge(l, r, Math.min(this.deadline, Date.now() + limit));
        if (b === 'time') fb.message += `; no two operations found within ${limit} ms`;
        else if (b === null) fb.message += '; no two operations bridge it';
        else {
          fb.bridge = b;
          fb.message += `; two operations bridge it: ${b.map((o) => describe(o)).join(', then ')}`;
        }
      }
      return done(fb);
    } catch (e) {
      this.model = this.main;
      if (e instanceof TimeUp) {
        return done({ status: 'unjustified', justification: null, counterexample: null, warnings, message: `time limit of ${this.opts.stepTimeMs ?? 200} ms reached` });
      }
      return done({ status: 'unjustified', justification: null, counterexample: null, warnings, message: `check failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  /**
   * The proof of a step from its candidate. The step's integration constants (arbitrary) are
   * taken 0: the candidate is proved equal to the step's side without them, and a last line
   * puts them back.
   */
  private prove(cand: Candidate, timeMs: number): ProofLine[] | null {
    if (this.fresh.length === 0) return proveEqualities(cand.pairs, { timeMs }, cand.sides);
    const zeroed = (t: Term): Term => { for (const f of this.fresh) t = replace(t, sym(f), int(0)); return t; };
    const pairs = cand.pairs.map(([c, t]) => [c, zeroed(t)] as [Term, Term]);
    const lines = proveEqualities(pairs, { timeMs }, cand.sides);
    if (lines === null) return null;
    const out: ProofLine[] = [];
    cand.sides.forEach((side, i) => {
      out.push(...lines.filter((x) => x.side === side));
      const t = cand.pairs[i]![1];
      if (pairs[i]![1] !== t) out.push({ side, rule: `integration constant ${this.fresh.join(', ')} (arbitrary, 0 above)`, term: print(canonicalize(t)) });
    });
    return out;
  }

  /** Whether the step is defined at fewer than two points of the main model. */
  private sparse(l: Term, r: Term): boolean {
    const a = this.model.values(l), b = this.model.values(r);
    let n = 0;
    for (let j = 0; j < a.length; j++) if (Number.isFinite(a[j]! - b[j]!)) n++;
    return n < 2;
  }

  /** What justifies the step in the current model, or null. */
  private search(l: Term, r: Term, warnings: string[]): (Justification & { cand?: Cand | undefined; byExpression?: boolean | undefined }) | null {
    this.stepL = l; this.stepR = r;
    const sl = this.stepValues(l), sr = this.stepValues(r);
    const degenerate = allNonFinite(sl.at0) && allNonFinite(sr.at0);
    const eq = call(EQ, [l, r]);
    const dvars = calculusVariables(eq, DERIVATIVE);
    const ivars = calculusVariables(eq, INTEGRAL);
    // nearest equations first: one operation on E, then E with another equation substituted
    for (let i = this.known.length - 1; i >= 0; i--) {
      this.tick();
      const k = this.known[i]!;
      const res = this.single(k, l, r, sl, sr, dvars, ivars, warnings);
      if (res !== null) return { rule: res.rule, from: [k.index], detail: res.detail, cand: res.cand, byExpression: res.byExpression };
      if (degenerate) {
        const d = this.structural(k, l, r);
        if (d !== null) { warnings.push(d.warning); return { rule: d.rule, from: [k.index], detail: d.detail }; }
      }
      for (let j = this.known.length - 1; j >= 0; j--) {
        if (i === j) continue;
        this.tick();
        const sres = this.substitution(k, this.known[j]!, sl, sr);
        if (sres !== null) return { rule: sres.rule, from: [k.index, this.known[j]!.index], detail: sres.detail, cand: sres.cand };
      }
    }
    if (agree([[aff2(sl, sr, sub), new Float64Array(this.model.points)]])) return { rule: 'identity', from: [], detail: 'both sides are equal', cand: { pairs: [[l, r]], sides: ['lhs = rhs'] } };
    return null;
  }

  /** One operation on both sides of k. */
  private single(k: Known, l: Term, r: Term, sl: Affine, sr: Affine, dvars: Term[], ivars: Term[], warnings: string[]): Found | null {
    const m = this.model;
    const L = m.values(k.l), R = m.values(k.r);
    const step = call(EQ, [l, r]);
    const evalRule = (): string => (count(k.eq, INTEGRAL) > count(step, INTEGRAL) ? 'evaluate_integrals'
      : count(k.eq, DERIVATIVE) > count(step, DERIVATIVE) ? 'evaluate_derivatives' : 'evaluate');
    const same = this.sidesMatch(sl, sr, L, R);
    if (same !== null) return { rule: evalRule(), detail: '', cand: oriented(k.l, k.r, same, l, r) };
    for (const x of dvars) {
      const Dl = call(DERIVATIVE, [k.l, x, int(1)]), Dr = call(DERIVATIVE, [k.r, x, int(1)]);
      const dL = m.values(Dl), dR = m.values(Dr);
      const how = this.sidesMatch(sl, sr, dL, dR);
      if (how !== null) {
        if (x.kind === SYM && this.constants.has(x.name!)) warnings.push(`differentiates with respect to ${print(x)}, an integration constant`);
        else if (x.kind === SYM && !k.symbols.has(x.name!)) warnings.push(`differentiates with respect to ${print(x)}, which step ${k.index} does not depend on`);
        return { rule: 'differentiate', detail: print(x), cand: oriented(Dl, Dr, how, l, r), byExpression: x.kind !== SYM };
      }
    }
    for (const x of ivars) {
      const dl = this.stepValues(call(DERIVATIVE, [l, x, int(1)])), dr = this.stepValues(call(DERIVATIVE, [r, x, int(1)]));
      const how = this.sidesMatch(dl, dr, L, R);
      if (how !== null) return { rule: 'integrate', detail: print(x), cand: oriented(call(INTEGRAL, [k.l, x]), call(INTEGRAL, [k.r, x]), how, l, r) };
    }
    const rs = aff2(sl, sr, sub), rk = sub(L, R);
    // when E holds in the model (both sides equal for random functions), comparisons of lhs - rhs say nothing
    const informative = !agree([[fixed(L), R]]);
    // the expression added: the smaller of the two sides' differences
    const added = (a: Term, b: Term): Cand => (): Candidate => {
      const e = smaller(canonicalize(subTerm(l, a)), canonicalize(subTerm(r, b)));
      return { pairs: [[call(ADD, [a, e]), l], [call(ADD, [b, e]), r]], sides: ['lhs', 'rhs'] };
    };
    if (informative && agree([[rs, rk]])) return { rule: 'add', detail: 'the same expression added to both sides', cand: added(k.l, k.r) };
    if (informative && agree([[rs, map1(rk, (v) => -v)]])) return { rule: 'add', detail: 'the same expression added to both sides (sides swapped)', cand: added(k.r, k.l) };
    const zero = new Float64Array(m.points);
    // a side of E that is 0 leaves the factor free (0 = y gives 0 = c y for any c): found symbolically below
    const isZero = (v: Vec): boolean => v.every((x) => x === 0);
    if (informative && !allNonFinite(L) && !isZero(L) && !isZero(R)) {
      // the factor: the smaller of the two sides' quotients
      const times = (a: Term, b: Term): Cand => (): Candidate => {
        const c = smaller(canonicalize(div(l, a)), canonicalize(div(r, b)));
        return { pairs: [[call(MUL, [c, a]), l], [call(MUL, [c, b]), r]], sides: ['lhs', 'rhs'] };
      };
      // l R - r L = 0 (l / L = r / R without dividing), relative to the products' size at each point
      const cross = (P: Vec, Q: Vec): Affine => {
        const scale = map2(map2(sl.at0, P, (p, q) => p * q), map2(sr.at0, Q, (p, q) => p * q), (p, q) => Math.max(1, Math.abs(p), Math.abs(q)));
        return aff2(sl, sr, (a, b) => map2(map2(map2(a, P, (p, q) => p * q), map2(b, Q, (p, q) => p * q), (p, q) => p - q), scale, (d, w) => d / w));
      };
      const sameOrder = agree([[cross(R, L), zero]]);
      if (sameOrder || agree([[cross(L, R), zero]])) {
        const factor = sl.at0[0]! / L[0]!;
        if (factor === 0) warnings.push('multiplies both sides by zero');
        return { rule: 'times', detail: 'both sides multiplied by the same factor', cand: sameOrder ? times(k.l, k.r) : times(k.r, k.l) };
      }
    }
    if (L.some((v) => v === 0) || R.some((v) => v === 0)) {
      // a factor of both sides, found by dividing symbolically (a side that is zero gives no ratio)
      for (const [a, A, b, B] of [[l, k.l, r, k.r], [r, k.r, l, k.l], [l, k.r, r, k.l], [r, k.l, l, k.r]] as const) {
        if (canonicalize(A) === ZERO || isZero(m.values(A))) continue;
        const ca = canonicalize(a), c = canonicalize(div(ca, A));
        // the factor must come out of the division (x y / y is x), not be the quotient itself
        if (c.size > ca.size) continue;
        const C = m.values(c);
        if (allNonFinite(C)) continue;
        const target = map2(C, m.values(B), (p, q) => p * q);
        if (agree([[this.stepValues(b), target]])) {
          const ca: [Term, Term] = [call(MUL, [c, A]), a], cb: [Term, Term] = [call(MUL, [c, B]), b];
          return { rule: 'times', detail: `both sides multiplied by ${print(c)}`, cand: { pairs: a === l ? [ca, cb] : [cb, ca], sides: ['lhs', 'rhs'] } };
        }
      }
    }
    for (const [name, f, op] of [['exp', Math.exp, EXP], ['log', Math.log, LOG], ['sin', Math.sin, SIN], ['cos', Math.cos, COS]] as const) {
      const fL = map1(L, f), fR = map1(R, f);
      const how = this.sidesMatch(sl, sr, fL, fR);
      if (how !== null) return { rule: name, detail: `${name} of both sides`, cand: oriented(call(op, [k.l]), call(op, [k.r]), how, l, r) };
    }
    const power = this.power(k, l, r, sl, sr, L, R);
    if (power !== null) return power;
    if (informative && this.fresh.length === 0) {
      for (let j = 0; j < m.points; j++) {
        const d = rk[j]!;
        if (!Number.isFinite(d) || Math.abs(d) < 1e-9) continue;
        const c = rs.at0[j]! / d;
        if (!Number.isFinite(c) || Math.abs(c) < 1e-12) break;
        if (agree([[rs, map1(rk, (v) => v * c)]])) {
          const q = rational(c);
          const cand: Candidate | undefined = q === null ? undefined : { pairs: [[call(MUL, [q, call(SUB, [k.l, k.r])]), call(SUB, [l, r])]], sides: ['lhs - rhs'] };
          return { rule: 'rearrange', detail: `lhs - rhs is ${q === null ? c : print(q)} times that of ${stepName(k)}`, cand };
        }
        break;
      }
    }
    return null;
  }

  /**
   * Both sides of E to the same power p: p is the exponent the step writes at the top of a
   * side (values from the model), or else a number fitted at one point and checked at the others.
   * Signs count: a negative base to an integer power has the sign of its parity.
   */
  private power(k: Known, l: Term, r: Term, sl: Affine, sr: Affine, L: Vec, R: Vec): Found | null {
    const m = this.model;
    const exps: (Vec | null)[] = [], terms: (Term | null)[] = [];
    for (const side of [l, r]) if (side.op === POW && side.args[1]!.kind !== NUM) { exps.push(m.values(side.args[1]!)); terms.push(side.args[1]!); }
    if (exps.length === 0) { exps.push(null); terms.push(null); }
    const pw = (v: number, p: number): number => {
      if (v >= 0) return Math.pow(v, p);
      const q = Math.round(p);
      if (Math.abs(p - q) < 1e-9) return (q % 2 === 0 ? 1 : -1) * Math.pow(-v, q);
      return Math.pow(-v, p);
    };
    for (let e = 0; e < exps.length; e++) {
      const P = exps[e]!;
      for (const [A, B] of [[L, R], [R, L]] as const) {
        let p = NaN;
        if (P === null) {
          for (let j = 0; j < m.points && Number.isNaN(p); j++) {
            for (const [a, x] of [[A[j]!, sl.at0[j]!], [B[j]!, sr.at0[j]!]]) {
              if (Math.abs(a) > 0 && Math.abs(x) > 0 && Math.abs(Math.log(Math.abs(a))) > 1e-3 && Number.isFinite(a + x)) {
                p = Math.log(Math.abs(x)) / Math.log(Math.abs(a));
                break;
              }
            }
          }
          if (!Number.isFinite(p)) continue;
          const q = Math.round(p * 6) / 6;
          if (Math.abs(p - q) < 1e-7) p = q;
          if (Math.abs(p - 1) < 1e-9) continue;
        }
        const at = (j: number): number => (P === null ? p : P[j]!);
        const tA = new Float64Array(m.points), tB = new Float64Array(m.points);
        for (let j = 0; j < m.points; j++) { tA[j] = pw(A[j]!, at(j)); tB[j] = pw(B[j]!, at(j)); }
        if (agree([[sl, tA], [sr, tB]])) {
          const pt = P === null ? rational(p) : terms[e]!;
          const cand = pt === null ? undefined : oriented(call(POW, [k.l, pt]), call(POW, [k.r, pt]), A === L ? 'same' : 'swapped', l, r);
          return { rule: 'power', detail: P === null ? `both sides to the power ${p}` : 'both sides to the same power', cand };
        }
      }
    }
    return null;
  }

  /** The step as the same operation with the same operand on both sides of k, checked by the operands (for steps undefined everywhere). */
  private structural(k: Known, l: Term, r: Term): { rule: string; detail: string; warning: string } | null {
    if (l.kind !== CALL || r.kind !== CALL || l.op !== r.op || l.args.length !== 2 || r.args.length !== 2) return null;
    const [a, c] = l.args as [Term, Term], [b, c2] = r.args as [Term, Term];
    if (c !== c2 && canonicalize(c) !== canonicalize(c2)) return null;
    const A = this.model.values(a), B = this.model.values(b), L = this.model.values(k.l), R = this.model.values(k.r);
    const same = (x: Vec, y: Vec): boolean => agree([[fixed(x), y]]);
    if (!((same(A, L) && same(B, R)) || (same(A, R) && same(B, L)))) return null;
    const name = l.op!.name;
    return { rule: name === '/' ? 'divide' : name === '*' ? 'times' : name, detail: `by ${print(c)}`, warning: `operates on both sides with ${print(c)}, which is zero here: the step is undefined` };
  }

  /** k with one side of e replaced by the other. */
  private substitution(k: Known, e: Known, sl: Affine, sr: Affine): Found | null {
    for (const [from, to, rule] of [[e.l, e.r, 'substitute_LHS_for_RHS'], [e.r, e.l, 'substitute_RHS_for_LHS']] as const) {
      if (from.kind === 0) continue;
      let cand = replace(k.eq, from, to);
      if (cand === k.eq) {
        const cf = canonicalize(from);
        const ck = call(EQ, [canonicalize(k.l), canonicalize(k.r)]);
        cand = replaceCanonical(ck, cf, canonicalize(to));
        if (cand === ck) continue;
      }
      const L = this.model.values(cand.args[0]!), R = this.model.values(cand.args[1]!);
      const how = this.sidesMatch(sl, sr, L, R);
      const l = this.stepL!, r = this.stepR!;
      if (how !== null) return { rule, detail: `${stepName(e)} into ${stepName(k)}`, cand: oriented(cand.args[0]!, cand.args[1]!, how, l, r) };
      const rs = aff2(sl, sr, sub), rk = sub(L, R);
      const diff = (a: Term, b: Term): Candidate => ({ pairs: [[call(SUB, [a, b]), call(SUB, [l, r])]], sides: ['lhs - rhs'] });
      if (agree([[rs, rk]])) return { rule, detail: `${stepName(e)} into ${stepName(k)}, rearranged`, cand: diff(cand.args[0]!, cand.args[1]!) };
      if (agree([[rs, map1(rk, (v) => -v)]])) return { rule, detail: `${stepName(e)} into ${stepName(k)}, rearranged`, cand: diff(cand.args[1]!, cand.args[0]!) };
    }
    // a definition f(x, y) = body: E_a and the step agree where f is body (substitution anywhere, as SymPy's subs)
    const d = this.definitionModel(e);
    if (d !== null) {
      const L = d.values(k.l), R = d.values(k.r);
      const dl = this.stepValues(this.stepL!, d), dr = this.stepValues(this.stepR!, d);
      if (this.sidesMatch(dl, dr, L, R) !== null) return { rule: 'substitute_definition', detail: `${stepName(e)} (a definition) into ${stepName(k)}`, cand: undefined };
    }
    return null;
  }

  private readonly definitions = new Map<Known, Model | null>();
  stepL: Term | null = null;
  stepR: Term | null = null;

  /** The model where e holds, when e defines a function. */
  private definitionModel(e: Known): Model | null {
    if (this.model !== this.main) return null;
    if (this.definitions.has(e)) return this.definitions.get(e)!;
    let m: Model | null = null;
    for (const [a, b] of [[e.l, e.r], [e.r, e.l]] as const) {
      const f = definedFunction(a);
      if (f !== null && !usesFunction(b, f)) {
        const body = this.main.lower(b);
        if (body !== null) { m = this.main.define(f, [...a.args], body); break; }
      }
    }
    this.definitions.set(e, m);
    return m;
  }

  /** The model where the premises that define functions hold. */
  private premises(): Model {
    if (this.premiseModel !== null) return this.premiseModel;
    let m = new Model({ points: this.model.points, seed: (this.model.seed * 7919) | 0 });
    for (const k of this.known) {
      if (!k.premise) continue;
      for (const [a, b] of [[k.l, k.r], [k.r, k.l]] as const) {
        const f = definedFunction(a);
        if (f !== null && !usesFunction(b, f)) {
          const body = m.lower(b);
          if (body !== null) { m = m.define(f, [...a.args], body); break; }
        }
      }
    }
    this.premiseModel = m;
    return m;
  }

  /**
   * Two operations that give the step: a first one on an earlier equation (differentiate or
   * integrate by a variable of the step, or substitute another earlier equation), then any
   * one-operation check of the step against its result (as in `search`). Nearest equations
   * first; 'time' when the time ran out, null when nothing bridges it.
   */
  private bridge(l: Term, r: Term, deadline: number): Justification[] | 'time' | null {
    const saved = this.deadline;
    this.deadline = deadline;
    this.model = this.main;
    try {
      const sl = this.stepValues(l), sr = this.stepValues(r);
      const eq = call(EQ, [l, r]);
      const dvars = calculusVariables(eq, DERIVATIVE), ivars = calculusVariables(eq, INTEGRAL);
      const symbols = [...collectSymbols(eq)].map((n) => sym(n));
      const scratch: string[] = [];
      for (let i = this.known.length - 1; i >= 0; i--) {
        const k = this.known[i]!;
        for (const first of this.firstOperations(k, dvars, ivars, symbols)) {
          this.tick();
          const mid: Known = { index: 0, eq: first.eq, l: first.eq.args[0]!, r: first.eq.args[1]!, premise: false, symbols: collectSymbols(first.eq) };
          const res = this.single(mid, l, r, sl, sr, dvars, ivars, scratch);
          if (res !== null) return [first.op, { rule: res.rule, from: [], detail: res.detail }];
          for (let j = this.known.length - 1; j >= 0; j--) {
            this.tick();
            const sub = this.substitution(mid, this.known[j]!, sl, sr);
            if (sub !== null) return [first.op, { rule: sub.rule, from: [this.known[j]!.index], detail: sub.detail }];
          }
        }
      }
      return null;
    } catch (e) {
      if (e instanceof TimeUp) return 'time';
      return null;
    } finally {
      this.deadline = saved;
    }
  }

  /** The equations one operation gives from k, as terms, for `bridge`. */
  private *firstOperations(k: Known, dvars: Term[], ivars: Term[], symbols: Term[]): Generator<{ eq: Term; op: Justification }> {
    const vars = [...dvars, ...symbols.filter((x) => !dvars.includes(x) && k.symbols.has(x.name!))];
    for (const x of vars) {
      yield { eq: call(EQ, [call(DERIVATIVE, [k.l, x, int(1)]), call(DERIVATIVE, [k.r, x, int(1)])]), op: { rule: 'differentiate', from: [k.index], detail: print(x) } };
    }
    for (const x of ivars) {
      yield { eq: call(EQ, [call(INTEGRAL, [k.l, x]), call(INTEGRAL, [k.r, x])]), op: { rule: 'integrate', from: [k.index], detail: print(x) } };
    }
    for (let j = this.known.length - 1; j >= 0; j--) {
      const e = this.known[j]!;
      if (e === k) continue;
      for (const [from, to, rule] of [[e.l, e.r, 'substitute_LHS_for_RHS'], [e.r, e.l, 'substitute_RHS_for_LHS']] as const) {
        if (from.kind === NUM) continue;
        let eq = replace(k.eq, from, to);
        if (eq === k.eq) {
          const ck = call(EQ, [canonicalize(k.l), canonicalize(k.r)]);
          eq = replaceCanonical(ck, canonicalize(from), canonicalize(to));
          if (eq === ck) continue;
        }
        yield { eq, op: { rule, from: [k.index, e.index], detail: `step ${e.index} into step ${k.index}` } };
      }
    }
  }

  private fallback(l: Term, r: Term, extra: readonly string[] = []): ReturnType<Verifier['check']> {
    const m = this.premises();
    // premises that give a symbol's value (y = x^2) are substituted into the step
    for (const k of this.known) {
      if (!k.premise) continue;
      for (const [a, b] of [[k.l, k.r], [k.r, k.l]] as const) {
        if (a.kind === SYM && !collectSymbols(b).has(a.name!)) { l = replace(l, a, b); r = replace(r, a, b); break; }
      }
    }
    const fit = [...new Set([...this.fresh, ...this.constants, ...extra])];
    const sl = this.stepValues(l, m, fit), sr = this.stepValues(r, m, fit);
    const rs = aff2(sl, sr, sub);
    if (agree([[rs, new Float64Array(m.points)]])) {
      return { status: 'unjustified', justification: null, counterexample: null, warnings: [], message: TRUE_STEP };
    }
    // A counterexample is a point where both sides are defined and differ; agreeing at the few
    // points where they are defined is not enough to call the step true, nor false.
    let j = -1;
    for (let i = 0; i < m.points && j < 0; i++) {
      const a = sl.at0[i]!, b = sr.at0[i]!;
      if (Number.isFinite(a) && Number.isFinite(b) && !close(a, b)) j = i;
    }
    if (j < 0) {
      return {
        status: 'unjustified', justification: null, counterexample: null, warnings: [],
        message: 'follows from no earlier equation by one operation; too few points where both sides are defined to decide whether it holds',
      };
    }
    const point: Record<string, number> = {};
    for (const s of collectSymbols(call(EQ, [l, r]))) point[s] = m.symbolValue(s, j);
    return {
      status: 'invalid', justification: null,
      counterexample: { point, lhs: sl.at0[j]!, rhs: sr.at0[j]! }, warnings: [],
      message: 'follows from no earlier equation by one operation, and fails where the premises hold (undefined functions random where the premises leave them free)',
    };
  }
}

function emptySummary(): Record<StepStatus, number> {
  const s = {} as Record<StepStatus, number>;
  for (const k of STATUSES) s[k] = 0;
  return s;
}

/**
 * Verifies a derivation (see the file header for what is checked). Never throws.
 * @example verifyDerivation(['y = x^{2}', 'y + 1 = x^{2} + 1']).steps[1].justification.rule // 'add'
 */
export function verifyDerivation(input: DerivationInput | unknown, opts: VerifyOptions = {}): DerivationReport {
  let read: ReadDerivation;
  try {
    read = readDerivation(input, opts);
  } catch (e) {
    return { id: null, steps: [{ index: 1, latex: String(input), status: 'unparsed', justification: null, proof: [], checked: null, bridge: [], counterexample: null, warnings: [], message: e instanceof Error ? e.message : String(e) }], goalReached: false, summary: { ...emptySummary(), unparsed: 1 } };
  }
  const v = new Verifier(opts);
  const steps: StepReport[] = [];
  for (const s of read.steps) {
    if (s.equation === null) {
      steps.push({ index: s.index, latex: s.latex, status: 'unparsed', justification: null, proof: [], checked: null, bridge: [], counterexample: null, warnings: [], message: s.error });
      continue;
    }
    let res;
    try {
      res = v.check({ index: s.index, eq: s.equation, premise: s.premise });
    } catch (e) {
      res = { status: 'unjustified' as StepStatus, justification: null, counterexample: null, warnings: [], message: `check failed: ${e instanceof Error ? e.message : String(e)}` };
    }
    steps.push({ index: s.index, latex: s.latex, proof: [], checked: null, bridge: [], ...res });
  }
  // the goal and the steps used on the way to it
  let goalIndex = steps.length > 0 ? steps[steps.length - 1]!.index : -1;
  if (read.goal !== null) {
    const g = read.goal, gl = canonicalize(g.args[0]!), gr = canonicalize(g.args[1]!);
    goalIndex = -1;
    for (const k of v.known) {
      const kl = canonicalize(k.l), kr = canonicalize(k.r);
      if ((kl === gl && kr === gr) || (kl === gr && kr === gl)) goalIndex = k.index;
    }
  }
  const byIndex = new Map(steps.map((s) => [s.index, s]));
  const used = new Set<number>();
  const stack = goalIndex > 0 ? [goalIndex] : [];
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (used.has(i)) continue;
    used.add(i);
    for (const f of byIndex.get(i)?.justification?.from ?? []) stack.push(f);
  }
  let goalReached = goalIndex > 0;
  for (const i of used) {
    const st = byIndex.get(i)!.status;
    if (st !== 'valid' && st !== 'premise' && st !== 'redundant') goalReached = false;
  }
  if (read.goal !== null || opts.irrelevant === true) {
    for (const s of steps) if (s.status === 'valid' && !used.has(s.index)) { s.status = 'irrelevant'; s.message = 'valid, but not used on the way to the goal'; }
  }
  const summary = emptySummary();
  for (const s of steps) summary[s.status]++;
  const report: DerivationReport = { steps, goalReached, summary };
  if (read.id !== null && read.id !== undefined) report.id = read.id;
  return report;
}
