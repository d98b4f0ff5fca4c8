/**
 * WebAssembly kernels at run time: the module compiled and instantiated synchronously, the
 * scalar export as the kernel function, and the batch call copying the inputs into the
 * module's memory one chunk at a time (so the working set stays in cache) and the outputs
 * back out.
 *
 * @example
 * const { scalar, run } = instantiateWasm(emitWasm(p, { simd: true }), p, true);
 * run([xs, ys], out, xs.length) // out holds the outputs
 */
import type { Program } from '../ir.js';
import { EquateError } from '../../term/errors.js';
import type { WasmModuleParts } from './emit.js';

export interface WasmKernelParts {
  scalar: (...xs: number[]) => number | number[];
  /** Computes n points of `inputs` into `out` (checked by the caller), chunk by chunk. */
  run: (inputs: readonly Float64Array[], out: Float64Array, n: number) => void;
}

/** The part of the engine's `WebAssembly` object used here (the project's TS lib has no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}

/** The engine's `WebAssembly`, or undefined where there is none. */
export function wasmApi(): WasmApi | undefined {
  return (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
}

let simdSupport: boolean | undefined;

/**
 * Whether this engine runs WebAssembly SIMD (checked once by validating a module that
 * uses f64x2).
 * @example wasmSimdSupported() // true on Node 20
 */
export function wasmSimdSupported(): boolean {
  if (simdSupport === undefined) {
    // (module (func (result v128) (f64x2.splat (f64.const 0))))
    const bytes = new Uint8Array([
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00,
      0x0a, 0x0f, 0x01, 0x0d, 0x00, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0xfd, 0x14, 0x0b,
    ]);
    try {
      simdSupport = wasmApi()?.validate(bytes) ?? false;
    } catch {
      simdSupport = false;
    }
  }
  return simdSupport === true;
}

/** Instantiates the module of `p`; `simd` runs batches with its f64x2 loop. */
export function instantiateWasm(parts: WasmModuleParts, p: Program, simd: boolean): WasmKernelParts {
  const api = wasmApi();
  if (api === undefined) throw new EquateError('compile: this JavaScript engine has no WebAssembly (use target js)');
  const instance = new api.Instance(new api.Module(parts.bytes), parts.imports);
  const ex = instance.exports as unknown as {
    k: (...xs: number[]) => number | number[];
    batch: (start: number, end: number) => void;
    simd?: (n: number) => void;
    memory: { buffer: ArrayBuffer };
  };
  const arity = p.arity, m = p.outputs.length;
  const { chunk, outBase } = parts.layout;
  const mem = new Float64Array(ex.memory.buffer);
  const outAt = outBase / 8;
  const loop = simd && ex.simd ? ex.simd : (n: number): void => ex.batch(0, n);
  const run = (xs: readonly Float64Array[], o: Float64Array, n: number): void => {
    for (let s = 0; s < n; s += chunk) {
      const e = Math.min(n, s + chunk);
      for (let j = 0; j < arity; j++) mem.set(xs[j]!.subarray(s, e), j * chunk);
      loop(e - s);
      o.set(mem.subarray(outAt, outAt + (e - s) * m), s * m);
    }
  };
  return { scalar: ex.k, run };
}
