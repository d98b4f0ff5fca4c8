/**
 * Derivation checking: read derivations (JSON, arrays, ` and `-strings, JSONL) and verify
 * them step by step (`verifyDerivation`).
 */
export { verifyDerivation, type VerifyOptions } from './verify.js';
export { readDerivation, readDerivations, splitAnd, type DerivationInput, type ReadDerivation, type ReadStep, type ReadOptions } from './read.js';
export { STATUSES, type StepStatus, type StepReport, type DerivationReport, type Justification, type Counterexample } from './report.js';
export { Model, type ModelOptions } from './model.js';
