/**
 * Kernels: f(x, y) = sin(x)cos(y) + x^2 y - exp(x/(1 + y)) over 1,000,000 points (x and y
 * uniform in [0, 1), seeded), in nanoseconds per point, for a hand-written JS loop (the
 * baseline row), equate's JS kernel, its WebAssembly kernel with the scalar loop and with the
 * f64x2 SIMD loop (on ordinary arrays, copied into the kernel's memory and back, and on arrays
 * that live in that memory, from `kernel.alloc`), the SIMD loop again with relaxed SIMD's
 * fused multiply-adds; then the same loop in C (`bench/c/codegen.c`, compiled with gcc -O2
 * and with gcc -O3 -march=native -ffast-math, run as child processes that time themselves;
 * "gcc not found" where there is no gcc), equate's SIMD algorithm itself in C
 * (`bench/c/simd-kernel.c`, with 2 lanes without and with FMA, as WebAssembly SIMD and relaxed
 * SIMD have them, and with 8 lanes and FMA), a breakdown of f into its parts (WebAssembly SIMD
 * against gcc for each), and the time to compile expressions of about 100 nodes. The issue's
 * goals are printed beside the figures.
 *
 * Relaxed SIMD is on by default from Node 22 (V8 11.4); Node 20 has it behind a V8 flag, which
 * this module turns on for its own process when it is loaded, so that one process times both
 * forms of the SIMD loop.
 *
 * @example
 * import { runCodegenBench } from './codegen.js';
 * await runCodegenBench(); // prints the tables and the goals
 */
import { execFileSync } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, type Term } from '../src/index.js';
import { compile, wasmRelaxedSimdSupported, type Kernel } from '../src/codegen/index.js';
import { compare } from './harness.js';
import { randomExpression } from './simplify.js';

setFlagsFromString('--experimental-wasm-relaxed-simd');

const N = 1_000_000;
const F = 'sin(x)*cos(y) + x^2*y - exp(x/(1 + y))';

/** x and y uniform in [0, 1), from the generator bench/c/codegen.c uses. */
function data(n: number): [Float64Array, Float64Array] {
  let seed = 12345;
  const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  const xs = new Float64Array(n), ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = rnd();
    ys[i] = rnd();
  }
  return [xs, ys];
}

function handLoop(xs: Float64Array, ys: Float64Array, out: Float64Array): void {
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!, y = ys[i]!;
    out[i] = Math.sin(x) * Math.cos(y) + x * x * y - Math.exp(x / (1 + y));
  }
}

/** A C source of bench/c/, from bench/ (tsx) or from dist/bench/ (compiled). */
function cSource(name: string): string | undefined {
  for (const rel of [`./c/${name}`, `../../bench/c/${name}`]) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  return undefined;
}

