/**
 * Queries on the terms of derivations shared by the verifier, the generator and the
 * perturbations: the variables of derivatives or integrals, and the undefined functions a
 * term applies.
 *
 * @example calculusVariables(parse('Integral(f(x), x) + Derivative(g(y), y, 1)'), INTEGRAL) // [x]
 */
import { type Term, CALL } from '../term/term.js';
import type { Operator } from '../term/operator.js';

/**
 * The variables of the `op` nodes (`Derivative` or `Integral`) of `t`, each once, in the
 * order they are met.
 * @example calculusVariables(parse('Derivative(f(x, y), y, 1)'), DERIVATIVE) // [y]
 */
export function calculusVariables(t: Term, op: Operator, out: Term[] = [], seen = new Set<Term>()): Term[] {
  if (t.kind !== CALL || seen.has(t)) return out;
  seen.add(t);
  if (t.op === op && !out.includes(t.args[1]!)) out.push(t.args[1]!);
  for (const a of t.args) calculusVariables(a, op, out, seen);
  return out;
}

/**
 * The undefined functions `t` applies, its partial derivatives counted as their function.
 * @example [...collectFunctions(parse('f(x) + Derivative(g(x, y), x, 1)'))].map((f) => f.name) // ['f', 'g']
 */
export function collectFunctions(t: Term, out: Set<Operator> = new Set(), seen: Set<Term> = new Set()): Set<Operator> {
  if (t.kind !== CALL || seen.has(t)) return out;
  seen.add(t);
  if (t.op!.kind === 'undefined') out.add(t.op!);
  if (t.op!.kind === 'derived') out.add(t.op!.base!);
  for (const a of t.args) collectFunctions(a, out, seen);
  return out;
}
