/**
 * Perturbations of a derivation, as in the paper behind the derivation data:
 *
 * - VR, variable renaming (`renameVariables`): every symbol and undefined function renamed
 *   to names of the vocabulary the derivation does not use (special functions such as `Ci`
 *   keep their names); still valid.
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
import { apply } from '../term/canonical.js';
import { EQ } from '../term/operators.js';
import { derivedFn, type Operator } from '../term/operator.js';
import { parseLatex, latexFunctionNames } from '../term/latex-parse.js';
import { seededRandom } from '../term/random.js';
import { EquateError } from '../term/errors.js';
import { isSpecialFunction } from './model.js';
import { collectFunctions, collectSymbols } from './terms.js';
import { type Derivation, type DerivationStep, isPremise } from './derivation.js';
import { DEFAULT_VOCABULARY, type Vocabulary } from './vocabulary.js';
import { extendDerivation, type ExtendOptions } from './generate.js';
import { mutants, PremiseCheck, type Mutant, type MutantKind } from './mutate.js';

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
  for (const t of terms) { collectSymbols(t, new Set(), oldSymbols); collectFunctions(t, oldFunctions); }
  for (const f of oldFunctions) if (isSpecialFunction(f.name)) oldFunctions.delete(f);
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

/**
 * A single-edit mutant of a derivation: a step after the premises changed by one edit of
 * `mutate.ts` so that it no longer follows: it fails given the premises whatever the
 * integration constants (`PremiseCheck`). Edits that keep the step true, such as negating a
 * side equal to 0 or dropping a constant of integration, are passed over; null when no step
 * has such a mutant of the allowed kinds.
 * @example mutateDerivation(d, { seed: 4 })?.mutant.kind // 'sign', 'swap', ...
 */
export function mutateDerivation(d: Derivation, opts: MutateOptions = {}): MutatedDerivation | null {
  const rng = seededRandom(opts.seed ?? 1);
  const check = new PremiseCheck(d.steps.map((s) => s.equation), d.steps.map((s) => isPremise(s.rule)));
  const candidates = shuffled(d.steps.map((_, i) => i).filter((i) => !isPremise(d.steps[i]!.rule)), rng);
  for (const i of candidates) {
    const eq = d.steps[i]!.equation;
    const ms = shuffled(mutants(eq, { seed: Math.floor(rng() * 2 ** 31), ...(opts.kinds ? { kinds: [...opts.kinds] } : {}) }), rng);
    const m = ms.find((c) => check.holds(c.term, i) === false);
    if (m === undefined) continue;
    const steps = d.steps.slice(0, (opts.truncate ?? true) ? i + 1 : d.steps.length).map((s, k) => (k === i ? { equation: m.term, rule: s.rule, refs: s.refs, operand: s.operand } : s));
    return { derivation: { steps, hints: d.hints.filter((h) => h <= steps.length && h !== i + 1) }, index: i + 1, mutant: m };
  }
  return null;
}
