/**
 * The operations that derive a new equation from earlier ones, as the derivation data names
 * them: differentiate or integrate both sides, evaluate derivatives or integrals, substitute
 * one equation into another (either way), add / minus / times / divide / power both sides
 * by an operand, apply cos / sin / exp / log to both sides, expand. Results are canonical
 * terms (SymPy's automatic evaluation: `x x` is `x^2`, derivatives stay unevaluated until
 * `evaluate_derivatives`).
 *
 * @example applyOperation('times', [parse('f(x) = x^2', { mode: 'written' })], sym('x')) // x*f(x) = x^3
 */
import { type Term, call, int, CALL, SYM } from '../term/term.js';
import { EQ, DERIVATIVE, INTEGRAL, COS, SIN, EXP, LOG } from '../term/operators.js';
import { add, mul, pow, apply, canonicalize, MINUS_ONE } from '../term/canonical.js';
import { evaluateDerivative } from '../rewrite/rules/calculus.js';
import { integrateTerms } from '../rewrite/rules/integrate.js';
import { expand } from '../rewrite/poly/expand.js';
import { replaceCanonical } from './terms.js';

/** The operations, named as in the derivation data. */
export const OPERATIONS = [
  'differentiate', 'integrate', 'evaluate_derivatives', 'evaluate_integrals', 'substitute_LHS_for_RHS',
  'substitute_RHS_for_LHS', 'add', 'minus', 'times', 'divide', 'power', 'cos', 'sin', 'exp', 'log', 'expand',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/** How many earlier equations an operation reads (substitutions read two). */
export function arity(op: Operation): 1 | 2 {
  return op === 'substitute_LHS_for_RHS' || op === 'substitute_RHS_for_LHS' ? 2 : 1;
}

/** Whether an operation takes an operand (the variable, the expression, the exponent, the integration constant). */
export function takesOperand(op: Operation): boolean {
  return op === 'differentiate' || op === 'integrate' || op === 'add' || op === 'minus' || op === 'times'
    || op === 'divide' || op === 'power' || op === 'evaluate_integrals';
}

/** `l = r` with canonical sides. */
export function equation(l: Term, r: Term): Term {
  return call(EQ, [l, r]);
}

/** The sides of an equation, canonical. */
export function sides(eq: Term): [Term, Term] {
  return [canonicalize(eq.args[0]!), canonicalize(eq.args[1]!)];
}

/** Effort of `evaluate_integrals`: an integral that needs more stays unevaluated. */
const INTEGRATION_EFFORT = { maxSteps: 400, maxParts: 3 } as const;

/** `∫ e dx` evaluated as far as the integrator goes (terms it cannot do stay under an integral), or null. */
function integrateLimited(e: Term, x: Term): Term | null {
  if (x.kind !== SYM) return null;
  const r = integrateTerms(e, x, INTEGRATION_EFFORT);
  if (r === null) return null;
  return r.rest === null ? r.known : add([r.known, mul([r.factor, apply(INTEGRAL, [r.rest, x])])]);
}

/** `t` rebuilt bottom-up with `f` applied to every call (canonical). */
function mapCalls(t: Term, f: (u: Term) => Term, memo: Map<Term, Term> = new Map()): Term {
  if (t.kind !== CALL) return t;
  const hit = memo.get(t);
  if (hit !== undefined) return hit;
  let changed = false;
  const args = t.args.map((a) => { const b = mapCalls(a, f, memo); if (b !== a) changed = true; return b; });
  const r = f(changed ? apply(t.op!, args) : t);
  memo.set(t, r);
  return r;
}

function both(eq: Term, f: (side: Term) => Term | null): Term | null {
  const [l, r] = sides(eq);
  const a = f(l), b = f(r);
  if (a === null || b === null) return null;
  return equation(a, b);
}

/**
 * The equation `op` derives from `eqs` (one equation, or two for substitutions: into the
 * first, the second's side), with `operand` where the operation takes one; null when the
 * operation does not apply (nothing to evaluate or substitute, an integral whose evaluation
 * would need more than one constant, a variable that is not a symbol).
 * @example applyOperation('differentiate', [parse('f(x) = x^2', { mode: 'written' })], sym('x')) // Derivative(f(x), x, 1) = Derivative(x^2, x, 1)
 */
export function applyOperation(op: Operation, eqs: readonly Term[], operand: Term | null = null): Term | null {
  const eq = eqs[0]!;
  switch (op) {
    case 'differentiate':
      if (operand === null || operand.kind !== SYM) return null;
      return both(eq, (s) => apply(DERIVATIVE, [s, operand, int(1)]));
    case 'integrate':
      if (operand === null || operand.kind !== SYM) return null;
      return both(eq, (s) => apply(INTEGRAL, [s, operand]));
    case 'evaluate_derivatives': {
      let changed = false;
      const r = both(eq, (s) => mapCalls(s, (u) => {
        if (u.op !== DERIVATIVE) return u;
        const v = evaluateDerivative(u);
        if (v === null || v === u) return u;
        changed = true;
        return v;
      }));
      return changed ? r : null;
    }
    case 'evaluate_integrals': {
      if (operand === null || operand.kind !== SYM) return null;
      let count = 0;
      const r = both(eq, (s) => mapCalls(s, (u) => {
        if (u.op !== INTEGRAL || u.args.length !== 2) return u;
        const v = integrateLimited(u.args[0]!, u.args[1]!);
        if (v === null) return u;
        count++;
        return add([v, operand]);
      }));
      return count === 1 ? r : null;
    }
    case 'substitute_LHS_for_RHS':
    case 'substitute_RHS_for_LHS': {
      const other = eqs[1];
      if (other === undefined) return null;
      const [ol, or] = sides(other);
      const [from, to] = op === 'substitute_LHS_for_RHS' ? [ol, or] : [or, ol];
      if (from.kind !== CALL) return null;
      let changed = false;
      const r = both(eq, (s) => { const t = replaceCanonical(s, from, to); if (t !== s) changed = true; return t; });
      return changed ? r : null;
    }
    case 'add':
      return operand === null ? null : both(eq, (s) => add([s, operand]));
    case 'minus':
      return operand === null ? null : both(eq, (s) => add([s, mul([MINUS_ONE, operand])]));
    case 'times':
      return operand === null ? null : both(eq, (s) => mul([s, operand]));
    case 'divide':
      return operand === null ? null : both(eq, (s) => mul([s, pow(operand, MINUS_ONE)]));
    case 'power':
      return operand === null ? null : both(eq, (s) => pow(s, operand));
    case 'cos':
      return both(eq, (s) => apply(COS, [s]));
    case 'sin':
      return both(eq, (s) => apply(SIN, [s]));
    case 'exp':
      return both(eq, (s) => apply(EXP, [s]));
    case 'log':
      return both(eq, (s) => apply(LOG, [s]));
    case 'expand': {
      const r = both(eq, (s) => expand(s));
      return r !== null && (r.args[0] !== canonicalize(eq.args[0]!) || r.args[1] !== canonicalize(eq.args[1]!)) ? r : null;
    }
  }
}
