/**
 * The shape of a verification report (see the architecture's "Public API"): one entry per
 * step, in input order, with its status, justification, proof, counterexample and warnings.
 */

/** What a step is found to be. */
export type StepStatus = 'premise' | 'valid' | 'invalid' | 'unjustified' | 'redundant' | 'irrelevant' | 'unparsed';

/** The statuses, in report order. */
export const STATUSES: readonly StepStatus[] = ['premise', 'valid', 'invalid', 'unjustified', 'redundant', 'irrelevant', 'unparsed'];

/** Why a step holds: the rule, the 1-based indices of the equations it uses, and what was applied. */
export interface Justification {
  /**
   * 'premise', 'definition', 'differentiate', 'integrate', 'evaluate_derivatives',
   * 'evaluate_integrals', 'evaluate', 'add', 'times', 'divide' (degenerate steps), 'power', 'exp',
   * 'log', 'sin', 'cos', 'rearrange', 'substitute_LHS_for_RHS', 'substitute_RHS_for_LHS',
   * 'substitute_definition', 'identity', 'repeat' (redundant steps).
   */
  rule: string;
  from: number[];
  detail: string;
}

/** One line of a step's proof. */
export interface ProofLine {
  /** The equality the line belongs to: a side of the step, its lhs - rhs (rearrangements), or lhs = rhs (identities). */
  side: 'lhs' | 'rhs' | 'lhs - rhs' | 'lhs = rhs';
  /** 'candidate' (the operation applied to the earlier equations), 'canonical form', or the rule rewritten by (`name`, `name (backward)`). */
  rule: string;
  /** The whole term after the line, in infix syntax (`parse` reads it back). */
  term: string;
}

/** Values where a step fails: the symbols' values and both sides' values there. */
export interface Counterexample {
  point: Record<string, number>;
  lhs: number;
  rhs: number;
}

export interface StepReport {
  index: number;
  latex: string;
  status: StepStatus;
  justification: Justification | null;
  /**
   * A valid step's symbolic proof: the operation applied to the earlier equation (the
   * candidate), rewritten by the e-graph into the step's sides (see `proof.ts`). Empty when
   * the step is not valid, or was checked numerically only.
   */
  proof: ProofLine[];
  /** How a valid step was checked: 'symbolic' (with `proof`) or 'numeric' only; null for other statuses. */
  checked: 'symbolic' | 'numeric' | null;
  /**
   * For an unjustified step that holds: two operations that give it, when found (the first
   * on earlier equations, the second on its result, `from` naming further equations it uses).
   */
  bridge: Justification[];
  counterexample: Counterexample | null;
  warnings: string[];
  message: string;
}

export interface DerivationReport {
  id?: unknown;
  steps: StepReport[];
  goalReached: boolean;
  summary: Record<StepStatus, number>;
}
