/**
 * Relaxed SIMD for the tests of the fused multiply-add path: Node 20 has it behind a V8 flag
 * (on by default from Node 22). Setting the flag affects only this test process, and only
 * modules compiled after it.
 */
import { setFlagsFromString } from 'node:v8';
import { wasmRelaxedSimdSupported } from '../../src/codegen/index.js';

/**
 * Turns relaxed SIMD on for this process and says whether the engine now has it. Call it
 * before the first kernel is compiled (the support check is made once).
 * @example const fma = enableRelaxedSimd() ? [false, true] : [false]
 */
export function enableRelaxedSimd(): boolean {
  setFlagsFromString('--experimental-wasm-relaxed-simd');
  return wasmRelaxedSimdSupported();
}
