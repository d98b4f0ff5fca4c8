/**
 * `simplify(t)`: the default simplifier. Engines: 'classic' (the default: canonical form,
 * then the rule families of `defaultTheory` to a fixpoint, see `rewrite/simplifier.ts`) and
 * 'canonical' (the canonical form only, see `term/canonical.ts`).
 *
 * @example print(simplify(parse('cos(x)^2 + 1 + sin(x)^2'))) // '2'
 * @example print(simplify(parse('x + x - 2*y/2', { mode: 'written' }), { engine: 'canonical' })) // '2*x - y'
 */
import type { Term } from './term/term.js';
import { canonicalize } from './term/canonical.js';
import { EquateError } from './term/errors.js';
import { simplifyClassic, type ClassicOptions } from './rewrite/simplifier.js';

export interface SimplifyOptions extends ClassicOptions {
  /** 'classic' (default) or 'canonical'. */
  engine?: 'classic' | 'canonical';
}

/**
 * The simplified form of `t`. `simplifyClassic` gives the same term with a report (rules
 * applied, limit reached, assumptions made).
 * @example print(simplify(parse('exp(a)*exp(-a)'))) // '1'
 */
export function simplify(t: Term, opts: SimplifyOptions = {}): Term {
  const engine = opts.engine ?? 'classic';
  if (engine === 'canonical') return canonicalize(t);
  if (engine !== 'classic') throw new EquateError(`unknown engine '${String(engine)}' (known: classic, canonical)`);
  return simplifyClassic(t, opts).term;
}
