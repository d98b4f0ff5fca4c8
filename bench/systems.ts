/**
 * The simplifier against the JavaScript systems a user would pick instead: mathjs
 * (`simplify`, `derivative`), compute-engine (`ce.box(MathJSON).simplify()`), nerdamer
 * (`nerdamer.simplify`, `nerdamer.diff`) and Algebrite (`run('simplify(...)')`), on the
 * corpus of `corpus.ts`.
 *
 * Every system runs in a worker thread of its own. The worker first runs the small cases round
 * after round for 3 s (every system alike, so that the code measured is compiled), then takes
 * one case at a time: a first timed run, then tinybench with warm-up when that run took under
 * 100 ms, up to three more timed runs when it took under 1 s, and nothing more otherwise (the
 * first run is the time). A first run
 * still going after 5 s is stopped (the worker is terminated and a new one started), so a slow
 * system costs at most 5 s per case. Errors and timeouts are shown in the tables, never thrown.
 *
 * equate's row is `simplify(parse(s), { real: true })` (the default engine, symbols real as
 * the other systems take them); derivative cases are `simplify(diff(parse(s), x), { real: true })`
 * and the other systems' own derivative functions. Each result is
 * printed back to text (compute-engine's MathJSON through the printer below), its size is the
 * node count of that text read by `parse(text, { mode: 'written' })`, and its value at a random
 * point is checked against the input's (a central difference for derivatives).
 *
 * @example
 * import { runSystemsBench } from './systems.js';
 * await runSystemsBench(); // prints one table per case, the summary table and a verdict line
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { parse, print, simplify, diff, sym, evaluate, freeSymbols, NUM, SYM, type Term } from '../src/index.js';
import { seededRandom } from '../src/term/random.js';
import { simplifyCorpus, type SimplifyCase } from './corpus.js';

const SYSTEMS = ['equate', 'mathjs', 'compute-engine', 'nerdamer', 'algebrite'] as const;
type SystemName = (typeof SYSTEMS)[number];

/** How long each worker runs the small cases before the first measurement (see `warmUp`). */
const WARM_MS = 3000;
/** A first run longer than this is stopped and reported as a timeout. */
const CAP_MS = 5000;
/** A first run shorter than this is measured by tinybench (after 100 ms of warm-up). */
const FAST_MS = 100;
const BENCH_TIME_MS = 200;
/** A first run longer than this is the only one; a shorter one is followed by up to 3 measured runs. */
const SLOW_MS = 1000;
/** How long a worker may take to load its system, and to measure once its first run is done. */
const LOAD_CAP_MS = 60_000;
const MEASURE_CAP_MS = 30_000;

// ---------------------------------------------------------------------------------------------
// The systems, behind minimal local types (their own typings are not needed to build).

interface Printable { toString(): string }
interface MathJs { version: string; simplify(expr: string): Printable; derivative(expr: string, v: string): Printable }
interface Boxed { readonly json: unknown; simplify(): Boxed; evaluate(): Boxed }
interface ComputeEngineModule { ComputeEngine: new () => { box(json: unknown): Boxed } }
interface Nerdamer {
  (expr: string): Printable;
  simplify(expr: string): Printable;
  diff(expr: string, v: string): Printable;
  flush(): void;
}
interface Algebrite { run(src: string): string }

/** One prepared case: `run` is timed, `show` turns its result into text afterwards. */
interface Prepared { run: () => unknown; show: (r: unknown) => string }
type Adapter = (c: SimplifyCase) => Prepared;

const require = createRequire(import.meta.url);

/** The version in the package.json of the installed package `name`. */
function installedVersion(name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? '?';
    } catch { /* no package.json here: go up */ }
    const up = dirname(dir);
    if (up === dir) return '?';
    dir = up;
  }
}

/** The other systems take symbols as real; so does equate's row. */
const REAL = { real: true } as const;

