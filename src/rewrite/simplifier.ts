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
import { termOps } from '../term/interface.js';
import { canonicalize, recordCancellations } from '../term/canonical.js';
import { apply } from '../term/canonical.js';
import { fixpointNoCycle, toRewriter, type Rewriter, type RewriterLike } from './combinators.js';
import { dispatch } from './dispatch.js';
import { Rule } from './rule.js';
import { isTheory, type Theory } from './theory.js';
import { rewriteRounds, type RewriteResult } from './rewrite.js';
import { Budget, type RewriteLimits, type StopReason } from './budget.js';
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
  const node = nodeRewriterFor(opts.rules ?? (opts.expand ? expandingTheory : defaultTheory));
  const run = (): SimplifyReport => {
    const { result, nonzero } = recordCancellations(() => rewriteBottomUp(canonicalize(t), node, opts.limits));
    return {
      term: result.term,
      nonzero: nonzero.length === 0 ? nonzero : nonzero.filter((u) => !isNonzero(u)),
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

function nodeRewriterFor(rules: RewriterLike<Term>): Rewriter<Term> {
  let f = nodeRewriters.get(rules);
  if (f === undefined) nodeRewriters.set(rules, (f = makeNodeRewriter(rules)));
  return f;
}

/**
 * `rewrite(t, postwalk(node), limits)` with one memo for all the walks (a subterm already
 * simplified is not walked again): the walk bottom-up, rounds until a walk changes nothing or
 * brings back a term seen before, under a budget.
 */
function rewriteBottomUp(t: Term, node: Rewriter<Term>, limits: RewriteLimits | undefined): RewriteResult<Term> {
  const budget = new Budget(limits);
  const memo = new Memo();
  const stack: WalkStack = { calls: [], next: [], fresh: [] };
  return rewriteRounds(t, (x) => walk(x, node, memo, budget, stack), budget, termOps);
}

/**
 * The frames of a walk, one per call being walked: the call, its next argument, and its
 * changed arguments (empty between walks, so the rounds of a simplification share them).
 */
interface WalkStack {
  calls: Term[];
  next: number[];
  fresh: (Term[] | null)[];
}

/**
 * One bottom-up walk (`postwalk` for hash-consed terms): arguments first, a call whose
 * arguments changed rebuilt canonically, then `node` at the call. Results of calls are kept
 * in `memo` while the budget lasts; leaves and nullary calls go to `node` directly. Iterative.
 */
function walk(root: Term, node: Rewriter<Term>, memo: Memo, budget: Budget, stack: WalkStack): Term {
  const { calls, next, fresh } = stack;
  let value: Term | undefined;
  let t = root;
  for (;;) {
    // Open t: its result in `value` at once, or a new frame.
    if (t.args.length === 0) value = node(t) ?? t;
    else {
      const hit = memo.get(t);
      if (hit !== undefined) value = hit;
      else if (!budget.step()) value = t;
      else {
        calls.push(t);
        next.push(0);
        fresh.push(null);
        value = undefined;
      }
    }
    // Close the frames whose arguments are all done, then open the next argument.
    for (;;) {
      const top = calls.length - 1;
      if (top < 0) return value!;
      const call = calls[top]!;
      const args = call.args;
      const i = next[top]!;
      if (value !== undefined) {
        if (value !== args[i - 1]) (fresh[top] ??= args.slice())[i - 1] = value;
        value = undefined;
      }
      if (i < args.length) {
        next[top] = i + 1;
        t = args[i]!;
        break;
      }
      const changed = fresh[top]!;
      let x = changed !== null ? apply(call.op!, changed) : call;
      if (budget.stopped === null) {
        const r = node(x);
        if (r !== null) x = r;
        if (budget.stopped === null) memo.set(call, x);
      }
      calls.pop();
      next.pop();
      fresh.pop();
      value = x;
    }
  }
}

/** Entries a `Memo` keeps in lists before it makes a map. */
const MEMO_LIST = 16;

/**
 * The memo of one simplification, terms to their results: two short lists searched from the
 * end while it is small (most calls simplify a few dozen nodes, where a `Map` costs more to
 * fill than to search), a `Map` once it grows.
 */
class Memo {
  private readonly keys: Term[] = [];
  private readonly values: Term[] = [];
  private map: Map<Term, Term> | null = null;

  get(t: Term): Term | undefined {
    if (this.map !== null) return this.map.get(t);
    const keys = this.keys;
    for (let i = keys.length - 1; i >= 0; i--) if (keys[i] === t) return this.values[i];
    return undefined;
  }

  set(t: Term, v: Term): void {
    if (this.map !== null) {
      this.map.set(t, v);
      return;
    }
    this.keys.push(t);
    this.values.push(v);
    if (this.keys.length > MEMO_LIST) {
      this.map = new Map();
      for (let i = 0; i < this.keys.length; i++) this.map.set(this.keys[i]!, this.values[i]!);
    }
  }
}
