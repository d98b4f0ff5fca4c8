/**
 * Queries on the terms of derivations shared by the model, the verifier, the generator and
 * the perturbations: the free symbols of a term, the variables of derivatives or integrals,
 * the undefined functions a term applies; and replacing a subterm, as written or canonically.
 *
 * @example calculusVariables(parse('Integral(f(x), x) + Derivative(g(y), y, 1)'), INTEGRAL) // [x]
 */
import { type Term, CALL, SYM, call } from '../term/term.js';
import { apply, add, mul } from '../term/canonical.js';
import { ADD, MUL } from '../term/operators.js';
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

/**
 * Names of the free symbols of `t` (excluding `skip`), bound variables of derivatives included.
 * @example [...collectSymbols(parse('x + f(y)*z'), new Set(['z']))] // ['x', 'y']
 */
export function collectSymbols(t: Term, skip: ReadonlySet<string> = new Set(), out: Set<string> = new Set(), seen: Set<Term> = new Set()): Set<string> {
  if (seen.has(t)) return out;
  seen.add(t);
  if (t.kind === SYM) { if (!skip.has(t.name!)) out.add(t.name!); return out; }
  for (const a of t.args) collectSymbols(a, skip, out, seen);
  return out;
}

/**
 * The walk both replacements share: `t` with `from` replaced by `to` in it (by hash-consed
 * identity), each call rebuilt by `node` from its new arguments, memoised.
 */
function replaceWith(t: Term, from: Term, to: Term, memo: Map<Term, Term>, node: (t: Term, args: Term[], changed: boolean) => Term): Term {
  if (t === from) return to;
  if (t.kind !== CALL) return t;
  const hit = memo.get(t);
  if (hit !== undefined) return hit;
  let changed = false;
  const args = t.args.map((a) => { const b = replaceWith(a, from, to, memo, node); if (b !== a) changed = true; return b; });
  const r = node(t, args, changed);
  memo.set(t, r);
  return r;
}

/**
 * `t` with every occurrence of the subterm `from` replaced by `to`, calls rebuilt as written.
 * @example print(replace(parse('sin(x) + x', { mode: 'written' }), sym('x'), int(2))) // sin(2) + 2
 */
export function replace(t: Term, from: Term, to: Term, memo: Map<Term, Term> = new Map()): Term {
  return replaceWith(t, from, to, memo, (u, args, changed) => (changed ? call(u.op!, args) : u));
}

/**
 * `t` (canonical) with `from` (canonical) replaced by `to`, also where `from` is part of a
 * longer sum or product (`a + b` in `a + b + c`, `x y` in `2 x y z`), as SymPy's `subs` does.
 * @example print(replaceCanonical(parse('a + b + c'), parse('a + b'), sym('s'))) // c + s
 */
export function replaceCanonical(t: Term, from: Term, to: Term, memo: Map<Term, Term> = new Map()): Term {
  return replaceWith(t, from, to, memo, (u, args, changed) => {
    const r = changed ? apply(u.op!, args) : u;
    if (r.kind !== CALL || from.kind !== CALL || r.op !== from.op || (r.op !== ADD && r.op !== MUL) || r.args.length <= from.args.length) return r;
    const rest = [...r.args];
    for (const f of from.args) {
      const i = rest.indexOf(f);
      if (i < 0) return r;
      rest.splice(i, 1);
    }
    return r.op === ADD ? add([...rest, to]) : mul([...rest, to]);
  });
}
