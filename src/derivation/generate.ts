/**
 * `generateDerivations(opts)`: random derivations in the style of the derivation data.
 *
 * Each starts from a premise, an undefined function of one or two variables equal to a
 * random expression of them (sometimes an unevaluated integral or derivative, sometimes
 * with a second premise defining another function). Operations (`operations.ts`) are then
 * chosen at random with weights and applied to earlier equations, mostly the latest one;
 * operations that evaluate derivatives or integrals are favoured where something is left to
 * evaluate, as in the data. A new equation is rejected when it is trivial (`a = a`), repeats
 * an earlier one (either way round), exceeds `maxSize` nodes, is undefined at the numeric
 * model's points, or divides by an expression that is zero there. Once the goal (the last
 * equation) depends on `length` equations, the derivation is cut down to the chain that
 * leads to it (`chainToGoal`), and the prompt's hints are its evaluation steps.
 *
 * With `verify` (the default), each derivation is checked by `verifyDerivation` as it is
 * written out (the data's LaTeX) and kept only when every step is a premise or valid and the
 * goal is reached; the others are counted in `stats` and replaced by a new attempt. Every
 * derivation is reproducible from `seed` and its position: derivation k of a run is the same
 * whatever `count` is.
 *
 * @example generateDerivations({ count: 2, seed: 7 }).length // 2
 */
import { type Term, call, int, sym, SYM, CALL } from '../term/term.js';
import { parseLatex, latexFunctionNames } from '../term/latex-parse.js';
import { seededRandom } from '../term/random.js';
import { EquateError } from '../term/errors.js';
import { add, mul, pow, apply, canonicalize, MINUS_ONE } from '../term/canonical.js';
import { DERIVATIVE, INTEGRAL, SIN, COS, EXP, LOG } from '../term/operators.js';
import type { Operator } from '../term/operator.js';
import { Model } from './model.js';
import { calculusVariables, collectFunctions, collectSymbols } from './terms.js';
import { OPERATIONS, type Operation, applyOperation, arity, equation, takesOperand } from './operations.js';
import { type Derivation, type DerivationStep, chainToGoal, isPremise } from './derivation.js';
import { DEFAULT_VOCABULARY, type Vocabulary } from './vocabulary.js';
import { stepLatex } from './format.js';
import { verifyDerivation } from './verify.js';

export interface GenerateOptions {
  /** How many derivations. Default: 1. */
  count?: number;
  /** Seed of the run. Default: 1. */
  seed?: number;
  /** Position of the first derivation in the run (a slice of a longer run: the same derivations). Default: 0. */
  start?: number;
  /** Equations per derivation, premises included: a number or a range [min, max]. Default: [4, 7]. */
  length?: number | readonly [number, number];
  /** Names to draw symbols and functions from. Default: `DEFAULT_VOCABULARY`. */
  vocabulary?: Partial<Vocabulary>;
  /** The operations allowed: a list (default weights), or weights by operation (0 leaves one out). */
  operations?: readonly Operation[] | Partial<Record<Operation, number>>;
  /** Largest equation, in tree nodes. Default: 80. */
  maxSize?: number;
  /** Check each derivation with the verifier and keep only those valid throughout. Default: true. */
  verify?: boolean;
  /** Filled in with counts of what was tried and rejected. */
  stats?: GenerateStats;
}

export interface GenerateStats {
  derivations: number;
  /** Derivations started (each retried until one is kept). */
  attempts: number;
  /** Candidate equations rejected, by reason. */
  rejected: Record<string, number>;
  /** Derivations the verifier did not pass (replaced by new attempts). */
  unverified: number;
  /** Steps of the kept derivations. */
  steps: number;
}

/** The paper's operations, weighted roughly as often as the data uses them. */
export const DEFAULT_WEIGHTS: Readonly<Record<Operation, number>> = Object.freeze({
  differentiate: 3, integrate: 2, evaluate_derivatives: 3, evaluate_integrals: 3, substitute_LHS_for_RHS: 3,
  substitute_RHS_for_LHS: 1.5, add: 1, minus: 1, times: 1, divide: 1, power: 1.2, cos: 0.25, sin: 0.25, exp: 0.3,
  log: 0.2, expand: 0.5,
});

/** Attempts per derivation before the run gives up. */
const MAX_ATTEMPTS = 200;
/** Candidate operations tried per derivation attempt, per equation wanted. */
const TRIES_PER_STEP = 12;

