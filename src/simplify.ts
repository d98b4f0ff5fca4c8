/**
 * `simplify(t)`: the canonical form of `t` (polynomial normal form with exact constant
 * folding, see `term/canonical.ts`). The rule-based engines of `src/rewrite` and
 * `src/egraph` extend it through `opts.engine`.
 *
 * @example print(simplify(parse('x + x - 2*y/2', { mode: 'written' }))) // '2*x - y'
 */
import type { Term } from './term/term.js';
import { canonicalize } from './term/canonical.js';
import { EquateError } from './term/errors.js';

export interface SimplifyOptions {
  /** 'canonical' (the default) is the only engine so far. */
  engine?: 'canonical';
}

export function simplify(t: Term, opts: SimplifyOptions = {}): Term {
  const engine = opts.engine ?? 'canonical';
  if (engine !== 'canonical') throw new EquateError(`unknown engine '${String(engine)}'`);
  return canonicalize(t);
}
