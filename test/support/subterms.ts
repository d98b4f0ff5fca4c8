/** The subterms of a hash-consed term. */
import type { Term } from '../../src/term/term.js';

/**
 * Every distinct subterm of `t` (each shared one once), `t` first, without recursion.
 * @example subterms(parse('sin(x) + x')).length // 3: the sum, sin(x) and x
 */
export function subterms(t: Term): Term[] {
  const seen = new Set<Term>();
  const stack = [t];
  while (stack.length > 0) {
    const u = stack.pop()!;
    if (seen.has(u)) continue;
    seen.add(u);
    stack.push(...u.args);
  }
  return [...seen];
}
