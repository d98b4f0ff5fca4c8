/**
 * Code generation: terms to JS and WebAssembly kernels.
 *
 * Files: `ir.ts` (the straight-line IR, value numbering, constant folding, its reference
 * interpreter), `lower.ts` (terms to IR: sums, products with one division, powers by
 * square-and-multiply, functions), `cost.ts` (the CPU cost model for the e-graph),
 * `optimize.ts` (e-graph simplification before lowering), `js.ts` (JS source through
 * `new Function`), `batch.ts` (checks of batch calls), `kernel.ts` (`compile`, the kernel
 * object), `accuracy.ts` (errors in ulps against decimal.js), `wasm/encoder.ts` (LEB128 and
 * bytes), `wasm/opcodes.ts`, `wasm/module.ts` (module and function-body emitter),
 * `wasm/schedule.ts` (statements, list scheduling, locals), `wasm/simd-math.ts` (vectorised
 * exp, log, sin, cos, tan), `wasm/emit.ts` (IR to a module: scalar, batch and SIMD batch
 * functions over addresses in memory), `wasm/memory.ts` (the module memory's heap for arrays
 * that batches use in place), `wasm/instance.ts` (instantiation, batches in place or copied
 * chunk by chunk, SIMD detection).
 */
export { compile, compileWith, compileAllWith } from './kernel.js';
export type { Kernel, KernelArrays, KernelStats, CompileOptions, Target } from './kernel.js';
export type { OptimizeOptions } from './optimize.js';
export { optimizeTerms } from './optimize.js';
export { cpuCost, powerCost, CPU_COSTS } from './cost.js';
export { lowerWith, MAX_EXPANDED_POWER } from './lower.js';
export { ProgramBuilder, runProgram, countOperations } from './ir.js';
export type { Program, Instr } from './ir.js';
export { emitJs, jsSource, numberLiteral } from './js.js';
export { emitWasm } from './wasm/emit.js';
export { wasmRelaxedSimdSupported, wasmSimdSupported } from './wasm/instance.js';
export { SIMD_FAST_RANGE } from './wasm/simd-math.js';
export { ulpError, ulpDistance, exactDecimal } from './accuracy.js';
