/**
 * `compile`: terms to kernels, functions of numbers that run the term's arithmetic directly.
 *
 * A kernel is called on numbers (`k(1.5, 2)`, one per argument, in the order of `args`) and
 * has `k.batch(inputs, out?)` for many points: one array per argument, all of one length n,
 * into a `Float64Array` of n*m values (m = number of outputs). Several terms compile into one
 * kernel that shares their common subexpressions: its scalar call returns an array of m
 * numbers, and its batch output is interleaved (output j of point i at `out[i*m + j]`).
 *
 * Targets:
 * - 'js' (default): JavaScript through `new Function` (see `js.ts`);
 * - 'wasm': a WebAssembly module emitted directly (see `wasm/emit.ts`); batches of 16 points
 *   or more run with f64x2 SIMD when the engine supports it (`simd: false` keeps the scalar
 *   loop), with vectorised exp, log, sin, cos and tan (`wasm/simd-math.ts`), whose
 *   polynomials and reductions use relaxed SIMD's fused multiply-add where the engine has it
 *   (`fma`; Node 22, or Node 20 with `--experimental-wasm-relaxed-simd`). `compile` builds
 *   the scalar module (kernel and scalar loop); the module with the SIMD loop is built at the
 *   first batch that uses it (or at the first `alloc`). Batches copy ordinary arrays into the
 *   module's memory and the outputs back; `k.alloc(n)` gives arrays that live in that memory,
 *   which batches use in place (see `KernelArrays` for what growing the memory does to them).
 *
 * Semantics are those of `evaluate` in floats: IEEE arithmetic, NaN where a function is
 * undefined (`log(-1)`, `sqrt(-1)`, `0/0`), infinities where they arise (`1/0`, `exp(1000)`),
 * relations 1 or 0. The code is the term's own operations, reordered only as the README's
 * "Kernels" section says (sums left to right with subtractions last, products' reciprocals
 * collected into one division, small integer powers as multiplications, half-integer powers
 * through `sqrt`), so results agree with `evaluate` to a few ulps where the term is well
 * conditioned; the SIMD functions are within the bounds the README's table gives.
 *
 * `optimize: true` first simplifies each term with the e-graph under the CPU cost model of
 * `cost.ts` (see `optimize.ts`); the optimised kernel computes an equal expression, which may
 * differ where the original is undefined (`x/x` becomes 1).
 *
 * @example
 * const k = compile(parse('sin(x)*cos(y) + x^2*y'), { args: ['x', 'y'] });
 * k(0.5, 2)                                  // the value at x = 0.5, y = 2
 * k.batch([new Float64Array([0, 1]), new Float64Array([1, 2])]) // Float64Array(2)
 * const w = compile(parse('sin(x)*cos(y)'), { args: ['x', 'y'], target: 'wasm' });
 * const a = w.alloc(1_000_000);              // a.inputs[0], a.inputs[1], a.output in w's memory
 * a.inputs[0].fill(0.5); a.inputs[1].fill(2);
 * w.batch(a.inputs, a.output);               // no copies; a.output holds the values
 * a.free();
 * const j = compile([parse('x*y'), parse('x + y')], { args: ['x', 'y'], target: 'wasm' });
 * j(2, 3)                                    // [6, 5]
 */
import type { Term } from '../term/term.js';
import { termOps, writtenOps, type TermOps } from '../term/interface.js';
import { EquateError } from '../term/errors.js';
import { countOperations, type Program } from './ir.js';
import { lowerWith } from './lower.js';
import { emitJs } from './js.js';
import { batchShape } from './batch.js';
import { emitWasm } from './wasm/emit.js';
import { instantiateWasm, wasmRelaxedSimdSupported, wasmSimdSupported, type WasmKernelParts } from './wasm/instance.js';
import { optimizeTerms, type OptimizeOptions } from './optimize.js';

export type Target = 'js' | 'wasm';

