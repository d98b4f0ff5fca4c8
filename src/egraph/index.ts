/**
 * The e-graph engine: e-graph (hash-consed e-nodes, union-find, deferred rebuilding),
 * analyses (constant folding), e-matching compiled per pattern, the rule language's rules as
 * rewrites, the runner with its schedulers, extraction and explanations.
 *
 * Files: `unionfind.ts` (union-find over an Int32Array), `memo.ts` (the hash-consing table),
 * `egraph.ts` (the e-graph), `analysis.ts` (the analysis interface), `constant-folding.ts`
 * (exact constant folding), `ematch.ts` (pattern compilation and search), `rewrite.ts` (rules
 * as searchers and appliers, condition contexts), `conditions.ts` (egg's math conditions),
 * `multipattern.ts` (multi-pattern rules), `scheduler.ts` (simple and backoff), `runner.ts`
 * (equality saturation with limits), `extract.ts` (tree-cost extraction by worklist),
 * `extract-dag.ts` (DAG-aware extraction), `extract-choice.ts` (what both share: the e-node
 * index of their worklists and the term a choice rebuilds), `explain.ts` (proof forest,
 * explanations and their checker), `saturate.ts` (simplify and prove in one call), `dot.ts`
 * (Graphviz export).
 */
export { EGraph } from './egraph.js';
export type { EGraphOptions } from './egraph.js';
export { UnionFind } from './unionfind.js';
export type { Analysis } from './analysis.js';
export { ConstantFolding, constantFolding, classConstant } from './constant-folding.js';
export type { ConstantFoldingOptions } from './constant-folding.js';
export { EPattern, Matches, compilePattern, groundClass } from './ematch.js';
export { ERewrite, egraphRewrites, egraphRule, egraphContext } from './rewrite.js';
export type { EGraphRuleContext, EGraphRewrite, Applier } from './rewrite.js';
export { MultiRewrite, multiRule } from './multipattern.js';
export { isNotZero, isConst, isSym, isConstOrDistinctVar, allOf } from './conditions.js';
export { SimpleScheduler, BackoffScheduler } from './scheduler.js';
export type { Scheduler } from './scheduler.js';
export { Runner } from './runner.js';
export type { StopReason as RunnerStopReason, Iteration, Hook, RunnerOptions } from './runner.js';
export { Extractor, extract, astSize, astDepth, operatorCost, representative } from './extract.js';
export type { CostFunction, ExtractOptions } from './extract.js';
export { DagExtractor, extractDag, dagSize, dagOperatorCost } from './extract-dag.js';
export type { NodeCost } from './extract-dag.js';
export { explain, checkExplanation, ProofForest } from './explain.js';
export type { Explanation, ExplanationStep, ExplainOptions, StepCheck, Reason } from './explain.js';
export { egraphSimplify, egraphEquivalent } from './saturate.js';
export type { SaturateOptions } from './saturate.js';
export { toDot } from './dot.js';
export type { DotOptions } from './dot.js';
