/**
 * The classical default simplifier: canonical form (sums and products with exact folding),
 * then the rule families of `defaultTheory` applied bottom-up at every node, to a fixpoint,
 * under a budget (SymbolicUtils.jl's `Fixpoint(Postwalk(Chain(rules)))`, with its
 * polynomial-form canonicalisation built into term construction).
 *
 * The report says what the result assumed: `nonzero` lists the factors cancelled on the way
 * (`x/x` is 1 where x ≠ 0), except those proved nonzero. Canonical terms are built
 * cancelled already: parse input with `{ mode: 'written' }` to have `x/x` reported.
 *
 * @example simplifyClassic(parse('x/x', { mode: 'written' })) // { term: 1, nonzero: [x], stopped: 'fixpoint', ... }
 * @example simplifyClassic(parse('sqrt(x^2)'), { real: true }).term // abs(x)
 */
import type { Term } from '../term/term.js';
import { canonicalize, recordCancellations } from '../term/canonical.js';
import { fixpointNoCycle, toRewriter, type Rewriter, type RewriterLike } from './combinators.js';
import { dispatch } from './dispatch.js';
import { Rule } from './rule.js';
import { isTheory, type Theory } from './theory.js';

import { postwalk } from './walk.js';
import { rewrite } from './rewrite.js';
import type { RewriteLimits, StopReason } from './budget.js';
import { isNonzero, withDomain } from './domain.js';
import { defaultTheory, expandingTheory } from './rules/index.js';

export interface ClassicOptions {
  /** The rules (a theory, rules, rewriters); default: `defaultTheory`. */
  rules?: RewriterLike<Term>;
  /** Limits on rule applications and time (default 100,000 and 1,000 ms). */
  limits?: RewriteLimits;
  /** Take every symbol as real (for rules such as `log(exp(x)) = x`). Default: false. */
  real?: boolean;
  /** Also multiply out products and powers of sums (the `expand` family). Default: false. */
  expand?: boolean;
}

export interface SimplifyReport {
  term: Term;
  /** Terms the result assumes nonzero (cancelled factors not proved nonzero). */
  nonzero: Term[];
  /** Rule applications made. */
  applications: number;
  /** Applications per rule name. */
  rules: ReadonlyMap<string, number>;
  /** 'fixpoint' when done; otherwise the limit reached ('applications', 'time') or 'cycle'. */
  stopped: StopReason;
  /** Milliseconds taken. */
  time: number;
}

/**
 * Simplifies `t` with the classical engine and reports how.
 * @example simplifyClassic(parse('cos(x)^2 + 1 + sin(x)^2')).term // 2
 */
export function simplifyClassic(t: Term, opts: ClassicOptions = {}): SimplifyReport {
  const rw = walkerFor(opts.rules ?? (opts.expand ? expandingTheory : defaultTheory));
  const run = (): SimplifyReport => {
    const { result, nonzero } = recordCancellations(() => rewrite(canonicalize(t), rw, opts.limits));
    return {
      term: result.term,
      nonzero: nonzero.filter((u) => !isNonzero(u)),
      applications: result.applications,
      rules: result.rules,
      stopped: result.stopped,
      time: result.time,
    };
  };
  return opts.real ? withDomain({ real: true }, run) : run();
}

/**
 * The rewriter tried at each node: the rules to a fixpoint (indexed by head for rules and
 * theories; a node whose head no rule has is left at once).
 */
function makeNodeRewriter(rules: RewriterLike<Term>): Rewriter<Term> {
  if (!isRuleList(rules)) return fixpointNoCycle(toRewriter(rules));
  const d = dispatch(rules);
  const fix = fixpointNoCycle(d);
  const heads = d.heads;
  if (heads === null) return fix;
  return (t) => (t.op !== null && heads.has(t.op) ? fix(t) : null);
}

function isRuleList(rules: RewriterLike<Term>): rules is Theory<Term> | readonly (Rule<Term> | Theory<Term>)[] {
  if (isTheory<Term>(rules)) return true;
  return Array.isArray(rules) && rules.every((r) => r instanceof Rule || isTheory<Term>(r));
}

// The node rewriter of each rule set, built once (rule sets are immutable).
const nodeRewriters = new WeakMap<object, Rewriter<Term>>();

/**
 * A bottom-up walk with the node rewriter of `rules`, its memo shared by the walks of one
 * simplification (a subterm already simplified is not walked again).
 */
function walkerFor(rules: RewriterLike<Term>): Rewriter<Term> {
  let f = nodeRewriters.get(rules);
  if (f === undefined) nodeRewriters.set(rules, (f = makeNodeRewriter(rules)));
  return postwalk(f, { memo: new Map() });
}
