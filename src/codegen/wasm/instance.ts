/**
 * WebAssembly kernels at run time: the module compiled and instantiated synchronously, the
 * scalar export as the kernel function, and the batch call. The module's loops read their
 * inputs and write their outputs at addresses in the module's memory, so a batch passes the
 * addresses of arrays that already live there (`KernelMemory.alloc`) and copies the others
 * through the scratch area at the start of the memory, one chunk at a time (so the working
 * set stays in cache).
 *
 * @example
 * const { scalar, run } = instantiateWasm(emitWasm(p, { simd: true }), p, true);
 * run([xs, ys], out, xs.length) // out holds the outputs
 */
import type { Program } from '../ir.js';
import { EquateError } from '../../term/errors.js';
import type { WasmModuleParts } from './emit.js';
import { KernelMemory, type WasmMemory } from './memory.js';

export interface WasmKernelParts {
  scalar: (...xs: number[]) => number | number[];
  /**
   * Computes n points of `inputs` into `out` (checked by the caller). Arrays over the
   * module's memory are used in place, others copied chunk by chunk; when the output
   * overlaps an input other than as the same array of a one-output kernel, all are copied.
   * `vector: false` runs the scalar loop of a module that has the SIMD one.
   */
  run: (inputs: readonly Float64Array[], out: Float64Array, n: number, vector?: boolean) => void;
  /** The module's memory, with its heap of blocks for arrays that batches use in place. */
  heap: KernelMemory;
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

const support = new Map<string, boolean>();

/** Whether the engine validates `bytes` (once per feature). */
function probe(feature: string, bytes: Uint8Array): boolean {
  let ok = support.get(feature);
  if (ok === undefined) {
    try {
      ok = wasmApi()?.validate(bytes) ?? false;
    } catch {
      ok = false;
    }
    support.set(feature, ok);
  }
  return ok;
}

/**
 * Whether this engine runs WebAssembly SIMD (checked once by validating a module that
 * uses f64x2).
 * @example wasmSimdSupported() // true on Node 20
 */
export function wasmSimdSupported(): boolean {
  // (module (func (result v128) (f64x2.splat (f64.const 0))))
  return probe('simd', new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00,
    0x0a, 0x0f, 0x01, 0x0d, 0x00, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0xfd, 0x14, 0x0b,
  ]));
}

/**
 * Whether this engine runs relaxed SIMD's fused multiply-add `f64x2.relaxed_madd` (on by
 * default from V8 11.4: Node 22; Node 20 with `--experimental-wasm-relaxed-simd`). Checked
 * when first asked, so a flag set at run time before then counts.
 * @example wasmRelaxedSimdSupported() // false on Node 20 without the flag
 */
export function wasmRelaxedSimdSupported(): boolean {
  // (module (func (param v128 v128 v128) (result v128) (f64x2.relaxed_madd (local.get 0) (local.get 1) (local.get 2))))
  return probe('relaxed-simd', new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x01, 0x60, 0x03, 0x7b, 0x7b, 0x7b, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00,
    0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0xfd, 0x87, 0x02, 0x0b,
  ]));
}

/** Instantiates the module of `p`; `simd` runs batches with its f64x2 loop. */
export function instantiateWasm(parts: WasmModuleParts, p: Program, simd: boolean): WasmKernelParts {
  const api = wasmApi();
  if (api === undefined) throw new EquateError('compile: this JavaScript engine has no WebAssembly (use target js)');
  const instance = new api.Instance(new api.Module(parts.bytes), parts.imports);
  const ex = instance.exports as unknown as {
    k: (...xs: number[]) => number | number[];
    batch: (n: number, ...addresses: number[]) => void;
    simd?: (n: number, ...addresses: number[]) => void;
    memory: WasmMemory;
  };
  const arity = p.arity, m = p.outputs.length;
  const { chunk, inBase, outBase, end } = parts.layout;
  const heap = new KernelMemory(ex.memory, end);
  const run = (xs: readonly Float64Array[], o: Float64Array, n: number, vector = simd): void => {
    const loop = vector && ex.simd ? ex.simd : ex.batch;
    const buffer = heap.buffer;
    const addresses = new Array<number>(arity + 1);
    const direct = xs.map((x) => x.buffer === buffer);
    let outDirect = o.buffer === buffer;
    for (const a of [...xs, o]) {
      // The constants and the scratch area below `end` are the module's own.
      if (a.buffer === buffer && a.byteOffset < end && a.byteLength > 0) throw new EquateError("batch: arrays over a kernel's memory must come from its alloc");
    }
    let all = outDirect && direct.every(Boolean);
    if (outDirect && overlaps(xs, o, m)) {
      outDirect = all = false;
      direct.fill(false);
    }
    // Arrays in place need no chunks, but get them too: the engine runs a new function with
    // its baseline code until its optimised code is ready, and a call keeps the code it began
    // with (a first batch of a million points in one call would run at a third of the speed).
    const step = all ? DIRECT_CHUNK : chunk;
    const mem = all ? undefined : heap.view;
    const outAt = outBase / 8;
    for (let s = 0; s < n; s += step) {
      const e = Math.min(n, s + step);
      for (let j = 0; j < arity; j++) {
        const x = xs[j]!;
        if (direct[j]) addresses[j] = x.byteOffset + 8 * s;
        else {
          mem!.set(x.subarray(s, e), inBase / 8 + j * chunk);
          addresses[j] = inBase + j * chunk * 8;
        }
      }
      addresses[arity] = outDirect ? o.byteOffset + 8 * m * s : outBase;
      loop(e - s, ...addresses);
      if (!outDirect) o.set(mem!.subarray(outAt, outAt + (e - s) * m), s * m);
    }
  };
  return { scalar: ex.k, run, heap };
}

/** Points per call when every array is in the module's memory. */
const DIRECT_CHUNK = 16384;

/**
 * Whether the output `o` shares memory with an input in a way the loops do not allow: any
 * overlap, except an input that is the very same range as the output of a one-output kernel
 * (each point's output then replaces its own input after that point is read).
 */
function overlaps(xs: readonly Float64Array[], o: Float64Array, m: number): boolean {
  const lo = o.byteOffset, hi = lo + o.byteLength;
  for (const x of xs) {
    if (x.buffer !== o.buffer) continue;
    const a = x.byteOffset, b = a + x.byteLength;
    if (b <= lo || a >= hi) continue;
    if (m === 1 && a === lo && b === hi) continue;
    return true;
  }
  return false;
}
