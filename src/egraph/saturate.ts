/**
 * The e-graph as a simplifier and a prover, in one call each: `egraphSimplify` saturates a
 * term with a theory and extracts the cheapest equal term; `egraphEquivalent` saturates two
 * terms together and says whether they met in one class. Both use constant folding unless
 * told otherwise, the runner's defaults (egg's: 30 iterations, 10,000 e-nodes, 5 s), and
 * return the runner for its report.
 *
 * @example
 * const S = { syntax: 'sexpr', mode: 'written' } as const;
 * const rules = [rule('zero', '(+ ?a 0) --> ?a', S), rule('comm', '(+ ?a ?b) --> (+ ?b ?a)', S)];
 * egraphSimplify(parseSexpr('(+ 0 x)', { mode: 'written' }), rules).term // x
 * egraphEquivalent(parseSexpr('(+ 0 x)', { mode: 'written' }), sym('x'), rules).equal // true
 */
import type { Term } from '../term/term.js';
import type { TermOps } from '../term/interface.js';
import type { Rule } from '../rewrite/rule.js';
import type { Theory } from '../rewrite/theory.js';
import type { Analysis } from './analysis.js';
import { constantFolding } from './constant-folding.js';
import { Runner } from './runner.js';
import type { Scheduler } from './scheduler.js';
import type { EGraphRewrite } from './rewrite.js';
import { Extractor, astSize, type CostFunction } from './extract.js';

export interface SaturateOptions<T> {
  /** The analysis. Default: constant folding; null for none. */
  analysis?: Analysis<unknown, T> | null;
  /** The term representation. Default: `writtenOps`. */
  ops?: TermOps<T>;
  /** Runner limits. Defaults: 30 iterations, 10,000 e-nodes, 5,000 ms, 1 GiB. */
  iterLimit?: number;
  nodeLimit?: number;
  timeLimit?: number;
  memoryLimit?: number;
  /** The rule scheduler. Default: backoff. */
  scheduler?: Scheduler;
  /** Extraction cost. Default: `astSize`. */
  cost?: CostFunction;
  /** How the extracted term is rebuilt: 'written' (default) or 'canonical'. */
  mode?: 'written' | 'canonical';
}

type Rules<T> = Theory<T> | Rule<T> | readonly (Rule<T> | Theory<T> | EGraphRewrite<T>)[];

function runner<T>(opts: SaturateOptions<T>): Runner<unknown, T> {
  const analysis = opts.analysis === undefined ? (constantFolding<T>() as unknown as Analysis<unknown, T>) : opts.analysis;
  const r = new Runner<unknown, T>({ analysis, ...(opts.ops ? { ops: opts.ops } : {}) });
  if (opts.iterLimit !== undefined) r.withIterLimit(opts.iterLimit);
  if (opts.nodeLimit !== undefined) r.withNodeLimit(opts.nodeLimit);
  if (opts.timeLimit !== undefined) r.withTimeLimit(opts.timeLimit);
  if (opts.memoryLimit !== undefined) r.withMemoryLimit(opts.memoryLimit);
  if (opts.scheduler !== undefined) r.withScheduler(opts.scheduler);
  return r;
}

/**
 * Saturates `t` with `rules` and extracts the cheapest term of its class.
 * @example egraphSimplify(parseSexpr('(* (+ a 0) 1)', { mode: 'written' }), rules).term
 */
export function egraphSimplify<T = Term>(t: T, rules: Rules<T>, opts: SaturateOptions<T> = {}): { term: T; cost: number; runner: Runner<unknown, T> } {
  const r = runner(opts).withExpr(t).run(rules);
  const root = r.roots[0]!;
  const ex = new Extractor(r.egraph, opts.cost ?? astSize);
  return { term: ex.term(root, opts.mode !== undefined ? { mode: opts.mode } : {}), cost: ex.cost(root), runner: r };
}

/**
 * Saturates `a` and `b` together until they are in one class (or a limit): `equal` is true
 * when they were proved equal; false means only "not proved".
 * @example egraphEquivalent(parseSexpr('(+ a b)', { mode: 'written' }), parseSexpr('(+ b a)', { mode: 'written' }), rules).equal
 */
export function egraphEquivalent<T = Term>(a: T, b: T, rules: Rules<T>, opts: SaturateOptions<T> = {}): { equal: boolean; runner: Runner<unknown, T> } {
  const r = runner(opts).withExpr(a).withExpr(b);
  const eg = r.egraph;
  const [ra, rb] = r.roots as [number, number];
  r.withGoal(b, ra).run(rules);
  return { equal: eg.find(ra) === eg.find(rb), runner: r };
}
