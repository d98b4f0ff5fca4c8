/**
 * `dispatch(rules)`: a rewriter that tries, at a node, only the rules whose left side has the
 * node's operator at its head (rules with a bare variable on the left are tried everywhere),
 * in their order, and returns the first rewrite. With the rules indexed by head a leaf or an
 * unrelated call costs one map lookup, however many rules the theory has.
 *
 * @example dispatch(theory('t', [rule('sin-zero', 'sin(0) --> 0'), rule('cos-zero', 'cos(0) --> 1')]))(parse('cos(0)', { mode: 'written' })) // 1
 */
import type { Term } from '../term/term.js';
import type { Operator } from '../term/operator.js';
import { Rule } from './rule.js';
import { isTheory, type Theory } from './theory.js';
import type { Rewriter } from './combinators.js';
import { activeBudget } from './budget.js';
import { termOps } from '../term/interface.js';

/**
 * The first rewrite by one of `rules` whose head fits the node; null when none applies.
 * @example dispatch([rule('log-one', 'log(1) --> 0', { mode: 'written' })])(parse('x')) // null, without trying the rule
 */
export function dispatch(rules: Theory<Term> | readonly (Rule<Term> | Theory<Term>)[]): Dispatcher {
  const list: Rule<Term>[] = [];
  const add = (r: Rule<Term> | Theory<Term>): void => {
    if (r instanceof Rule) list.push(r);
    else if (isTheory<Term>(r)) for (const x of r.rules) list.push(x);
  };
  if (isTheory<Term>(rules)) add(rules);
  else for (const r of rules as readonly (Rule<Term> | Theory<Term>)[]) add(r);

  const anywhere = list.filter((r) => r.lhs.type !== 'call');
  const byHead = new Map<Operator, Rule<Term>[]>();
  for (const r of list) {
    if (r.lhs.type !== 'call') continue;
    let rs = byHead.get(r.lhs.op);
    if (rs === undefined) byHead.set(r.lhs.op, (rs = []));
    rs.push(r);
  }
  // Rules tried everywhere keep their place relative to the indexed ones.
  if (anywhere.length > 0) for (const [op, rs] of byHead) byHead.set(op, list.filter((r) => rs.includes(r) || anywhere.includes(r)));
  const none: Rule<Term>[] = anywhere;
  const rw: Rewriter<Term> = (t) => {
    const rs = (t.op !== null ? byHead.get(t.op) : undefined) ?? none;
    for (let i = 0; i < rs.length; i++) {
      const rule = rs[i]!;
      const direct = rule.direct;
      if (direct === null || rule.ops !== termOps) {
        const r = rule.apply(t);
        if (r !== null && r !== t) return r;
        continue;
      }
      // A direct rule of this head: no matcher and no step of its own (the caller's loop steps).
      if (rule.directArity >= 0 && t.args.length !== rule.directArity) continue;
      const r = direct(t);
      if (r === null || r === t) continue;
      const budget = activeBudget();
      return budget === null || budget.spend(rule.name) ? r : null;
    }
    return null;
  };
  return Object.assign(rw, { heads: anywhere.length > 0 ? null : new Set(byHead.keys()) });
}

/**
 * The rewriter of `dispatch`, with the heads it has rules for: a term with another head (or a
 * leaf) is never rewritten. `heads` is null when some rule is tried everywhere.
 */
export type Dispatcher = Rewriter<Term> & { readonly heads: ReadonlySet<Operator> | null };
