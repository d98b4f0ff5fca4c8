/** Deeply nested canonical terms in x, for the tests that nothing recurses once per level. */
import { sym, int, type Term } from '../../src/term/term.js';
import { add, mul, pow, apply } from '../../src/term/canonical.js';
import { SIN } from '../../src/term/operators.js';

export interface DeepTerms {
  /** `x*(1 + x*(1 + ...))`, 4,000 levels. */
  horner: Term;
  /** `sin(sin(...(x)))`, 9,000 levels. */
  chain: Term;
  /** `1/(1 + 1/(1 + ...))`, 300 levels. */
  fraction: Term;
}

/**
 * The deep terms (each call builds them again; equal calls give the same hash-consed terms).
 * @example expand(deepTerms().chain) // the chain itself, without a stack overflow
 */
export function deepTerms(): DeepTerms {
  const x = sym('x');
  let horner = x, chain = x, fraction = x;
  for (let i = 0; i < 4000; i++) horner = mul([x, add([int(1), horner])]);
  for (let i = 0; i < 9000; i++) chain = apply(SIN, [chain]);
  for (let i = 0; i < 300; i++) fraction = pow(add([int(1), fraction]), int(-1));
  return { horner, chain, fraction };
}