const symbolCache = new Map<string, Term>();
const functionCache = new Map<string, Operator>();

/** The symbol a LaTeX name reads as. */
function symbolNamed(latex: string): Term {
  let s = symbolCache.get(latex);
  if (s === undefined) {
    s = parseLatex(latex);
    if (s.kind !== SYM) throw new EquateError(`vocabulary: '${latex}' is not a symbol name`);
    symbolCache.set(latex, s);
  }
  return s;
}

/** The undefined function a LaTeX name reads as. */
function functionNamed(latex: string): Operator {
  let f = functionCache.get(latex);
  if (f === undefined) {
    const text = `${latex}{(z)}`;
    const t = parseLatex(text, { functions: latexFunctionNames(text) });
    if (t.kind !== CALL || t.op!.kind !== 'undefined') throw new EquateError(`vocabulary: '${latex}' is not a function name`);
    f = t.op!;
    functionCache.set(latex, f);
  }
  return f;
}

function weightsOf(ops: GenerateOptions['operations']): Record<Operation, number> {
  const w = { ...DEFAULT_WEIGHTS };
  if (ops === undefined) return w;
  if (Array.isArray(ops)) {
    for (const o of OPERATIONS) if (!(ops as readonly string[]).includes(o)) w[o] = 0;
    for (const o of ops as readonly string[]) if (!(OPERATIONS as readonly string[]).includes(o)) throw new EquateError(`unknown operation '${o}' (known: ${OPERATIONS.join(', ')})`);
    return w;
  }
  for (const [k, v] of Object.entries(ops)) {
    if (!(OPERATIONS as readonly string[]).includes(k)) throw new EquateError(`unknown operation '${k}' (known: ${OPERATIONS.join(', ')})`);
    if (typeof v !== 'number' || !(v >= 0)) throw new EquateError(`weight of '${k}' must be a number >= 0`);
    w[k as Operation] = v;
  }
  return w;
}

function contains(t: Term, op: Operator, seen: Set<Term> = new Set()): boolean {
  if (t.kind !== CALL || seen.has(t)) return false;
  if (t.op === op) return true;
  seen.add(t);
  return t.args.some((a) => contains(a, op, seen));
}

/** How deep integrals nest in `t`. */
function integralDepth(t: Term): number {
  if (t.kind !== CALL) return 0;
  let d = 0;
  for (const a of t.args) d = Math.max(d, integralDepth(a));
  return t.op === INTEGRAL ? d + 1 : d;
}

/** A numeric model shared by all derivations (its values depend only on names). */
let MODEL = new Model({ points: 6, seed: 11 });
/** Derivations generated since the model was made (it caches every term it saw: renewed now and then). */
let modelUses = 0;

function renewModel(): void {
  if (++modelUses < 64) return;
  MODEL = new Model({ points: MODEL.points, seed: MODEL.seed });
  modelUses = 0;
}

/** `t` with each integral replaced by its integrand: defined where `t` is, and cheap to evaluate. */
function integrands(t: Term, memo: Map<Term, Term> = new Map()): Term {
  if (t.kind !== CALL) return t;
  const hit = memo.get(t);
  if (hit !== undefined) return hit;
  const r = t.op === INTEGRAL ? integrands(t.args[0]!, memo) : call(t.op!, t.args.map((a) => integrands(a, memo)));
  memo.set(t, r);
  return r;
}

/** Points of the model where both sides are finite (integrals stand in by their integrands). */
function definedPoints(l: Term, r: Term): number {
  let a: Float64Array, b: Float64Array;
  try { a = MODEL.values(integrands(l)); b = MODEL.values(integrands(r)); } catch { return 0; }
  let n = 0;
  for (let j = 0; j < a.length; j++) if (Number.isFinite(a[j]!) && Number.isFinite(b[j]!) && Math.abs(a[j]!) < 1e12 && Math.abs(b[j]!) < 1e12) n++;
  return n;
}

function zeroSomewhere(t: Term): boolean {
  let v: Float64Array;
  try { v = MODEL.values(t); } catch { return true; }
  for (const x of v) if (!(Math.abs(x) > 1e-9)) return true;
  return false;
}

/** One derivation being built. */
class Attempt {
  readonly steps: DerivationStep[] = [];
  private readonly keys = new Set<string>();
  private readonly usedNames = new Set<string>();
  readonly vars: Term[] = [];
  readonly params: Term[] = [];

