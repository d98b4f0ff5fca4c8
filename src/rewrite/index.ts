/**
 * The rule language (patterns, rules, theories), shared by both engines, and the classical
 * rewriter (combinators, walks, `rewrite` with limits).
 */
export {
  pnum, psym, pvar, psegment, pcall, parsePattern, patternFromTerm, patternToTerm, printPattern, variables, isGround,
  checkPattern, infixPatternSource,
} from './pattern.js';
export type {
  Pattern, NumberPattern, SymbolPattern, VarPattern, SegmentPattern, CallPattern, PatternOptions, PatternVariable,
} from './pattern.js';
export { registerPredicate, getPredicate, predicateNames } from './predicate.js';
export type { Predicate } from './predicate.js';
export { compileMatcher, match, Subst } from './matcher.js';
export type { Matcher, Binding } from './matcher.js';
export { rule, Rule } from './rule.js';
export type { RuleOptions, RuleContext, Condition, DynamicRhs } from './rule.js';
export { theory, isTheory } from './theory.js';
export type { Theory } from './theory.js';
export { chain, restartedChain, fixpoint, fixpointNoCycle, ifElse, passThrough, toRewriter } from './combinators.js';
export type { Rewriter, RewriterLike, EqualityOptions } from './combinators.js';
export { postwalk, prewalk } from './walk.js';
export type { WalkOptions } from './walk.js';
export { rewrite } from './rewrite.js';
export type { RewriteOptions, RewriteResult } from './rewrite.js';
export { DEFAULT_REWRITE_LIMITS, Budget, activeBudget } from './budget.js';
export type { RewriteLimits, StopReason } from './budget.js';
export { equalFor, isHashConsed } from './equal.js';
export { simplifyClassic } from './simplifier.js';
export { dispatch } from './dispatch.js';
export { expand, together, cancel, rationalSimplify, Poly, polyGcd } from './poly/index.js';
export type { ClassicOptions, SimplifyReport } from './simplifier.js';
export {
  defaultTheory, powersTheory, explogTheory, trigTheory, derivativeTheory, integralTheory, fractionsTheory, expandTheory, commonFactorTheory, expandingTheory, integrate, sumRule, productRule, callRule,
} from './rules/index.js';
export { facts, Fact, isReal, isPositive, isNonnegative, isNonzero, isNegative, isIntegerValued, withDomain, symbolsAreReal } from './domain.js';
export type { DomainOptions } from './domain.js';
