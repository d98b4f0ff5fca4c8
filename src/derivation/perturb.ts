/**
 * Perturbations of a derivation, as in the paper behind the derivation data:
 *
 * - VR, variable renaming (`renameVariables`): every symbol and undefined function renamed
 *   to names of the vocabulary the derivation does not use; still valid.
 * - EE, expression exchange (`exchangeSides`): both sides of every equation swapped (and
 *   the substitution rules with them); still valid.
 * - AG, alternative goal (`alternativeGoal`): the same chain with a different last step, an
 *   operation on the equation the original goal came from.
 * - SR, step removal (`removeHints`): the same derivation, its prompt without the
 *   intermediate "then derive" hints.
 * - single-edit mutants (`mutateDerivation`): one step changed (a coefficient, a sign, an
 *   exponent, swapped operands, a dropped term) so that it no longer follows; the verifier
 *   must flag it.
 *
 * @example exchangeSides(d).steps[0].equation // the premise with its sides swapped
 */
import { type Term, call, SYM, CALL } from '../term/term.js';
import { apply, canonicalize } from '../term/canonical.js';
import { EQ, INTEGRAL } from '../term/operators.js';
import { derivedFn, type Operator } from '../term/operator.js';
import { parseLatex, latexFunctionNames } from '../term/latex-parse.js';
import { seededRandom } from '../term/random.js';
import { EquateError } from '../term/errors.js';
import { Model, collectSymbols } from './model.js';
import { type Derivation, type DerivationStep, isPremise } from './derivation.js';
import { DEFAULT_VOCABULARY, type Vocabulary } from './vocabulary.js';
import { extendDerivation, type ExtendOptions } from './generate.js';
import { mutants, type Mutant, type MutantKind } from './mutate.js';

/** The kinds of perturbation. */
export type PerturbationKind = 'VR' | 'EE' | 'AG' | 'SR' | 'mutant';