async function loadAdapter(system: SystemName): Promise<{ adapter: Adapter; version: string }> {
  switch (system) {
    case 'equate':
      return {
        version: 'dist',
        adapter: (c) => ({
          run: c.wrt === undefined ? () => simplify(parse(c.expr), REAL) : () => simplify(diff(parse(c.expr), sym(c.wrt!)), REAL),
          show: (r) => print(r as Term),
        }),
      };
    case 'mathjs': {
      const spec: string = 'mathjs';
      const math = (await import(spec)) as MathJs;
      return {
        version: installedVersion('mathjs'),
        adapter: (c) => ({
          run: c.wrt === undefined ? () => math.simplify(c.expr) : () => math.derivative(c.expr, c.wrt!),
          show: (r) => String(r),
        }),
      };
    }
    case 'compute-engine': {
      const spec: string = '@cortex-js/compute-engine';
      const { ComputeEngine } = (await import(spec)) as ComputeEngineModule;
      const ce = new ComputeEngine();
      return {
        version: installedVersion('@cortex-js/compute-engine'),
        adapter: (c) => {
          const json = toMathJson(parse(c.expr, { mode: 'written' }));
          return {
            run: c.wrt === undefined ? () => ce.box(json).simplify() : () => ce.box(['D', json, c.wrt]).evaluate().simplify(),
            show: (r) => mathJsonToInfix((r as Boxed).json),
          };
        },
      };
    }
    case 'nerdamer': {
      const nerdamer = require('nerdamer') as Nerdamer;
      require('nerdamer/Algebra');
      require('nerdamer/Calculus');
      return {
        version: installedVersion('nerdamer'),
        adapter: (c) => ({
          run: c.wrt === undefined
            ? () => { const r = nerdamer.simplify(c.expr); nerdamer.flush(); return r; }
            : () => { const r = nerdamer.simplify(nerdamer.diff(c.expr, c.wrt!).toString()); nerdamer.flush(); return r; },
          show: (r) => String(r),
        }),
      };
    }
    case 'algebrite': {
      const algebrite = require('algebrite') as Algebrite;
      const check = (out: string): string => {
        if (/^Stop|error/i.test(out)) throw new Error(out.split('\n')[0]);
        return out;
      };
      return {
        version: installedVersion('algebrite'),
        adapter: (c) => ({
          run: c.wrt === undefined ? () => check(algebrite.run(`simplify(${c.expr})`)) : () => check(algebrite.run(`simplify(d(${c.expr}, ${c.wrt}))`)),
          show: (r) => String(r),
        }),
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// MathJSON: equate's written terms in, infix text out.

const TO_MATHJSON: Readonly<Record<string, string>> = {
  '+': 'Add', '*': 'Multiply', '-': 'Subtract', neg: 'Negate', '/': 'Divide', '^': 'Power',
  sqrt: 'Sqrt', exp: 'Exp', abs: 'Abs', factorial: 'Factorial', pi: 'Pi', e: 'ExponentialE',
  sin: 'Sin', cos: 'Cos', tan: 'Tan', sec: 'Sec', csc: 'Csc', cot: 'Cot',
  asin: 'Arcsin', acos: 'Arccos', atan: 'Arctan', sinh: 'Sinh', cosh: 'Cosh', tanh: 'Tanh',
};

/** A written term as MathJSON: `x/(x + 3)` is `["Divide", "x", ["Add", "x", 3]]`. */
function toMathJson(t: Term): unknown {
  if (t.kind === NUM) {
    const v = t.value!;
    if (typeof v === 'number') return v;
    const n = v.s * v.n;
    const whole = (b: bigint): unknown => (b >= -(2n ** 53n) && b <= 2n ** 53n ? Number(b) : { num: String(b) });
    return v.d === 1n ? whole(n) : ['Rational', whole(n), whole(v.d)];
  }
  if (t.kind === SYM) return t.name;
  const name = t.op!.name;
  const args = t.args.map(toMathJson);
  if (name === 'pi' || name === 'e') return TO_MATHJSON[name];
  if (name === 'log') return args.length === 1 ? ['Ln', args[0]] : ['Log', args[1], args[0]];
  return [TO_MATHJSON[name] ?? name, ...args];
}

const FROM_MATHJSON: Readonly<Record<string, string>> = {
  Sqrt: 'sqrt', Exp: 'exp', Ln: 'log', Abs: 'abs', Factorial: 'factorial',
  Sin: 'sin', Cos: 'cos', Tan: 'tan', Sec: 'sec', Csc: 'csc', Cot: 'cot',
  Arcsin: 'asin', Arccos: 'acos', Arctan: 'atan', Sinh: 'sinh', Cosh: 'cosh', Tanh: 'tanh',
};
const SYMBOLS: Readonly<Record<string, string>> = { Pi: 'pi', ExponentialE: 'e', Half: '(1/2)' };

/** MathJSON as infix text with the binding strength of its outer operator (100: an atom). */
function fromMathJson(j: unknown): [string, number] {
  if (typeof j === 'number') return [String(j), j < 0 ? 25 : 100];
  if (typeof j === 'string') return [SYMBOLS[j] ?? j, 100];
  if (j !== null && typeof j === 'object' && !Array.isArray(j)) {
    const o = j as { num?: string; sym?: string; fn?: unknown[] };
    if (o.num !== undefined) return [o.num, o.num.startsWith('-') ? 25 : 100];
    if (o.sym !== undefined) return fromMathJson(o.sym);
    if (o.fn !== undefined) return fromMathJson(o.fn);
  }
  if (!Array.isArray(j) || j.length === 0) return [JSON.stringify(j), 100];
  const head = String(j[0]);
  const args = j.slice(1).map(fromMathJson);
  const at = (i: number, min: number): string => (args[i]![1] >= min ? args[i]![0] : `(${args[i]![0]})`);
  switch (head) {
    case 'Add': {
      const parts = args.map((_, i) => at(i, 11));
      return [parts.map((p, i) => (i === 0 ? p : p.startsWith('-') ? `- ${p.slice(1)}` : `+ ${p}`)).join(' '), 10];
    }
    case 'Subtract': return [`${at(0, 10)} - ${at(1, 11)}`, 10];
    case 'Multiply': return [args.map((_, i) => at(i, 21)).join('*'), 20];
    case 'Divide': case 'Rational': return [`${at(0, 20)}/${at(1, 21)}`, 20];
    case 'Negate': return [`-${at(0, 26)}`, 25];
    case 'Power': return [`${at(0, 31)}^${at(1, 100)}`, 30];
    case 'Square': return [`${at(0, 31)}^2`, 30];
    case 'Root': return [`${at(0, 31)}^(1/${at(1, 100)})`, 30];
    case 'Log': return [args.length === 1 ? `log(10, ${args[0]![0]})` : `log(${args[1]![0]}, ${args[0]![0]})`, 100];
    default: return [`${FROM_MATHJSON[head] ?? head}(${args.map((a) => a[0]).join(', ')})`, 100];
  }
}

/** compute-engine's result as infix text equate reads: `["Add", "x", 1]` is `x + 1`. */
function mathJsonToInfix(j: unknown): string {
  return fromMathJson(j)[0];
}

// ---------------------------------------------------------------------------------------------
// The worker: loads one system, then measures the cases it is sent.

interface CaseRequest { index: number }
type WorkerMessage =
  | { type: 'ready'; version: string }
  | { type: 'load-error'; error: string }
  | { type: 'probed'; ms: number }
  | { type: 'done'; ms: number; samples: number; output: string }
  | { type: 'error'; error: string };

function oneLine(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return text.split('\n')[0]!.slice(0, 120);
}

async function workerMain(system: SystemName): Promise<void> {
  const port = parentPort!;
  const corpus = simplifyCorpus();
  let adapter: Adapter;
  try {
    const loaded = await loadAdapter(system);
    adapter = loaded.adapter;
    warmUp(adapter, corpus);
    port.postMessage({ type: 'ready', version: loaded.version } satisfies WorkerMessage);
  } catch (e) {
    port.postMessage({ type: 'load-error', error: oneLine(e) } satisfies WorkerMessage);
    return;
  }
  port.on('message', (req: CaseRequest) => {
    void measure(adapter, corpus[req.index]!).then((m) => port.postMessage(m));
  });
}

/**
 * Runs the small cases round after round for `WARM_MS` (every system alike), so that what is
 * measured is the system's compiled code, not its first runs in the interpreter: one run per
 * case optimizes little, and a JIT compiling on a busy machine needs thousands. A case that
 * fails is left out of the later rounds.
 */
function warmUp(adapter: Adapter, corpus: SimplifyCase[]): void {
  const until = performance.now() + WARM_MS;
  let tasks: Prepared[] = [];
  for (const c of corpus) {
    if (c.group === 'scale') continue;
    try {
      tasks.push(adapter(c));
    } catch { /* measured (and reported) later */ }
  }
  while (tasks.length > 0 && performance.now() < until) {
    tasks = tasks.filter((task) => {
      if (performance.now() > until) return true;
      try {
        task.show(task.run());
        return true;
      } catch {
        return false;
      }
    });
  }
}

async function measure(adapter: Adapter, c: SimplifyCase): Promise<WorkerMessage> {
  const port = parentPort!;
  try {
    const task = adapter(c);
    let t0 = performance.now();
    let result = task.run();
    const first = performance.now() - t0;
    port.postMessage({ type: 'probed', ms: first } satisfies WorkerMessage);
    let ms: number;
    let samples: number;
    if (first < FAST_MS) {
      const bench = new Bench({ time: BENCH_TIME_MS, iterations: 5, warmupIterations: 10, warmupTime: 100 });
      bench.add(c.name, () => { result = task.run(); });
      await bench.run();
      const r = bench.tasks[0]!.result;
      if (r.state !== 'completed') throw new Error(`tinybench: ${r.state}`);
      ms = r.latency.mean;
      samples = r.latency.samplesCount;
    } else if (first < SLOW_MS) {
      // The first (cold) run only warms up: up to 3 more runs, for about SLOW_MS in all.
      const runs: number[] = [];
      let total = 0;
      while (runs.length < 3 && total + first <= SLOW_MS * 1.5) {
        t0 = performance.now();
        result = task.run();
        runs.push(performance.now() - t0);
        total += runs[runs.length - 1]!;
      }
      ms = total / runs.length;
      samples = runs.length;
    } else {
      ms = first;
      samples = 1;
    }
    return { type: 'done', ms, samples, output: task.show(result) };
  } catch (e) {
    return { type: 'error', error: oneLine(e) };
  }
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === 'systems-bench') {
  await workerMain((workerData as { system: SystemName }).system);
}

// ---------------------------------------------------------------------------------------------
// The main side: one worker per system, restarted after a timeout or a crash.

type Outcome =
  | { kind: 'done'; ms: number; samples: number; output: string }
  | { kind: 'error'; error: string }
  | { kind: 'timeout' };

class SystemRunner {
  private worker: Worker | undefined;
  private loading: Promise<void> | undefined;
  version = '?';
  loadError: string | undefined;

  constructor(readonly system: SystemName) {}

  private start(): Promise<void> {
    this.loading ??= new Promise<void>((resolve) => {
      const worker = new Worker(new URL(import.meta.url), {
        workerData: { role: 'systems-bench', system: this.system },
        resourceLimits: { maxOldGenerationSizeMb: 4096 },
        execArgv: [],
      });
      const timer = setTimeout(() => { this.loadError = 'did not load in time'; void worker.terminate(); resolve(); }, LOAD_CAP_MS);
      const onMessage = (m: WorkerMessage): void => {
        if (m.type !== 'ready' && m.type !== 'load-error') return;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (m.type === 'ready') { this.version = m.version; this.worker = worker; } else { this.loadError = m.error; void worker.terminate(); }
        resolve();
      };
      const onError = (e: unknown): void => { clearTimeout(timer); this.loadError = oneLine(e); resolve(); };
      worker.on('message', onMessage);
      worker.once('error', onError);
    });
    return this.loading;
  }

  private stop(): void {
    if (this.worker) void this.worker.terminate();
    this.worker = undefined;
    this.loading = undefined;
  }

  /** Measures case `index`; never throws. */
  async run(index: number): Promise<Outcome> {
    await this.start();
    const worker = this.worker;
    if (!worker) return { kind: 'error', error: `could not load: ${this.loadError ?? 'unknown'}` };
    return new Promise<Outcome>((resolve) => {
      let timer: NodeJS.Timeout;
      const finish = (o: Outcome, restart: boolean): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (restart) this.stop();
        resolve(o);
      };
      const onMessage = (m: WorkerMessage): void => {
        if (m.type === 'probed') {
          clearTimeout(timer);
          timer = setTimeout(() => finish({ kind: 'error', error: 'measuring took too long' }, true), MEASURE_CAP_MS);
        } else if (m.type === 'done') finish({ kind: 'done', ms: m.ms, samples: m.samples, output: m.output }, false);
        else if (m.type === 'error') finish({ kind: 'error', error: m.error }, false);
      };
      const onError = (e: unknown): void => finish({ kind: 'error', error: `crashed: ${oneLine(e)}` }, true);
      const onExit = (code: number): void => finish({ kind: 'error', error: `worker exited (${code})` }, true);
      timer = setTimeout(() => finish({ kind: 'timeout' }, true), CAP_MS);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage({ index } satisfies CaseRequest);
    });
  }

  close(): void { this.stop(); }
}

// ---------------------------------------------------------------------------------------------
// Sizes and numeric checks, on the main thread.

/** Node count of `text` read as written, or undefined when equate cannot read it. */
function sizeOf(text: string): number | undefined {
  try {
    return parse(text, { mode: 'written' }).size;
  } catch {
    return undefined;
  }
}

interface Reference { env: Record<string, number>; value: number; tol: number }

/** The input's value at a random point in [1.1, 1.9]^n (a central difference for derivatives). */
function reference(c: SimplifyCase, index: number): Reference | undefined {
  try {
    const input = parse(c.expr, { mode: 'written' });
    const next = seededRandom(1234 + index);
    const env: Record<string, number> = {};
    for (const s of freeSymbols(input)) env[s.name!] = 1.1 + 0.8 * next();
    if (c.wrt === undefined) return { env, value: evaluate(input, env), tol: 1e-9 };
    const x = env[c.wrt]!;
    const h = 1e-5 * Math.max(1, Math.abs(x));
    const value = (evaluate(input, { ...env, [c.wrt]: x + h }) - evaluate(input, { ...env, [c.wrt]: x - h })) / (2 * h);
    return { env, value, tol: 1e-6 };
  } catch {
    return undefined;
  }
}

/** '✓' when `text` has the reference value, '✗' when it has another, '?' when it cannot be checked. */
function check(text: string, ref: Reference | undefined): '✓' | '✗' | '?' {
  if (!ref || !Number.isFinite(ref.value)) return '?';
  let v: number;
  try {
    v = evaluate(parse(text), ref.env);
  } catch {
    return '?';
  }
  if (!Number.isFinite(v)) return '?';
  return Math.abs(v - ref.value) <= ref.tol * Math.max(1, Math.abs(v), Math.abs(ref.value)) ? '✓' : '✗';
}

// ---------------------------------------------------------------------------------------------
// Tables.

interface Cell { system: SystemName; outcome: Outcome; size?: number; mark: '✓' | '✗' | '?' }
interface CaseResult { c: SimplifyCase; inputSize: number; cells: Cell[] }

function fmtMs(ms: number): string {
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(1)} µs`;
}

function clip(text: string, n: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= n ? flat : `${flat.slice(0, n - 1)}… (${flat.length} chars)`;
}

function table(lines: string[][], rightFrom = 1): void {
  const widths = lines[0]!.map((_, c) => Math.max(...lines.map((l) => [...l[c]!].length)));
  for (const [i, l] of lines.entries()) {
    console.log('  ' + l.map((cell, c) => {
      const pad = widths[c]! - [...cell].length;
      return c < rightFrom || c === l.length - 1 ? cell + ' '.repeat(pad) : ' '.repeat(pad) + cell;
    }).join('  ').trimEnd());
    if (i === 0) console.log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

function timeText(o: Outcome): string {
  return o.kind === 'done' ? fmtMs(o.ms) : o.kind === 'timeout' ? `>${CAP_MS / 1000} s` : 'error';
}

function printCase(r: CaseResult, versions: Map<SystemName, string>): void {
  const what = r.c.wrt === undefined ? r.c.expr : `d/d${r.c.wrt} ${r.c.expr}`;
  console.log(`\n${r.c.name} (input size ${r.inputSize}): ${clip(what, 90)}`);
  const lines = [['system', 'time', 'runs', 'size', 'ok', 'result']];
  for (const cell of r.cells) {
    const o = cell.outcome;
    const result = o.kind === 'done' ? clip(o.output, 80) : o.kind === 'timeout' ? `timeout (first run over ${CAP_MS / 1000} s)` : clip(o.error, 80);
    lines.push([`${cell.system} ${versions.get(cell.system) ?? ''}`.trim(), timeText(o), o.kind === 'done' ? String(o.samples) : '-',
      cell.size === undefined ? (o.kind === 'done' ? '?' : '-') : String(cell.size), o.kind === 'done' ? cell.mark : '-', result]);
  }
  table(lines, 1);
}

interface Verdict { line: string[]; win: boolean }

/** One summary row: equate against the fastest and the smallest of the others (not known wrong). */
function verdict(r: CaseResult): Verdict {
  const eq = r.cells[0]!;
  const others = r.cells.slice(1);
  const usable = others.filter((x) => x.outcome.kind === 'done' && x.mark !== '✗');
  const fastest = usable.reduce<Cell | undefined>((b, x) => (b === undefined || (x.outcome as { ms: number }).ms < (b.outcome as { ms: number }).ms ? x : b), undefined);
  const sized = usable.filter((x) => x.size !== undefined);
  const smallest = sized.reduce<Cell | undefined>((b, x) => (b === undefined || x.size! < b.size! ? x : b), undefined);
  const timedOut = others.some((x) => x.outcome.kind === 'timeout');
  const eqMs = eq.outcome.kind === 'done' ? eq.outcome.ms : undefined;
  const otherMs = fastest ? (fastest.outcome as { ms: number }).ms : undefined;
  let ratio = '-';
  let faster = false;
  if (eqMs !== undefined && otherMs !== undefined) {
    ratio = `${(otherMs / eqMs).toFixed(1)}x`;
    faster = otherMs >= 10 * eqMs;
  } else if (eqMs !== undefined && timedOut) {
    ratio = `>${(CAP_MS / eqMs).toFixed(0)}x`;
    faster = CAP_MS >= 10 * eqMs;
  }
  const simpler = eq.size !== undefined && (smallest === undefined || eq.size <= smallest.size!);
  const win = eq.outcome.kind === 'done' && eq.mark !== '✗' && faster && simpler;
  const eqTime = eq.outcome.kind === 'done' ? fmtMs(eq.outcome.ms) + (eq.mark === '✗' ? ' ✗' : '') : timeText(eq.outcome);
  return {
    win,
    line: [
      r.c.name, String(r.inputSize), eqTime,
      fastest ? `${fastest.system} ${fmtMs(otherMs!)}` : timedOut ? `all >${CAP_MS / 1000} s or failed` : 'all failed',
      ratio, eq.size === undefined ? '?' : String(eq.size),
      smallest ? `${smallest.size} (${smallest.system})` : '-',
      win ? 'yes' : '',
    ],
  };
}

/** Runs every system on every corpus case; prints the per-case tables, the summary table and a verdict line. */
export async function runSystemsBench(): Promise<CaseResult[]> {
  const corpus = simplifyCorpus();
  const runners = SYSTEMS.map((s) => new SystemRunner(s));
  const versions = new Map<SystemName, string>();
  const results: CaseResult[] = [];
  const started = performance.now();
  console.log(`\nSimplification against other JavaScript systems (${corpus.length} cases; time per case; size = nodes of the result's text read as written; ok: value at a random point)`);
  try {
    for (const [index, c] of corpus.entries()) {
      const ref = reference(c, index);
      const cells: Cell[] = [];
      for (const runner of runners) {
        const outcome = await runner.run(index);
        versions.set(runner.system, runner.version);
        const cell: Cell = { system: runner.system, outcome, mark: '?' };
        if (outcome.kind === 'done') {
          cell.size = sizeOf(outcome.output);
          cell.mark = check(outcome.output, ref);
        }
        cells.push(cell);
      }
      const r: CaseResult = { c, inputSize: sizeOf(c.expr) ?? 0, cells };
      results.push(r);
      printCase(r, versions);
    }
  } finally {
    for (const r of runners) r.close();
  }
  const verdicts = results.map(verdict);
  console.log(`\nSummary: equate against the fastest and the smallest result of the others (${SYSTEMS.slice(1).map((s) => `${s} ${versions.get(s) ?? '?'}`).join(', ')}; results known wrong are left out)`);
  table([['case', 'in size', 'equate', 'fastest other', 'ratio', 'equate size', 'smallest other size', '≥10x & simplest'], ...verdicts.map((v) => v.line)], 1);
  const wins = verdicts.filter((v) => v.win).length;
  const wrong = results.filter((r) => r.cells[0]!.mark === '✗').map((r) => r.c.name);
  console.log(`\nequate is ≥10x faster than the fastest other system and at least as simple on ${wins} of ${results.length} cases` +
    (wrong.length > 0 ? `; equate's result is numerically wrong on: ${wrong.join(', ')}` : '') +
    ` (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  return results;
}


// `node dist/bench/systems.js` (npm run bench:systems) runs this comparison alone.
if (isMainThread && process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runSystemsBench();
}
