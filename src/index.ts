/**
 * equate: the public API. Everything a user or the CLI needs is exported from here.
 *
 * @example
 * import { parse, print, toLatex, diff, sym } from 'equate';
 * print(diff(parse('x^3 + sin(x)'), sym('x'))); // '3*x^2 + cos(x)' (test/examples.test.ts runs the examples)
 */
export { Term, sym, num, int, call, internTableSize, Assume, NUM, SYM, CALL } from './term/term.js';
export type { AssumptionName, Kind } from './term/term.js';
export { Operator, defineOperator, getOperator, fn, derivedFn } from './term/operator.js';
export type { OperatorSpec, OperatorKind, Builder } from './term/operator.js';
export * as ops from './term/operators.js';
export { Fraction, exact, formatValue } from './term/number.js';
export type { Value } from './term/number.js';
export { termOps, writtenOps, builder, isCall, operation, args, makeTerm } from './term/interface.js';
export type { TermOps } from './term/interface.js';
export { add, mul, pow, neg, sub, div, apply, canonicalize, recordCancellations } from './term/canonical.js';
export { compareTerms } from './term/order.js';
export { parse } from './term/parse.js';
export type { ParseOptions } from './term/parse.js';
export { print, printWith } from './term/print.js';
export { parseSexpr, toSexpr, sexprWith } from './term/sexpr.js';
export type { SexprOptions } from './term/sexpr.js';
export { toLatex, latexWith, latexName } from './term/latex.js';
export type { LatexOptions } from './term/latex.js';
export { srepr } from './term/srepr.js';
export { evaluate, evaluateWith, DEFAULT_PRECISION } from './term/evaluate.js';
export type { Env, EnvValue, EnvFunction, EvaluateOptions } from './term/evaluate.js';
export { subst, substWith, equalWith, hashWith } from './term/subst.js';
export type { Substitution } from './term/subst.js';
export { freeSymbols, freeSymbolsWith } from './term/free.js';
export { diff, diffWith } from './term/diff.js';
export { EquateError, ParseError, LimitError } from './term/errors.js';
export { limits } from './term/limits.js';
export { simplify } from './simplify.js';
export type { SimplifyOptions, EGraphLimits } from './simplify.js';
export { equivalent } from './equivalent.js';
export type { EquivalentOptions, EquivalentResult } from './equivalent.js';
export * from './rewrite/index.js';
export {
  EGraph, UnionFind, Runner, SimpleScheduler, BackoffScheduler, constantFolding, ConstantFolding, classConstant,
  compilePattern, EPattern, Matches, groundClass, ERewrite, egraphRewrites, egraphRule, egraphContext, MultiRewrite, multiRule,
  Extractor, extract, astSize, astDepth, operatorCost, representative, DagExtractor, extractDag, dagSize, dagOperatorCost,
  explain, checkExplanation, ProofForest, egraphSimplify, egraphEquivalent, toDot,
  isNotZero, isConst, isSym, isConstOrDistinctVar, allOf,
} from './egraph/index.js';
export type {
  Analysis, EGraphOptions, EGraphRuleContext, EGraphRewrite, Applier, Iteration, RunnerStopReason, RunnerOptions, Hook,
  Scheduler, CostFunction, ExtractOptions, NodeCost, Explanation, ExplanationStep, ExplainOptions, StepCheck, Reason,
  SaturateOptions, DotOptions, ConstantFoldingOptions,
} from './egraph/index.js';
export {
  compile, compileWith, compileAllWith, exactDecimal, optimizeTerms, cpuCost, powerCost, CPU_COSTS, wasmSimdSupported, wasmRelaxedSimdSupported, SIMD_FAST_RANGE, ulpError, ulpDistance,
} from './codegen/index.js';
export type { Kernel, KernelArrays, KernelStats, CompileOptions, Target, OptimizeOptions } from './codegen/index.js';
export { parseLatex, parseLatexEquations, latexFunctionNames } from './term/latex-parse.js';
export type { LatexParseOptions } from './term/latex-parse.js';
export {
  verifyDerivation, readDerivation, readDerivations, splitAnd, STATUSES, Model,
  generateDerivations, extendDerivation, passesVerifier, generateDataset, OPERATIONS, applyOperation, chainToGoal, fromLatex,
  renameVariables, exchangeSides, alternativeGoal, removeHints, mutateDerivation, mutants, mutantsOfText, MUTANT_KINDS, PremiseCheck,
  proveEqualities, buildPrompt,
  dataItem, fromDataItem, dataLatex, stepLatex, derivationText, derivationLatex, sreprDerivation, DEFAULT_VOCABULARY,
} from './derivation/index.js';
export type {
  VerifyOptions, DerivationInput, ReadDerivation, ReadStep, ReadOptions, StepStatus, StepReport, DerivationReport, Justification,
  Counterexample, ModelOptions, GenerateOptions, GenerateStats, DatasetOptions, Operation, Derivation, DerivationStep, Mutant, MutantKind,
  PromptOptions, Vocabulary, ProofLine, ProofOptions, MutantOptions,
} from './derivation/index.js';