export interface CompileOptions<T = Term> {
  /** The arguments, in call order: names or symbols. */
  args: readonly (string | T)[];
  /** 'js' (default) or 'wasm'. */
  target?: Target;
  /** Simplify with the e-graph first (CPU cost model). Default: false. */
  optimize?: boolean | OptimizeOptions;
  /** WebAssembly only: run batches with f64x2 SIMD. Default: true where the engine supports it. */
  simd?: boolean;
  /**
   * WebAssembly SIMD only: fused multiply-adds (relaxed SIMD's `f64x2.relaxed_madd`) inside
   * the vectorised functions (their polynomials and reductions; the term's own arithmetic is
   * never contracted). Default: true where the engine has relaxed SIMD (Node 22 and later;
   * Node 20 with `--experimental-wasm-relaxed-simd`); `true` where it has not is an error.
   */
  fma?: boolean;
}

/** What a kernel computes with: counts of operations by kind and `Math` function. */
export interface KernelStats {
  /** Instructions other than constants and arguments. */
  operations: number;
  /** By kind: 'add', 'sub', 'mul', 'div', 'neg', 'sqrt', 'abs', 'cmp', `Math` names, operator names. */
  byKind: Record<string, number>;
}

/**
 * Arrays for `kernel.batch` from `kernel.alloc(n)`: for a WebAssembly kernel they live in the
 * kernel's own memory, and a batch over them (or over any views of that memory) runs without
 * copying its inputs in and its outputs out.
 *
 * Growing the memory (a later `alloc` on the same kernel that does not fit) replaces the
 * memory's buffer, and every array taken from it before is detached (its length becomes 0).
 * The data stays: read `inputs` and `output` again from this object after an `alloc` (they
 * are re-created when the buffer has changed), rather than keeping the arrays themselves.
 */
export interface KernelArrays {
  /** Points. */
  readonly n: number;
  /** One array of n values per argument. */
  readonly inputs: readonly Float64Array[];
  /** n*m values: the outputs of point i at `output[i*m .. i*m + m - 1]`. */
  readonly output: Float64Array;
  /** Returns the memory to the kernel (the arrays must not be used after); calling it twice does nothing. */
  free(): void;
}

export interface Kernel<R = number> {
  /** The value(s) at one point: arguments are converted with `Number` (a missing one is NaN). */
  (...xs: number[]): R;
  /**
   * The values at many points: one array per argument; m values per point, interleaved.
   * Arrays in the kernel's memory (`alloc`) are used in place; others are copied through it
   * chunk by chunk. The output may be one of the inputs when the kernel has one output.
   */
  batch(inputs: readonly ArrayLike<number>[], out?: Float64Array): Float64Array;
  /**
   * Input and output arrays for n points, for `batch(a.inputs, a.output)` without copies
   * (WebAssembly: in the kernel's memory; JS: ordinary arrays). See `KernelArrays` for what
   * growing the memory does to arrays taken earlier.
   */
  alloc(n: number): KernelArrays;
  readonly args: readonly string[];
  /** Number of outputs (m). */
  readonly outputs: number;
  readonly target: Target;
  /** Whether batches run with WebAssembly SIMD. */
  readonly simd: boolean;
  /** Whether the SIMD loop's functions use fused multiply-adds (see `CompileOptions.fma`). */
  readonly fma: boolean;
  readonly stats: KernelStats;
  /** The IR the kernel was emitted from. */
  readonly program: Program;
  /** 'js': the generated source. */
  readonly source?: string;
  /** 'wasm': the bytes of the scalar module (the SIMD one is built at the first large batch). */
  readonly wasm?: Uint8Array;
}

function argNames<T>(ops: TermOps<T>, args: unknown): string[] {
  if (!Array.isArray(args)) throw new EquateError('compile: args must be an array of symbol names');
  const names = args.map((a: unknown, i) => {
    if (typeof a === 'string') return a;
    if (a !== null && typeof a === 'object' && ops.isSymbol(a as T)) return ops.symbolName(a as T);
    throw new EquateError(`compile: argument ${i + 1} is not a symbol name`);
  });
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new EquateError(`compile: the argument ${n} is given twice`);
    seen.add(n);
  }
  return names;
}

function makeKernel(scalar: (...xs: number[]) => unknown, batch: Kernel['batch'], alloc: Kernel['alloc'], props: Record<string, unknown>): Kernel<number> | Kernel<number[]> {
  const k = scalar as unknown as Kernel<number>;
  Object.defineProperty(k, 'batch', { value: batch, enumerable: true });
  Object.defineProperty(k, 'alloc', { value: alloc, enumerable: true });
  for (const [key, value] of Object.entries(props)) {
    if (value !== undefined) Object.defineProperty(k, key, { value, enumerable: true });
  }
  return k;
}