function shuffled<T>(xs: readonly T[], rng: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function functionsOf(t: Term, out: Set<Operator>, seen: Set<Term> = new Set()): Set<Operator> {
  if (t.kind !== CALL || seen.has(t)) return out;
  seen.add(t);
  if (t.op!.kind === 'undefined') out.add(t.op!);
  if (t.op!.kind === 'derived') out.add(t.op!.base!);
  for (const a of t.args) functionsOf(a, out, seen);
  return out;
}

/** Every term of a derivation: equations and operands. */
function termsOf(d: Derivation): Term[] {
  return d.steps.flatMap((s) => (s.operand === null ? [s.equation] : [s.equation, s.operand]));
}

/** `t` with symbols and functions renamed (canonical sides; equations stay equations). */
function renamed(t: Term, symbols: ReadonlyMap<string, Term>, functions: ReadonlyMap<Operator, Operator>, memo: Map<Term, Term>): Term {
  const hit = memo.get(t);
  if (hit !== undefined) return hit;
  let r: Term;
  if (t.kind === SYM) r = symbols.get(t.name!) ?? t;
  else if (t.kind !== CALL) r = t;
  else {
    const args = t.args.map((a) => renamed(a, symbols, functions, memo));
    const op = t.op!;
    if (op === EQ) r = call(EQ, args);
    else if (op.kind === 'undefined') r = call(functions.get(op) ?? op, args);
    else if (op.kind === 'derived') r = call(derivedFn(functions.get(op.base!) ?? op.base!, op.indices!), args);
    else r = apply(op, args);
  }
  memo.set(t, r);
  return r;
}

export interface RenameOptions {
  /** Seed of the names drawn. Default: 1. */
  seed?: number;
  /** Names to draw from. Default: `DEFAULT_VOCABULARY`. */
  vocabulary?: Partial<Vocabulary>;
}

/**
 * VR: the derivation with every symbol and undefined function renamed, one to one, to names
 * of the vocabulary that it does not use.
 * @example renameVariables(fromLatex(['f{(x)} = x^{2}'])).steps[0].equation // e.g. \psi(\kappa) = \kappa^2
 */
export function renameVariables(d: Derivation, opts: RenameOptions = {}): Derivation {
  const rng = seededRandom(opts.seed ?? 1);
  const vocabulary = { ...DEFAULT_VOCABULARY, ...opts.vocabulary };
  const terms = termsOf(d);
  const oldSymbols = new Set<string>(), oldFunctions = new Set<Operator>();
  for (const t of terms) { collectSymbols(t, new Set(), oldSymbols); functionsOf(t, oldFunctions); }
  const taken = new Set<string>([...oldSymbols, ...[...oldFunctions].map((f) => f.name)]);
  const symbolPool = shuffled(vocabulary.symbols, rng).map((n) => parseLatex(n)).filter((s) => s.kind === SYM && !taken.has(s.name!));
  const functionPool = shuffled(vocabulary.functions, rng).map((n) => {
    const text = `${n}{(z)}`;
    return parseLatex(text, { functions: latexFunctionNames(text) }).op!;
  }).filter((f) => f.kind === 'undefined' && !taken.has(f.name));
  const symbols = new Map<string, Term>(), functions = new Map<Operator, Operator>();
  const used = new Set<string>();
  for (const name of [...oldSymbols].sort()) {
    const s = symbolPool.find((c) => !used.has(c.name!));
    if (s === undefined) throw new EquateError('renameVariables: the vocabulary has too few unused symbol names');
    used.add(s.name!);
    symbols.set(name, s);
  }
  for (const f of [...oldFunctions].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const g = functionPool.find((c) => !used.has(c.name));
    if (g === undefined) throw new EquateError('renameVariables: the vocabulary has too few unused function names');
    used.add(g.name);
    functions.set(f, g);
  }
  const memo = new Map<Term, Term>();
  return {
    steps: d.steps.map(({ latex: _, ...s }) => ({
      ...s,
      equation: renamed(s.equation, symbols, functions, memo),
      operand: s.operand === null ? null : renamed(s.operand, symbols, functions, memo),
    })),
    hints: [...d.hints],
  };
}

/**
 * EE: every equation with its sides swapped; `substitute_LHS_for_RHS` and
 * `substitute_RHS_for_LHS` trade places (the same replacement, seen from the other side).
 * @example exchangeSides(d).steps[1].rule // 'substitute_RHS_for_LHS' where d had 'substitute_LHS_for_RHS'
 */
export function exchangeSides(d: Derivation): Derivation {
  const flip = (r: DerivationStep['rule']): DerivationStep['rule'] =>
    r === 'substitute_LHS_for_RHS' ? 'substitute_RHS_for_LHS' : r === 'substitute_RHS_for_LHS' ? 'substitute_LHS_for_RHS' : r;
  return {
    steps: d.steps.map(({ latex: _, ...s }) => ({ ...s, rule: flip(s.rule), equation: call(EQ, [s.equation.args[1]!, s.equation.args[0]!]) })),
    hints: [...d.hints],
  };
}

/**
 * AG: the chain with a different last step: an operation on the equation the goal came from
 * (its first reference; the one before the goal when not annotated), checked by the verifier;
 * null when none is found.
 * @example alternativeGoal(d, { seed: 3 })?.steps.length // about d.steps.length
 */
export function alternativeGoal(d: Derivation, opts: Omit<ExtendOptions, 'target' | 'avoid'> = {}): Derivation | null {
  const n = d.steps.length;
  if (n < 2) return null;
  const goal = d.steps[n - 1]!;
  const target = goal.refs.length > 0 && goal.refs[0]! < n ? goal.refs[0]! : n - 1;
  return extendDerivation({ steps: d.steps.slice(0, n - 1), hints: d.hints.filter((h) => h < n) }, { ...opts, target, avoid: goal.equation });
}

/**
 * SR: the same derivation, its prompt without the intermediate hints.
 * @example buildPrompt(removeHints(d)) // 'Prompt: Given ..., then obtain ...'
 */
export function removeHints(d: Derivation): Derivation {
  return { steps: d.steps, hints: [] };
}

export interface MutateOptions {
  /** Seed of the step and the edit. Default: 1. */
  seed?: number;
  /** The kinds of edit allowed. Default: all. */
  kinds?: readonly MutantKind[];
  /** Cut the derivation after the changed step (the steps after it relied on the original). Default: true. */
  truncate?: boolean;
}

/** A mutated derivation, the 1-based index of the changed step and the edit made. */
export interface MutatedDerivation {
  derivation: Derivation;
  index: number;
  mutant: Mutant;
}

/** The model that decides whether an edit changes an equation's meaning (renewed now and then: it caches every term it saw). */
let MODEL = new Model({ points: 6, seed: 23 });
let modelUses = 0;

function sideValues(t: Term, overrides?: ReadonlyMap<string, number>): Float64Array {
  try { return MODEL.values(canonicalize(t), overrides); } catch { return new Float64Array(MODEL.points).fill(NaN); }
}

/** `lhs - rhs` of an equation at the model's points. */
function residual(eq: Term, overrides?: ReadonlyMap<string, number>): Float64Array {
  const l = sideValues(eq.args[0]!, overrides), r = sideValues(eq.args[1]!, overrides);
  return l.map((v, j) => v - r[j]!);
}

function differ(a: Float64Array, b: Float64Array): boolean {
  for (let j = 0; j < a.length; j++) {
    const x = a[j]!, y = b[j]!;
    if (Number.isNaN(x) !== Number.isNaN(y)) return true;
    if (Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) > 1e-6 * Math.max(1, Math.abs(x), Math.abs(y))) return true;
  }
  return false;
}

