/**
 * Derivations: read them (JSON, arrays, ` and `-strings, JSONL) and verify them step by step
 * (`verifyDerivation`); generate them (`generateDerivations`, `generateDataset`), perturb
 * them (VR, EE, AG, SR, mutants) and write them in the data's format with the paper's prompt.
 */
export { verifyDerivation, type VerifyOptions } from './verify.js';
export { readDerivation, readDerivations, splitAnd, type DerivationInput, type ReadDerivation, type ReadStep, type ReadOptions } from './read.js';
export { STATUSES, type StepStatus, type StepReport, type DerivationReport, type Justification, type Counterexample, type ProofLine } from './report.js';
export { proveEqualities, type ProofOptions } from './proof.js';
export { Model, type ModelOptions } from './model.js';
export { generateDerivations, extendDerivation, passesVerifier, derivationLatex, DEFAULT_WEIGHTS, type GenerateOptions, type GenerateStats, type ExtendOptions } from './generate.js';
export { generateDataset, variantsOf, type DatasetOptions } from './dataset.js';
export { OPERATIONS, applyOperation, type Operation } from './operations.js';
export { chainToGoal, fromLatex, isPremise, type Derivation, type DerivationStep, type Rule } from './derivation.js';
export { renameVariables, exchangeSides, alternativeGoal, removeHints, mutateDerivation, type RenameOptions, type MutateOptions, type MutatedDerivation, type PerturbationKind } from './perturb.js';
export { mutants, mutantsOfText, MUTANT_KINDS, PremiseCheck, type Mutant, type MutantKind, type MutantOptions } from './mutate.js';
export { buildPrompt, PROMPT_HEADER, PROMPT_INSTRUCTION, type PromptOptions } from './prompt.js';
export { dataItem, fromDataItem, type VariantKey } from './item.js';
export { dataLatex, stepLatex, annotations, derivationText, sreprDerivation, type Annotation } from './format.js';
export { DEFAULT_VOCABULARY, type Vocabulary } from './vocabulary.js';