function gccPath(): string | undefined {
  for (const p of ['/usr/bin/gcc', '/usr/local/bin/gcc']) if (existsSync(p)) return p;
  try {
    return execFileSync('which', ['gcc'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

interface CResult { name: string; mean: number; best: number }

/** A C program compiled with `flags` (built once per set of flags), run with `args`. */
type CRun = (source: string, flags: readonly string[], args: readonly string[]) => CResult;

/** Calls `body` with a runner of C programs in a temporary directory; a message instead when there is no gcc. */
function withC<T>(body: (run: CRun) => T): T | string {
  const gcc = gccPath();
  if (gcc === undefined) return 'gcc not found';
  const dir = mkdtempSync(join(tmpdir(), 'equate-bench-'));
  const built = new Map<string, string>();
  try {
    return body((source, flags, args) => {
      const key = `${source} ${flags.join(' ')}`;
      let exe = built.get(key);
      if (exe === undefined) {
        const src = cSource(source);
        if (src === undefined) throw new Error(`bench/c/${source} not found`);
        exe = join(dir, `c${built.size}`);
        execFileSync(gcc, [...flags, src, '-o', exe, '-lm'], { stdio: 'pipe' });
        built.set(key, exe);
      }
      // Three runs: the median of their means, the best of their best times (a run sometimes
      // loses the core to other work for all of its repetitions).
      const runs = [0, 1, 2].map(() => execFileSync(exe!, [String(N), ...args], { encoding: 'utf8' }).trim().split(/\s+/).map(Number) as [number, number]);
      const means = runs.map((r) => r[0]).sort((a, b) => a - b);
      return { name: flags.join(' '), mean: means[1]!, best: Math.min(...runs.map((r) => r[1])) };
    });
  } catch (e) {
    return `C baseline failed: ${(e as Error).message.split('\n')[0]}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const O2 = ['-O2'];
const O3 = ['-O3', '-march=native', '-ffast-math'];
/**
 * The same loop for narrower vector units, to place the figures: AVX2 with FMA (4 lanes of
 * libmvec; what the issue's 3.0-3.7 ns suggest its machine had) and SSE4.2 (2 lanes, as
 * WebAssembly SIMD).
 */
const O3_AVX2 = ['-O3', '-march=x86-64-v3', '-ffast-math'];
const O3_SSE = ['-O3', '-march=x86-64-v2', '-ffast-math'];
/** equate's SIMD algorithm in C (bench/c/simd-kernel.c): f64x2 without FMA, as WebAssembly SIMD has it. */
const SIMD2 = ['-O3', '-march=native', '-mno-fma', '-ffp-contract=off', '-DW=2'];
/** The same with FMA contraction, as relaxed SIMD's fused multiply-add gives it. */
const SIMD2F = ['-O3', '-march=native', '-ffp-contract=fast', '-DW=2'];
/** The same with 8 lanes (AVX-512) and FMA contraction, as libmvec runs on this kind of machine. */
const SIMD8 = ['-O3', '-march=native', '-ffp-contract=fast', '-DW=8'];

/** Best and median nanoseconds per point of `run` (n points a call) over `times` calls after one warm-up. */
function timePerPoint(run: () => unknown, n: number, times: number): { best: number; median: number } {
  run();
  const t: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    run();
    t.push(((performance.now() - t0) * 1e6) / n);
  }
  t.sort((a, b) => a - b);
  return { best: t[0]!, median: t[t.length >> 1]! };
}

/** The parts of f for the breakdown, as terms and as the C baseline's kernel names. */
const PARTS: readonly [string, string][] = [
  ['x^2*y - x/(1 + y)', 'arith'],
  ['sin(x)', 'sin'],
  ['cos(y)', 'cos'],
  ['exp(x/(1 + y))', 'exp'],
];

/** Mean milliseconds of `f` over `terms` (each once). */
function compileTimes(terms: readonly Term[], f: (t: Term) => unknown): number {
  const t0 = performance.now();
  for (const t of terms) f(t);
  return (performance.now() - t0) / terms.length;
}

/** A SIMD kernel of f with its inputs in its own memory (batches over them copy nothing). */
function inMemory(k: Kernel, xs: Float64Array, ys: Float64Array): ReturnType<Kernel['alloc']> {
  const a = k.alloc(xs.length);
  a.inputs[0]!.set(xs);
  a.inputs[1]!.set(ys);
  return a;
}

export async function runCodegenBench(): Promise<void> {
  const t = parse(F);
  const [xs, ys] = data(N);
  const out = new Float64Array(N);
  const js = compile(t, { args: ['x', 'y'] });
  const wasmScalar = compile(t, { args: ['x', 'y'], target: 'wasm', simd: false });
  const relaxed = wasmRelaxedSimdSupported();
  // The two forms of the SIMD loop: WebAssembly SIMD alone, and with fused multiply-adds.
  const forms = [false, ...(relaxed ? [true] : [])].map((fma) => {
    const k = compile(t, { args: ['x', 'y'], target: 'wasm', fma });
    const name = `equate WASM kernel, f64x2 SIMD${k.simd ? (fma ? ' + FMA' : '') : ' (no SIMD here: scalar)'}`;
    return { fma, k, name, mem: inMemory(k, xs, ys) };
  });
  const perPoint = (ms: number): string => `${((ms * 1e6) / N).toFixed(2)} ns/point`;
  const rows = await compare(`Kernels: f(x, y) = ${F} over ${N.toLocaleString('en-US')} points`, [
    { name: 'hand-written JS loop', run: () => handLoop(xs, ys, out), size: perPoint },
    { name: 'equate JS kernel (batch)', run: () => js.batch([xs, ys], out), size: perPoint },
    { name: 'equate WASM kernel, scalar loop', run: () => wasmScalar.batch([xs, ys], out), size: perPoint },
    ...forms.flatMap((f) => [
      { name: `${f.name}, arrays copied`, run: () => f.k.batch([xs, ys], out), size: perPoint },
      { name: `${f.name}, arrays in its memory`, run: () => f.k.batch(f.mem.inputs, f.mem.output), size: perPoint },
    ]),
  ], { time: 1000 });
  const ns = (i: number): number => (rows[i]!.meanMs * 1e6) / N;
  if (!relaxed) console.log('(relaxed SIMD is not available in this engine: no FMA rows)');

  // The same kernels, best and median of 30 runs: on a machine shared with other work the best
  // run is the one least disturbed, for C and WebAssembly alike. Both batches of a kernel
  // compute the same values.
  console.log('');
  const timed = forms.map((f) => {
    f.k.batch([xs, ys], out);
    if (out.some((v, i) => v !== f.mem.output[i])) throw new Error('the in-memory batch differs from the copying one');
    const mem = timePerPoint(() => f.k.batch(f.mem.inputs, f.mem.output), N, 30);
    const copy = timePerPoint(() => f.k.batch([xs, ys], out), N, 30);
    f.mem.free();
    console.log(`${f.name} again, 30 runs: arrays in its memory best ${mem.best.toFixed(2)}, median ${mem.median.toFixed(2)} ns/point; arrays copied best ${copy.best.toFixed(2)}, median ${copy.median.toFixed(2)}`);
    return { ...f, mem, copy, row: 4 + 2 * forms.indexOf(f) };
  });

  const c = withC((run) => ({
    o2: run('codegen.c', O2, ['20']),
    o3: run('codegen.c', O3, ['20']),
    avx2: run('codegen.c', O3_AVX2, ['20']),
    sse: run('codegen.c', O3_SSE, ['20']),
    simd2: run('simd-kernel.c', SIMD2, ['20']),
    simd2f: run('simd-kernel.c', SIMD2F, ['20']),
    simd8: run('simd-kernel.c', SIMD8, ['20']),
  }));
  console.log('\nC baseline (bench/c/codegen.c, same data; 3 processes of 20 runs: median of their means, best run):');
  if (typeof c === 'string') console.log(`  ${c}`);
  else {
    for (const r of [c.o2, c.o3, c.avx2, c.sse]) console.log(`  gcc ${r.name.padEnd(32)} ${r.mean.toFixed(2)} ns/point (best ${r.best.toFixed(2)})`);
    console.log("equate's SIMD algorithm in C (bench/c/simd-kernel.c: the same code, compiled natively):");
    console.log(`  2 lanes, no FMA (WebAssembly SIMD's constraints)  ${c.simd2.mean.toFixed(2)} ns/point (best ${c.simd2.best.toFixed(2)})`);
    console.log(`  2 lanes, FMA (relaxed SIMD's)                     ${c.simd2f.mean.toFixed(2)} ns/point (best ${c.simd2f.best.toFixed(2)})`);
    console.log(`  8 lanes, FMA (AVX-512, as libmvec above)           ${c.simd8.mean.toFixed(2)} ns/point (best ${c.simd8.best.toFixed(2)})`);
  }

  // Where the time goes: each part of f alone, WebAssembly SIMD on arrays in its memory
  // against gcc -O3 -march=native -ffast-math (libmvec, 8 lanes with FMA).
  const parts = PARTS.map(([text, name]) => {
    const wasm = forms.map(({ fma }) => {
      const k = compile(parse(text), { args: ['x', 'y'], target: 'wasm', fma });
      const a = inMemory(k, xs, ys);
      const time = timePerPoint(() => k.batch(a.inputs, a.output), N, 15);
      a.free();
      return time.best;
    });
    const gcc = withC((run) => run('codegen.c', O3, ['15', name]));
    return { text, wasm, gcc };
  });
  console.log(`\nBreakdown, each part of f alone (best ns/point; WASM SIMD${relaxed ? ' without and with FMA' : ''} on arrays in its memory, gcc -O3 -march=native -ffast-math):`);
  for (const p of parts) {
    const g = typeof p.gcc === 'string' ? p.gcc : `gcc ${p.gcc.best.toFixed(2)}, ratio ${p.wasm.map((w) => `${(w / (p.gcc as CResult).best).toFixed(2)}x`).join(' / ')}`;
    console.log(`  ${p.text.padEnd(20)} WASM ${p.wasm.map((w) => w.toFixed(2)).join(' / ')}   ${g}`);
  }

  // Compile time: 300 different expressions of about 100 nodes (x, y, z), each compiled once.
  const terms = Array.from({ length: 300 }, (_, i) => parse(randomExpression(100, 1000 + i)));
  const nodes = terms.reduce((s, u) => s + u.size, 0) / terms.length;
  const args = ['x', 'y', 'z'];
  // Warm-up on other expressions (the same source compiled twice would hit V8's cache).
  const warm = Array.from({ length: 100 }, (_, i) => parse(randomExpression(100, 9000 + i)));
  compileTimes(warm, (u) => compile(u, { args })(0.5, 0.25, 2));
  compileTimes(warm, (u) => compile(u, { args, target: 'wasm' }).batch([new Float64Array(16), new Float64Array(16), new Float64Array(16)]));
  const jsMs = compileTimes(terms, (u) => compile(u, { args }));
  const fresh = terms.map((_, i) => parse(randomExpression(100, 5000 + i)));
  const jsFirstMs = compileTimes(fresh, (u) => compile(u, { args })(0.5, 0.25, 2));
  const wasmMs = compileTimes(terms, (u) => compile(u, { args, target: 'wasm' }));
  const batchInputs = [new Float64Array(16).fill(0.5), new Float64Array(16).fill(0.25), new Float64Array(16).fill(2)];
  const wasmSimdMs = compileTimes(fresh, (u) => compile(u, { args, target: 'wasm' }).batch(batchInputs));
  console.log(`\nCompile time, ${terms.length} expressions of ${nodes.toFixed(0)} nodes on average (canonical form), each compiled once:`);
  console.log(`  target js:   ${(jsMs * 1000).toFixed(0)} µs per expression (${(jsFirstMs * 1000).toFixed(0)} µs with the first call)`);
  console.log(`  target wasm: ${(wasmMs * 1000).toFixed(0)} µs per expression (scalar module compiled and instantiated; ${(wasmSimdMs * 1000).toFixed(0)} µs with the SIMD module of the first batch)`);

  const verdict = (ok: boolean): string => (ok ? 'met' : 'not met');
  console.log('\nGoals (issue 5; figures measured by the issue on its machine: hand loop 18.6 ns/point, gcc -O2 19-24, gcc -O3 -march=native -ffast-math 3.0-3.7):');
  console.log(`  JS kernel within 1.1x the hand-written loop: ${(ns(1) / ns(0)).toFixed(2)}x (${verdict(ns(1) <= 1.1 * ns(0))})`);
  // The goal compares like with like: gcc's loop reads and writes its arrays in place, as the
  // in-memory batch does (the copying batch is printed beside it); best runs against best
  // runs, means against means.
  if (typeof c === 'string') console.log('  WASM SIMD within 2x gcc -O3 -march=native -ffast-math: gcc not found');
  else {
    console.log("  WASM SIMD within 2x gcc -O3 -march=native -ffast-math, arrays in the kernel's memory:");
    for (const f of timed) {
      const best = f.mem.best / c.o3.best;
      const form = f.fma ? 'with FMA (relaxed SIMD: Node 22 on; Node 20 behind a flag)' : 'f64x2 alone (WebAssembly SIMD; Node 20 as it starts)';
      console.log(`    ${form}: ${best.toFixed(2)}x best to best (${f.mem.best.toFixed(2)} vs ${c.o3.best.toFixed(2)} ns/point; ${verdict(best <= 2)}), ${(ns(f.row) / c.o3.mean).toFixed(2)}x mean to mean; arrays copied in and out ${(f.copy.best / c.o3.best).toFixed(2)}x`);
    }
    console.log(`    the same algorithm compiled by gcc with 2 lanes: ${(c.simd2.best / c.o3.best).toFixed(2)}x without FMA, ${(c.simd2f.best / c.o3.best).toFixed(2)}x with; 8 lanes and FMA: ${(c.simd8.best / c.o3.best).toFixed(2)}x`);
    const plain = timed[0]!, fused = timed.find((f) => f.fma);
    const withFma = fused === undefined ? '' : ` (${(fused.mem.best / c.avx2.best).toFixed(2)}x with FMA)`;
    console.log(`    for scale, gcc on narrower vector units: AVX2 + FMA (-march=x86-64-v3) ${c.avx2.best.toFixed(2)} ns/point, WASM SIMD ${(plain.mem.best / c.avx2.best).toFixed(2)}x of it${withFma}; SSE4.2, 2 lanes (-march=x86-64-v2) ${c.sse.best.toFixed(2)} ns/point, WASM SIMD ${(plain.mem.best / c.sse.best).toFixed(2)}x`);
  }
  console.log(`  compiling a 100-node expression under 1 ms: ${jsMs.toFixed(3)} ms js, ${wasmMs.toFixed(3)} ms wasm (${verdict(jsMs < 1 && wasmMs < 1)})`);
}

if (import.meta.url === `file://${process.argv[1]}`) await runCodegenBench();