/**
 * Whether a mutant no longer says what the original said: no side of the original is 0 in
 * the model (`0 = x` and `0 = -x` say the same), the residuals differ, and the difference is
 * not a constant of integration (it changes when the variables of integration do).
 */
function changesMeaning(original: Term, mutant: Term, integrationVariables: readonly string[]): boolean {
  for (const side of original.args) if (!differ(sideValues(side), new Float64Array(MODEL.points))) return false;
  const a = residual(original), b = residual(mutant);
  if (!differ(a, b)) return false;
  if (integrationVariables.length === 0) return true;
  const shifted = (v: number): Float64Array => {
    const o = new Map(integrationVariables.map((x) => [x, v] as const));
    const x = residual(original, o), y = residual(mutant, o);
    return x.map((u, j) => u - y[j]!);
  };
  return differ(shifted(0.61), shifted(1.37));
}

function integralVariablesOf(t: Term, out: Set<string>, seen: Set<Term> = new Set()): Set<string> {
  if (t.kind !== CALL || seen.has(t)) return out;
  seen.add(t);
  if (t.op === INTEGRAL && t.args[1]!.kind === SYM) out.add(t.args[1]!.name!);
  for (const a of t.args) integralVariablesOf(a, out, seen);
  return out;
}

/**
 * The arbitrary constants of step `i` (0-based): symbols that first appear after an integral
 * has appeared (as the verifier reads them).
 */
function arbitraryConstants(d: Derivation, i: number): Set<string> {
  const seen = new Set<string>(), constants = new Set<string>();
  let integral = false;
  for (let k = 0; k <= i; k++) {
    const eq = d.steps[k]!.equation;
    for (const n of collectSymbols(eq)) {
      if (!seen.has(n) && integral) constants.add(n);
      seen.add(n);
    }
    if (integralVariablesOf(eq, new Set()).size > 0) integral = true;
  }
  return constants;
}

/** Whether the subterm at `position` (argument indices from the equation down) mentions one of `constants`. */
function editsConstant(eq: Term, position: readonly number[], constants: ReadonlySet<string>): boolean {
  if (constants.size === 0) return false;
  let t = eq;
  for (const k of position) {
    const next = t.args[k];
    if (next === undefined) break;
    t = next;
  }
  for (const n of collectSymbols(t)) if (constants.has(n)) return true;
  return false;
}

/**
 * A single-edit mutant of a derivation: a step after the premises changed by one edit of
 * `mutate.ts` that changes its meaning (see `changesMeaning`: edits that keep the step true,
 * such as negating a side equal to 0 or changing a constant of integration, are passed
 * over); null when no step has such a mutant of the allowed kinds.
 * @example mutateDerivation(d, { seed: 4 })?.mutant.kind // 'sign', 'swap', ...
 */
export function mutateDerivation(d: Derivation, opts: MutateOptions = {}): MutatedDerivation | null {
  if (++modelUses >= 64) { MODEL = new Model({ points: 6, seed: 23 }); modelUses = 0; }
  const rng = seededRandom(opts.seed ?? 1);
  const candidates = shuffled(d.steps.map((_, i) => i).filter((i) => !isPremise(d.steps[i]!.rule)), rng);
  for (const i of candidates) {
    const vars = new Set<string>();
    for (let k = 0; k <= i; k++) integralVariablesOf(d.steps[k]!.equation, vars);
    const constants = arbitraryConstants(d, i);
    const eq = d.steps[i]!.equation;
    const ms = shuffled(mutants(eq, { seed: Math.floor(rng() * 2 ** 31), ...(opts.kinds ? { kinds: [...opts.kinds] } : {}) }), rng);
    const m = ms.find((c) => !editsConstant(eq, c.position, constants) && changesMeaning(eq, c.term, [...vars]));
    if (m === undefined) continue;
    const steps = d.steps.slice(0, (opts.truncate ?? true) ? i + 1 : d.steps.length).map((s, k) => (k === i ? { equation: m.term, rule: s.rule, refs: s.refs, operand: s.operand } : s));
    return { derivation: { steps, hints: d.hints.filter((h) => h <= steps.length && h !== i + 1) }, index: i + 1, mutant: m };
  }
  return null;
}