  constructor(
    private readonly rng: () => number,
    private readonly vocabulary: Vocabulary,
    private readonly weights: Record<Operation, number>,
    private readonly maxSize: number,
    private readonly rejected: Record<string, number>,
  ) {}

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rng() * xs.length)]!;
  }

  private between(lo: number, hi: number): number {
    return lo + Math.floor(this.rng() * (hi - lo + 1));
  }

  private reject(reason: string): null {
    this.rejected[reason] = (this.rejected[reason] ?? 0) + 1;
    return null;
  }

  /**
   * A name of the vocabulary not used yet in this derivation, read with `read`; `reserve`
   * takes it at once (else it is taken when an equation with it is accepted).
   */
  private fresh<T>(list: readonly string[], read: (latex: string) => T, name: (x: T) => string, reserve: boolean): T | null {
    const tryName = (latex: string): T | null => {
      const x = read(latex);
      if (this.usedNames.has(name(x))) return null;
      if (reserve) this.usedNames.add(name(x));
      return x;
    };
    for (let k = 0; k < 20; k++) {
      const x = tryName(this.pick(list));
      if (x !== null) return x;
    }
    for (const n of list) {
      const x = tryName(n);
      if (x !== null) return x;
    }
    return null;
  }

  freshSymbol(reserve = false): Term {
    const s = this.fresh(this.vocabulary.symbols, symbolNamed, (t) => t.name!, reserve);
    if (s === null) throw new EquateError('vocabulary: not enough symbol names');
    return s;
  }

  private freshFunction(): Operator {
    const f = this.fresh(this.vocabulary.functions, functionNamed, (o) => o.name, true);
    if (f === null) throw new EquateError('vocabulary: not enough function names');
    return f;
  }

  /** Takes up an existing derivation: its equations, names, variables (the arguments of its premises' functions) and parameters. */
  resume(steps: readonly DerivationStep[]): void {
    for (const st of steps) {
      this.steps.push(st);
      const [l, r] = st.equation.args.map(canonicalize) as [Term, Term];
      this.remember(l, r, st.equation);
      if (!isPremise(st.rule)) continue;
      for (const side of [l, r]) {
        if (side.kind === CALL && side.op!.kind === 'undefined') for (const a of side.args) if (a.kind === SYM && !this.vars.includes(a)) this.vars.push(a);
      }
    }
    for (const st of steps) {
      if (!isPremise(st.rule)) continue;
      for (const n of collectSymbols(st.equation)) {
        const s = sym(n);
        if (!this.vars.includes(s) && !this.params.includes(s)) this.params.push(s);
      }
    }
  }

  private leaf(): Term {
    const k = this.rng();
    if (k < 0.6 || this.params.length === 0 && k < 0.75) return this.pick(this.vars);
    if (k < 0.75) return this.pick(this.params);
    return int(this.between(1, 5));
  }

  /** A random expression of the variables (and parameters), depth at most `depth`. */
  expression(depth: number): Term {
    if (depth === 0 || this.rng() < 0.25) return this.leaf();
    const k = this.rng(), d = depth - 1;
    if (k < 0.22) return add([this.expression(d), this.expression(d)]);
    if (k < 0.44) return mul([this.expression(d), this.expression(d)]);
    if (k < 0.56) return pow(this.expression(d), int(this.between(2, 3)));
    if (k < 0.66) return apply(this.rng() < 0.5 ? SIN : COS, [this.expression(d)]);
    if (k < 0.74) return apply(EXP, [this.expression(d)]);
    if (k < 0.79) return apply(LOG, [this.pick(this.vars)]);
    if (k < 0.9) return mul([this.expression(d), pow(this.expression(d), MINUS_ONE)]);
    return mul([MINUS_ONE, this.expression(d)]);
  }

  /** `f(vars) = expression`, the expression mentioning a variable. */
  private definition(rule: 'premise' | 'get_premise'): DerivationStep | null {
    const f = this.freshFunction();
    for (let k = 0; k < 10; k++) {
      let body = canonicalize(this.expression(3));
      if (body.size > 14 || !this.vars.some((v) => collectSymbols(body).has(v.name!))) continue;
      const w = this.rng();
      if (w < 0.08) body = apply(INTEGRAL, [body, this.pick(this.vars)]);
      else if (w < 0.14) body = apply(DERIVATIVE, [body, this.pick(this.vars), int(1)]);
      const eq = equation(call(f, this.vars), body);
      if (this.accept(eq) === null) continue;
      return { equation: eq, rule, refs: [], operand: null };
    }
    return null;
  }

  start(): boolean {
    const nv = this.rng() < 0.3 ? 2 : 1;
    for (let i = 0; i < nv; i++) this.vars.push(this.freshSymbol(true));
    if (this.rng() < 0.35) this.params.push(this.freshSymbol(true));
    const p = this.definition('premise');
    if (p === null) return false;
    this.steps.push(p);
    if (this.rng() < 0.12) {
      const q = this.definition('get_premise');
      if (q !== null) this.steps.push(q);
    }
    return true;
  }

  /** The key of an equation, the same either way round. */
  private key(l: Term, r: Term): string {
    return l.id < r.id ? `${l.id}=${r.id}` : `${r.id}=${l.id}`;
  }

  /** Checks a candidate equation and records it; null when rejected. */
  accept(eq: Term): Term | null {
    const [l, r] = eq.args as [Term, Term];
    if (l === r) return this.reject('trivial');
    if (eq.size > this.maxSize) return this.reject('size');
    const key = this.key(l, r);
    if (this.keys.has(key)) return this.reject('duplicate');
    // the model integrates from a fixed start to the point: with integrals, every point must be defined
    if (definedPoints(l, r) < (contains(eq, INTEGRAL) ? MODEL.points : 3)) return this.reject('undefined');
    this.remember(l, r, eq);
    return eq;
  }

  /** Records an equation of the derivation: its key (either way round) and its names. */
  private remember(l: Term, r: Term, eq: Term): void {
    this.keys.add(this.key(l, r));
    for (const n of collectSymbols(eq)) this.usedNames.add(n);
    for (const f of collectFunctions(eq)) this.usedNames.add(f.name);
  }

  private operand(op: Operation, eq: Term): Term | null {
    const symbols = collectSymbols(eq);
    switch (op) {
      case 'differentiate': {
        const vs = this.vars.filter((v) => symbols.has(v.name!));
        return vs.length === 0 ? null : this.pick(vs);
      }
      case 'integrate': {
        // integrals nest at most two deep, in one variable
        const xs = calculusVariables(eq, INTEGRAL);
        if (integralDepth(eq) >= 2) return null;
        const vs = this.vars.filter((v) => xs.every((x) => x === v));
        return vs.length === 0 ? null : this.pick(vs);
      }
      case 'evaluate_integrals':
        return this.freshSymbol();
      case 'power':
        return this.rng() < 0.8 ? int(this.between(2, 3)) : this.pick(this.vars);
      case 'add': case 'minus': case 'times': case 'divide': {
        const k = this.rng();
        let o: Term;
        if (k < 0.45) o = this.pick(this.vars);
        else if (k < 0.6) o = this.freshSymbol();
        else if (k < 0.8) o = int(this.between(2, 5));
        else {
          const s = this.pick(this.steps).equation;
          o = canonicalize(s.args[this.rng() < 0.5 ? 0 : 1]!);
          if (o.size > 8) o = this.pick(this.vars);
        }
        if (op === 'divide' && zeroSomewhere(o)) return null;
        return o;
      }
      default:
        return null;
    }
  }

  /** The weight of `op` on equation `eq` (0: does not apply). */
  private weight(op: Operation, eq: Term): number {
    const w = this.weights[op];
    if (w === 0) return 0;
    if (op === 'evaluate_derivatives') return contains(eq, DERIVATIVE) ? 3 * w : 0;
    if (op === 'evaluate_integrals') return contains(eq, INTEGRAL) ? 3 * w : 0;
    if (op === 'substitute_LHS_for_RHS' || op === 'substitute_RHS_for_LHS') return this.steps.length > 1 ? w : 0;
    return w;
  }

  /** Tries one random operation (on equation `target` when given, else mostly on the latest); the new step, or null. */
  step(target?: number): DerivationStep | null {
    const n = this.steps.length;
    const i = target ?? (this.rng() < 0.7 ? n : 1 + Math.floor(this.rng() * n));
    const eq = this.steps[i - 1]!.equation;
    let total = 0;
    const ws = OPERATIONS.map((o) => { const w = this.weight(o, eq); total += w; return w; });
    if (total === 0) return null;
    let x = this.rng() * total, k = 0;
    while (k < ws.length - 1 && x >= ws[k]!) x -= ws[k++]!;
    const op = OPERATIONS[k]!;
    let refs = [i];
    let operand: Term | null = null;
    let result: Term | null;
    if (arity(op) === 2) {
      // into eq, the side of another equation that occurs in it
      const order = [...Array(n).keys()].map((j) => j + 1).filter((j) => j !== i);
      for (let s = order.length - 1; s > 0; s--) { const t = Math.floor(this.rng() * (s + 1)); [order[s], order[t]] = [order[t]!, order[s]!]; }
      result = null;
      for (const j of order) {
        result = applyOperation(op, [eq, this.steps[j - 1]!.equation]);
        if (result !== null) { refs = [i, j]; break; }
      }
      if (result === null) return this.reject('nothing to substitute');
    } else {
      operand = this.operand(op, eq);
      if (operand === null && takesOperand(op)) return this.reject('no operand');
      try { result = applyOperation(op, [eq], operand); } catch { result = null; }
      if (result === null) return this.reject(`${op} does not apply`);
    }
    if (this.accept(result) === null) return null;
    return { equation: result, rule: op, refs, operand };
  }
}