/**
 * Compiles a term of any representation (read through `ops`) to a kernel.
 * @example compileWith(termOps, parse('x + 1'), { args: ['x'] })(2) // 3
 */
export function compileWith<T>(ops: TermOps<T>, t: T, opts: CompileOptions<T>): Kernel<number> {
  return compileTerms(ops, [t], false, opts) as Kernel<number>;
}

/**
 * Compiles several terms of any representation into one kernel with one output each.
 * @example compileAllWith(termOps, [parse('x + 1'), parse('2*x')], { args: ['x'] })(2) // [3, 4]
 */
export function compileAllWith<T>(ops: TermOps<T>, ts: readonly T[], opts: CompileOptions<T>): Kernel<number[]> {
  if (!Array.isArray(ts)) throw new EquateError('compile: expected an array of expressions');
  return compileTerms(ops, ts, true, opts) as Kernel<number[]>;
}

function compileTerms<T>(ops: TermOps<T>, given: readonly T[], many: boolean, opts: CompileOptions<T>): Kernel<number> | Kernel<number[]> {
  if (opts === null || typeof opts !== 'object') throw new EquateError('compile: options { args } are required');
  const target = opts.target ?? 'js';
  if (target !== 'js' && target !== 'wasm') throw new EquateError(`compile: unknown target '${String(target)}' (known: js, wasm)`);
  if (opts.fma === true && target === 'js') throw new EquateError('compile: fma needs the SIMD loop (target wasm)');
  const args = argNames(ops, opts.args);
  let terms = given;
  if (many && terms.length === 0) throw new EquateError('compile: no expressions to compile');
  if (opts.optimize) {
    if (ops !== (termOps as unknown) && ops !== (writtenOps as unknown)) throw new EquateError('compile: optimize needs hash-consed terms');
    terms = optimizeTerms(terms as unknown as readonly Term[], opts.optimize === true ? {} : opts.optimize) as unknown as readonly T[];
  }
  const program = lowerWith(ops, terms, args);
  const byKind = countOperations(program);
  const stats: KernelStats = { operations: Object.values(byKind).reduce((a, b) => a + b, 0), byKind };
  const m = program.outputs.length;
  if (target === 'js') {
    const { scalar, loop, source } = emitJs(program);
    const batch = (inputs: readonly ArrayLike<number>[], out?: Float64Array): Float64Array => {
      const shape = batchShape(inputs, out, program.arity, m);
      loop(shape.n, ...shape.inputs, shape.out);
      return shape.out;
    };
    const alloc = (n: number): KernelArrays => {
      checkPoints(n);
      const inputs = Array.from({ length: program.arity }, () => new Float64Array(n));
      return { n, inputs, output: new Float64Array(n * m), free: () => undefined };
    };
    return makeKernel(scalar, batch, alloc, { args, outputs: m, target, simd: false, fma: false, stats, program, source });
  }
  const simd = (opts.simd ?? true) && wasmSimdSupported();
  if (opts.fma === true && !(simd && wasmRelaxedSimdSupported())) {
    throw new EquateError(opts.simd === false
      ? 'compile: fma needs the SIMD loop, which simd: false turns off'
      : 'compile: fma needs WebAssembly relaxed SIMD, which this engine lacks (Node 22, or Node 20 with --experimental-wasm-relaxed-simd)');
  }
  const fma = simd && (opts.fma ?? true) && wasmRelaxedSimdSupported();
  // The scalar module now; the one with the SIMD loop at the first batch large enough to use it.
  const parts = emitWasm(program, { simd: false });
  const plain = instantiateWasm(parts, program, false);
  let vector: WasmKernelParts | undefined;
  const vectorParts = (): WasmKernelParts => (vector ??= instantiateWasm(emitWasm(program, { simd: true, fma }), program, true));
  /** Whether `alloc` has handed out memory of the batch instance (then batches check for arrays in it). */
  let allocated = false;
  const batch = (inputs: readonly ArrayLike<number>[], out?: Float64Array): Float64Array => {
    const shape = batchShape(inputs, out, program.arity, m);
    const large = shape.n >= SIMD_MIN_POINTS;
    if (simd && large) vectorParts().run(shape.inputs, shape.out, shape.n);
    // Small batches run the scalar loop, also over arrays in the SIMD module's memory.
    else if (simd && allocated && inMemory(shape.inputs, shape.out, vectorParts().heap.buffer)) vectorParts().run(shape.inputs, shape.out, shape.n, false);
    else plain.run(shape.inputs, shape.out, shape.n);
    return shape.out;
  };
  const alloc = (n: number): KernelArrays => {
    checkPoints(n);
    allocated = true;
    return wasmArrays(simd ? vectorParts() : plain, program.arity, m, n);
  };
  // The exported function belongs to the instance; the kernel is a fresh function forwarding to it.
  const scalar = plain.scalar;
  const call = fixedArity(scalar, program.arity);
  return makeKernel(call, batch, alloc, { args, outputs: m, target, simd, fma, stats, program, wasm: parts.bytes });
}

