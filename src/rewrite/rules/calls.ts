/**
 * The calls inside a term, each distinct one once: for the rules that look for operators
 * anywhere in a term (`abs` to drop, denominators, powers of 0).
 *
 * @example [...distinctCalls(parse('sin(x) + sin(x)^2'))].length // 3: the sum, sin(x)^2, sin(x)
 */
import { CALL, type Term } from '../../term/term.js';

/**
 * Every distinct call in `t` (numbers and symbols left out), `t` first, then depth first from
 * the last argument, without recursion. Lazy: a caller that stops early walks no further.
 * @example [...distinctCalls(parse('f(x, g(y))'))] // [f(x, g(y)), g(y)]
 */
export function* distinctCalls(t: Term): Generator<Term, void, undefined> {
  const seen = new Set<Term>();
  const stack = [t];
  while (stack.length > 0) {
    const u = stack.pop()!;
    if (u.kind !== CALL || seen.has(u)) continue;
    seen.add(u);
    yield u;
    for (const a of u.args) stack.push(a);
  }
}