/** Premises before the first derived step are leading premises ('premise'), whatever they were when made. */
function leadingPremises(d: Derivation): Derivation {
  let lead = true;
  return {
    steps: d.steps.map((s) => {
      if (!isPremise(s.rule)) lead = false;
      return lead && s.rule === 'get_premise' ? { ...s, rule: 'premise' } : s;
    }),
    hints: d.hints,
  };
}

/** Hints of a chain: its evaluation steps (at most two), else its middle step. */
function hintsOf(d: Derivation): number[] {
  const n = d.steps.length;
  const hints: number[] = [];
  d.steps.forEach((s, i) => {
    if (i < n - 1 && (s.rule === 'evaluate_derivatives' || s.rule === 'evaluate_integrals') && hints.length < 2) hints.push(i + 1);
  });
  if (hints.length === 0 && n >= 4 && !isPremise(d.steps[Math.floor(n / 2) - 1]!.rule)) hints.push(Math.floor(n / 2));
  return hints;
}

/** The equations of a derivation as written out, and how many lead as premises. */
export function derivationLatex(d: Derivation): { steps: string[]; premises: number } {
  let premises = 0;
  while (premises < d.steps.length && isPremise(d.steps[premises]!.rule)) premises++;
  return { steps: d.steps.map(stepLatex), premises };
}