function checkPoints(n: unknown): asserts n is number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new EquateError(`alloc: the number of points must be a non-negative integer, got ${String(n)}`);
}

/** Whether one of the arrays is a view of `buffer`. */
function inMemory(inputs: readonly Float64Array[], out: Float64Array, buffer: ArrayBuffer): boolean {
  return out.buffer === buffer || inputs.some((x) => x.buffer === buffer);
}

/** n points of inputs and outputs in one block of the instance's heap, with views re-created after the memory grows. */
function wasmArrays(parts: WasmKernelParts, arity: number, m: number, n: number): KernelArrays {
  const heap = parts.heap;
  const at = heap.alloc((arity + m) * n * 8);
  let buffer: ArrayBuffer | undefined;
  let inputs: Float64Array[] = [], output = new Float64Array(0);
  let freed = false;
  const views = (): void => {
    if (freed) throw new EquateError('alloc: these arrays were freed');
    if (buffer === heap.buffer) return;
    buffer = heap.buffer;
    inputs = Array.from({ length: arity }, (_, j) => new Float64Array(buffer!, at + j * n * 8, n));
    output = new Float64Array(buffer, at + arity * n * 8, n * m);
  };
  return {
    n,
    get inputs(): readonly Float64Array[] {
      views();
      return inputs;
    },
    get output(): Float64Array {
      views();
      return output;
    },
    free(): void {
      if (freed) return;
      freed = true;
      heap.free(at);
    },
  };
}

/** Batches of fewer points run the scalar loop (the SIMD module is compiled at the first larger one). */
const SIMD_MIN_POINTS = 16;

/** A forwarding function with the kernel's arity, converting its arguments with `Number` (as the JS target does). */
function fixedArity(f: (...xs: number[]) => unknown, arity: number): (...xs: number[]) => unknown {
  switch (arity) {
    case 0: return () => f();
    case 1: return (a: number) => f(Number(a));
    case 2: return (a: number, b: number) => f(Number(a), Number(b));
    case 3: return (a: number, b: number, c: number) => f(Number(a), Number(b), Number(c));
    case 4: return (a: number, b: number, c: number, d: number) => f(Number(a), Number(b), Number(c), Number(d));
    default: return (...xs: number[]) => f(...Array.from({ length: arity }, (_, i) => Number(xs[i])));
  }
}

/**
 * Compiles a term (or several, sharing their common subexpressions) to a kernel.
 * @example compile(parse('x^2 + y'), { args: ['x', 'y'] })(3, 1) // 10
 * @example compile([parse('x*y'), parse('x + y')], { args: ['x', 'y'] })(2, 3) // [6, 5]
 */
export function compile(t: Term, opts: CompileOptions): Kernel<number>;
export function compile(t: readonly Term[], opts: CompileOptions): Kernel<number[]>;
export function compile(t: Term | readonly Term[], opts: CompileOptions): Kernel<number> | Kernel<number[]>;
export function compile(t: Term | readonly Term[], opts: CompileOptions): Kernel<number> | Kernel<number[]> {
  return Array.isArray(t) ? compileAllWith(termOps, t as readonly Term[], opts) : compileWith(termOps, t as Term, opts);
}
