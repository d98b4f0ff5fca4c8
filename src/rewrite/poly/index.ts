/**
 * Polynomial and rational-function algebra for the simplifier: sparse multivariate
 * polynomials with exact rational coefficients (`Poly`), multivariate gcds (subresultant PRS),
 * conversion between canonical terms and polynomials over atoms, and on terms `expand`,
 * `together`, `cancel` and `rationalSimplify`. Bounds: `bounds.ts`.
 *
 * @example print(rationalSimplify(parse('(x^2 - 1)/(x - 1)')).term) // '1 + x'
 */
export { expand } from './expand.js';
export { together, togetherNonzero, cancel, rationalSimplify } from './rational.js';
export type { RationalResult, RationalOptions } from './rational.js';
export { Poly } from './poly.js';
export type { Coefficient } from './poly.js';
export { polyGcd, polyLcm, prem, contentIn, gcdInteger, subresultantGcd, heuristicGcd, evaluateAt } from './gcd.js';
export { Factored, cancelFactored, sumOf, expandFactors } from './factored.js';
export type { Factor } from './factored.js';
export { Reader, skeleton, nodeToPoly, polyToTerm, polysFromTerms } from './convert.js';
export type { Node, AtomNode, Reading, Skeleton } from './convert.js';
export { polyLimits, GiveUp } from './bounds.js';
export type { GiveUpReason } from './bounds.js';