/**
 * Whether the verifier passes a derivation: every step a premise or valid, the goal reached.
 * Its decisions are numeric (proofs and bridges are not needed here); each step has 5 s, as
 * the paper's generator had in SymPy, so that how busy the machine is does not change which
 * derivations pass, and a run gives the same derivations everywhere.
 */
export function passesVerifier(d: Derivation): boolean {
  const { steps, premises } = derivationLatex(d);
  const r = verifyDerivation(steps, { premises, proofs: false, bridges: false, stepTimeMs: 5_000 });
  return r.goalReached && r.steps.every((s) => s.status === 'premise' || s.status === 'valid');
}

export interface ExtendOptions extends Pick<GenerateOptions, 'vocabulary' | 'operations' | 'maxSize' | 'verify'> {
  /** Seed of the operations tried. Default: 1. */
  seed?: number;
  /** The equation the new step applies to (1-based). Default: the last. */
  target?: number;
  /** An equation the new step must not be (either way round). */
  avoid?: Term;
  /** Operations tried before giving up. Default: 200. */
  tries?: number;
}

/**
 * The derivation with one more step, an operation on `target` (and, for substitutions,
 * another equation), cut down to the chain that leads to the new goal; null when no operation
 * gives a new equation (or, with `verify`, none that the verifier passes).
 * @example extendDerivation(d, { seed: 2 })?.steps.at(-1)?.rule // 'differentiate', 'times', ...
 */
