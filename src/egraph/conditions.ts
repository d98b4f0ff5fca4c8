/**
 * Side conditions that read the e-graph when a rule runs there and the bound terms when it
 * runs in the classical engine: egg's math conditions (`is_not_zero`, `is_const`, `is_sym`,
 * `is_const_or_distinct_var`) and a conjunction. In the e-graph a class is a constant when
 * constant folding gave it a value (or, without that analysis, when it holds a number leaf),
 * and a symbol when it holds a symbol leaf.
 *
 * @example rule('cancel-div', '(/ ?a ?a) --> 1', { syntax: 'sexpr', mode: 'written', where: isNotZero('a') })
 */
import type { Term } from '../term/term.js';
import type { Value } from '../term/number.js';
import * as N from '../term/number.js';
import type { Condition, RuleContext } from '../rewrite/rule.js';
import type { Subst } from '../rewrite/matcher.js';
import { equalFor } from '../rewrite/equal.js';
import { classConstant } from './constant-folding.js';
import { egraphContext } from './rewrite.js';

function constantOf<T>(s: Subst<T>, ctx: RuleContext<T>, v: string): Value | null {
  const e = egraphContext(ctx);
  if (e !== null) return classConstant(e.egraph, e.id(v));
  const t = s.term(v);
  return ctx.ops.isNumber(t) ? ctx.ops.numberValue(t) : null;
}

function symbolic<T>(s: Subst<T>, ctx: RuleContext<T>, v: string): boolean {
  const e = egraphContext(ctx);
  if (e === null) return ctx.ops.isSymbol(s.term(v));
  const eg = e.egraph;
  for (const n of eg.nodes(e.id(v))) {
    const leaf = eg.nodeLeaf(n);
    if (leaf !== null && eg.ops.isSymbol(leaf)) return true;
  }
  return false;
}

/**
 * True unless `v` is bound to the constant 0 (egg's `is_not_zero`).
 * @example isNotZero('x')
 */
export function isNotZero<T = Term>(v: string): Condition<T> {
  return (s, ctx) => {
    const c = constantOf(s, ctx, v);
    return c === null || !N.isZero(c);
  };
}

/**
 * True when `v` is bound to a constant (egg's `is_const`).
 * @example isConst('c')
 */
export function isConst<T = Term>(v: string): Condition<T> {
  return (s, ctx) => constantOf(s, ctx, v) !== null;
}

/**
 * True when `v` is bound to a symbol (egg's `is_sym`).
 * @example isSym('x')
 */
export function isSym<T = Term>(v: string): Condition<T> {
  return (s, ctx) => symbolic(s, ctx, v);
}

/**
 * True when `v` and `w` are bound to different things and `v` is a constant or a symbol
 * (egg's `is_const_or_distinct_var`).
 * @example isConstOrDistinctVar('c', 'x')
 */
export function isConstOrDistinctVar<T = Term>(v: string, w: string): Condition<T> {
  return (s, ctx) => {
    const e = egraphContext(ctx);
    const distinct = e !== null ? e.id(v) !== e.id(w) : !equalFor(ctx.ops)(s.term(v), s.term(w));
    return distinct && (constantOf(s, ctx, v) !== null || symbolic(s, ctx, v));
  };
}

/**
 * All conditions hold (egg's chained `if`s), tested in order.
 * @example allOf(isSym('x'), isConstOrDistinctVar('c', 'x'))
 */
export function allOf<T = Term>(...conditions: Condition<T>[]): Condition<T> {
  return (s, ctx) => {
    for (const c of conditions) if (!c(s, ctx)) return false;
    return true;
  };
}
