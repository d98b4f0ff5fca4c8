/**
 * `simplify(t)`: the default simplifier. Engines: 'classic' (the default: canonical form,
 * then the rule families of `defaultTheory` to a fixpoint, see `rewrite/simplifier.ts`),
 * 'egraph' (the same theory by equality saturation, then the smallest term extracted, see
 * `egraph/saturate.ts`) and 'canonical' (the canonical form only, see `term/canonical.ts`).
 *
 * @example print(simplify(parse('cos(x)^2 + 1 + sin(x)^2'))) // '2'
 * @example print(simplify(parse('cos(x)^2 + 1 + sin(x)^2'), { engine: 'egraph' })) // '2'
 * @example print(simplify(parse('x + x - 2*y/2', { mode: 'written' }), { engine: 'canonical' })) // '2*x - y'
 */
import type { Term } from './term/term.js';
import { canonicalize } from './term/canonical.js';
import { termOps } from './term/interface.js';
import { EquateError } from './term/errors.js';
import { simplifyClassic, type ClassicOptions } from './rewrite/simplifier.js';
import { defaultTheory, expandingTheory } from './rewrite/rules/index.js';
import { withDomain } from './rewrite/domain.js';
import { egraphSimplify } from './egraph/saturate.js';
import type { CostFunction } from './egraph/extract.js';
import { DERIVATIVE, INTEGRAL } from './term/operators.js';
import type { Rule } from './rewrite/rule.js';
import type { Theory } from './rewrite/theory.js';

/** Limits of the e-graph engine (egg's defaults: 30 iterations, 10,000 e-nodes, 5,000 ms). */
export interface EGraphLimits {
  iterLimit?: number;
  nodeLimit?: number;
  timeLimit?: number;
}

export interface SimplifyOptions extends ClassicOptions {
  /** 'classic' (default), 'egraph' or 'canonical'. */
  engine?: 'classic' | 'egraph' | 'canonical';
  /** Limits of the e-graph engine. */
  egraph?: EGraphLimits;
}

/**
 * The simplified form of `t`. `simplifyClassic` gives the classical engine's term with a
 * report (rules applied, limit reached, assumptions made).
 * @example print(simplify(parse('exp(a)*exp(-a)'))) // '1'
 */
export function simplify(t: Term, opts: SimplifyOptions = {}): Term {
  const engine = opts.engine ?? 'classic';
  switch (engine) {
    case 'canonical': return canonicalize(t);
    case 'classic': return simplifyClassic(t, opts).term;
    case 'egraph': return simplifyEGraph(t, opts);
    default: throw new EquateError(`unknown engine '${String(engine)}' (known: classic, egraph, canonical)`);
  }
}

/** AST size, with unevaluated derivatives and integrals at 100 (egg's MathCostFn), so evaluated forms win. */
const sizeCost: CostFunction = (eg, node, costs) => {
  const code = eg.nodeCode(node);
  let s = code === DERIVATIVE.id || code === INTEGRAL.id ? 100 : 1;
  for (const c of costs) s += c;
  return s;
};

/** The e-graph engine over the rule sets of the classical one (rewriters that are not rules are refused). */
function simplifyEGraph(t: Term, opts: SimplifyOptions): Term {
  const rules = (opts.rules ?? (opts.expand ? expandingTheory : defaultTheory)) as Theory<Term> | readonly (Rule<Term> | Theory<Term>)[];
  if (typeof rules === 'function') throw new EquateError('the e-graph engine runs rules and theories, not rewriter functions');
  const run = (): Term => egraphSimplify(canonicalize(t), rules, {
    ops: termOps, mode: 'canonical', cost: sizeCost,
    ...(opts.egraph?.iterLimit !== undefined ? { iterLimit: opts.egraph.iterLimit } : {}),
    ...(opts.egraph?.nodeLimit !== undefined ? { nodeLimit: opts.egraph.nodeLimit } : {}),
    timeLimit: opts.egraph?.timeLimit ?? opts.limits?.maxTime ?? 5000,
  }).term;
  return opts.real ? withDomain({ real: true }, run) : run();
}