export function extendDerivation(d: Derivation, opts: ExtendOptions = {}): Derivation | null {
  if (d.steps.length === 0) return null;
  const rng = seededRandom(seedOf(opts.seed ?? 1, d.steps.length));
  const vocabulary: Vocabulary = {
    symbols: opts.vocabulary?.symbols ?? DEFAULT_VOCABULARY.symbols,
    functions: opts.vocabulary?.functions ?? DEFAULT_VOCABULARY.functions,
  };
  const weights = weightsOf(opts.operations);
  const target = opts.target ?? d.steps.length;
  if (!Number.isInteger(target) || target < 1 || target > d.steps.length) throw new EquateError(`target must be a step of the derivation (1 to ${d.steps.length}), got ${String(target)}`);
  const avoid = opts.avoid === undefined ? null : [canonicalize(opts.avoid.args[0]!), canonicalize(opts.avoid.args[1]!)];
  const tries = opts.tries ?? 200;
  for (let t = 0; t < tries; t++) {
    const at = new Attempt(rng, vocabulary, weights, opts.maxSize ?? 80, {});
    at.resume(d.steps);
    const s = at.step(target);
    if (s === null) continue;
    const [l, r] = s.equation.args as [Term, Term];
    if (avoid !== null && ((l === avoid[0] && r === avoid[1]) || (l === avoid[1] && r === avoid[0]))) continue;
    const chain = chainToGoal({ steps: [...d.steps, s], hints: d.hints });
    if ((opts.verify ?? true) && !passesVerifier(chain)) continue;
    return chain;
  }
  return null;
}

/** The seed of derivation `k` of a run. */
function seedOf(seed: number, k: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(k + 1, 0x85ebca6b)) >>> 0;
}

function lengthRange(length: GenerateOptions['length']): [number, number] {
  if (length === undefined) return [4, 7];
  const [lo, hi] = typeof length === 'number' ? [length, length] : length;
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 2 || hi < lo || hi > 40) throw new EquateError(`length must be an integer or range within [2, 40], got ${String(length)}`);
  return [lo, hi];
}

/**
 * Random derivations (see the file header).
 * @example generateDerivations({ count: 1, seed: 3 })[0].steps[0].rule // 'premise'
 */
export function generateDerivations(opts: GenerateOptions = {}): Derivation[] {
  const count = opts.count ?? 1;
  if (!Number.isInteger(count) || count < 0) throw new EquateError(`count must be a non-negative integer, got ${String(count)}`);
  const seed = opts.seed ?? 1;
  if (!Number.isFinite(seed)) throw new EquateError(`seed must be a number, got ${String(seed)}`);
  const [minLen, maxLen] = lengthRange(opts.length);
  const vocabulary: Vocabulary = {
    symbols: opts.vocabulary?.symbols ?? DEFAULT_VOCABULARY.symbols,
    functions: opts.vocabulary?.functions ?? DEFAULT_VOCABULARY.functions,
  };
  if (vocabulary.symbols.length < 4 || vocabulary.functions.length < 2) throw new EquateError('vocabulary: at least 4 symbol names and 2 function names are needed');
  const weights = weightsOf(opts.operations);
  const maxSize = opts.maxSize ?? 80;
  const verify = opts.verify ?? true;
  const stats: GenerateStats = opts.stats ?? { derivations: 0, attempts: 0, rejected: {}, unverified: 0, steps: 0 };
  const start = opts.start ?? 0;
  if (!Number.isInteger(start) || start < 0) throw new EquateError(`start must be a non-negative integer, got ${String(start)}`);
  const out: Derivation[] = [];
  for (let k = start; k < start + count; k++) {
    renewModel();
    const rng = seededRandom(seedOf(seed, k));
    let done: Derivation | null = null;
    for (let a = 0; a < MAX_ATTEMPTS && done === null; a++) {
      stats.attempts++;
      const target = minLen + Math.floor(rng() * (maxLen - minLen + 1));
      const at = new Attempt(rng, vocabulary, weights, maxSize, stats.rejected);
      if (!at.start()) continue;
      for (let t = 0; t < TRIES_PER_STEP * target; t++) {
        const s = at.step();
        if (s === null) continue;
        at.steps.push(s);
        const chain = chainToGoal({ steps: at.steps, hints: [] });
        if (chain.steps.length >= target) {
          if (chain.steps.length <= maxLen) done = leadingPremises({ steps: chain.steps, hints: hintsOf(chain) });
          break;
        }
      }
      if (done !== null && verify && !passesVerifier(done)) {
        stats.unverified++;
        done = null;
      }
    }
    if (done === null) throw new EquateError(`could not generate derivation ${k + 1} in ${MAX_ATTEMPTS} attempts: allow more operations, a larger maxSize (${maxSize}) or a shorter length (${minLen} to ${maxLen})`);
    out.push(done);
    stats.derivations++;
    stats.steps += done.steps.length;
  }
  return out;
}

