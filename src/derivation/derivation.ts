/**
 * A derivation as generated and perturbed: equations (terms) with the annotation of each
 * (the rule, the 1-based references to earlier equations, the operand), and the equations
 * the prompt gives as hints. The last step is the goal.
 *
 * @example chainToGoal(d).steps.length // the steps the goal depends on, renumbered
 */
import type { Term } from '../term/term.js';
import { parseLatexEquations, latexFunctionNames } from '../term/latex-parse.js';
import { EquateError } from '../term/errors.js';
import { EQ } from '../term/operators.js';
import type { Operation } from './operations.js';

/**
 * A step's rule: an operation, a premise (`get_premise`: one introduced after the first
 * step), or `step` for a step read without annotation (taken to follow from the one before).
 */
export type Rule = Operation | 'premise' | 'get_premise' | 'step';

export interface DerivationStep {
  equation: Term;
  rule: Rule;
  /** 1-based indices of the equations the step uses (two for substitutions: into the first, the second's side). */
  refs: number[];
  /** The variable, expression or exponent of the operation, or the constant an integration introduced. */
  operand: Term | null;
  /** The equation as written in the input, when it was read (printed as is). */
  latex?: string;
}

export interface Derivation {
  steps: DerivationStep[];
  /** 1-based indices of intermediate equations the prompt names ("then derive ..."). */
  hints: number[];
}

/** Whether a rule marks a premise. */
export function isPremise(rule: Rule | string): boolean {
  return rule === 'premise' || rule === 'get_premise';
}

/**
 * The derivation cut down to the steps the goal (the last step) depends on, renumbered;
 * hints that are cut are dropped.
 * @example chainToGoal({ steps: [p, q, unused, goalFromQ], hints: [] }).steps.length // 3
 */
export function chainToGoal(d: Derivation): Derivation {
  const n = d.steps.length;
  if (n === 0) return d;
  const keep = new Set<number>();
  const stack = [n];
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (keep.has(i)) continue;
    keep.add(i);
    for (const r of d.steps[i - 1]!.refs) stack.push(r);
  }
  const renumber = new Map<number, number>();
  const steps: DerivationStep[] = [];
  for (let i = 1; i <= n; i++) {
    if (!keep.has(i)) continue;
    const s = d.steps[i - 1]!;
    steps.push({ ...s, refs: s.refs.map((r) => renumber.get(r)!) });
    renumber.set(i, steps.length);
  }
  return { steps, hints: d.hints.filter((h) => keep.has(h)).map((h) => renumber.get(h)!) };
}

/**
 * A derivation from its LaTeX equations, without annotations: the first `premises` are
 * premises, every later step has the rule `step` and refers to the one before it. `\pi` and
 * `e` are symbols unless `constants` (as `readDerivation` reads them).
 * @example fromLatex(['f{(x)} = x^{2}', '\\frac{d}{d x} f{(x)} = 2 x']).steps.length // 2
 */
export function fromLatex(equations: readonly string[], premises = 1, opts: { constants?: boolean } = {}): Derivation {
  const functions = new Set<string>();
  for (const e of equations) for (const f of latexFunctionNames(e)) functions.add(f);
  const steps: DerivationStep[] = equations.map((latex, i) => {
    const ts = parseLatexEquations(latex, { functions: [...functions], constants: opts.constants ?? false });
    const t = ts[ts.length - 1];
    if (t === undefined || t.op !== EQ) throw new EquateError(`step ${i + 1} is not an equation: ${latex}`);
    return { equation: t, rule: i < premises ? 'premise' : 'step', refs: i < premises ? [] : [i], operand: null, latex };
  });
  return { steps, hints: [] };
}
