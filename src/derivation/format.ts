/**
 * The derivation data's format (see `shared/data/derivations/README.md`): equations in the
 * data's LaTeX style (`\eta{(a)}`, `\int (x + 1) dx`: parentheses without `\left`/`\right`),
 * joined by ` and `; annotations `"premise"` or `[rule, ref, operand-or-ref]` with operands
 * in SymPy's srepr (records with all variants: `item.ts`).
 *
 * @example dataLatex(parse('f(x) = sin(x)', { mode: 'written' })) // 'f{(x)} = \\sin{(x)}'
 */
import type { Term } from '../term/term.js';
import { toLatex } from '../term/latex.js';
import { srepr } from '../term/srepr.js';
import type { Derivation, DerivationStep } from './derivation.js';

/**
 * LaTeX of a term in the data's style: SymPy's `latex()` with `\left(` and `\right)` written
 * as plain parentheses and no thin space before a differential.
 * @example dataLatex(parse('Integral(x + 1, x)', { mode: 'written' })) // '\\int (x + 1) dx'
 */
export function dataLatex(t: Term): string {
  return toLatex(t).replace(/\\left\(/g, '(').replace(/ ?\\right\)/g, ')').replace(/\\, d/g, ' d');
}

/** A step's equation in the data's LaTeX: as it was read, else printed. */
export function stepLatex(s: DerivationStep): string {
  return s.latex ?? dataLatex(s.equation);
}

/** A step's annotation in the data: `"premise"` or `[rule, ref, operand (srepr) or second ref]`. */
export type Annotation = string | (string | number)[];

/**
 * The annotation of each step, as the data writes it.
 * @example annotations(d)[1] // ['differentiate', 1, "Symbol('x', commutative=True)"]
 */
export function annotations(d: Derivation): Annotation[] {
  return d.steps.map((s) => {
    if (s.rule === 'premise' || s.rule === 'get_premise') return s.rule;
    const a: (string | number)[] = [s.rule, ...s.refs];
    if (s.operand !== null && s.rule !== 'evaluate_integrals') a.push(srepr(s.operand));
    return a;
  });
}

/** The equations of a derivation in the data's LaTeX, joined by ` and `. */
export function derivationText(d: Derivation): string {
  return d.steps.map(stepLatex).join(' and ');
}

/** The steps as the data's `srepr_derivation`: `[annotation, srepr]` pairs. */
export function sreprDerivation(d: Derivation): [Annotation, string][] {
  const notes = annotations(d);
  return d.steps.map((s, i) => [notes[i]!, srepr(s.equation)]);
}
