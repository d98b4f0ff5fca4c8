/**
 * The derivation generator: derivations per second generated without the verifier's check,
 * generated and verified (each derivation checked by `verifyDerivation`, as `equate generate`
 * does), the verifier alone over the same derivations (the baseline), and data records with
 * all five variants (VR, EE, AG checked by the verifier, SR); on one core, then on every core
 * through the worker threads of `equate generate --jobs N`. Then single-edit mutants of the
 * generated derivations, flagged or not at the changed step. Warm-up runs come first, and
 * each one-core figure is the faster of two passes; the goal is 500 derivations per second
 * generated and verified on this machine.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { generateDerivations, passesVerifier, derivationLatex, type GenerateStats } from '../src/derivation/generate.js';
import { generateDataset, type DatasetOptions } from '../src/derivation/dataset.js';
import { mutateDerivation } from '../src/derivation/perturb.js';
import { verifyDerivation } from '../src/derivation/verify.js';

const GOAL = 500;

function rate(n: number, ms: number): string {
  return `${(n / ms * 1000).toFixed(0)}/s`;
}

/** Milliseconds for `count` records generated on `jobs` worker threads (chunks of 25), after a warm-up pass. */
async function onWorkers(jobs: number, count: number, options: DatasetOptions): Promise<number> {
  const workers = Array.from({ length: jobs }, () => new Worker(new URL('../src/cli/generate-worker.js', import.meta.url)));
  const pass = (seed: number, n: number): Promise<number> => new Promise((resolve, reject) => {
    const t0 = performance.now();
    const chunks: { start: number; count: number }[] = [];
    for (let s = 0; s < n; s += 25) chunks.push({ start: s, count: Math.min(25, n - s) });
    let next = 0, done = 0;
    const feed = (w: Worker): void => {
      if (next < chunks.length) w.postMessage({ i: next, options: { ...options, seed, ...chunks[next++] } });
    };
    for (const w of workers) {
      w.removeAllListeners('message');
      w.on('message', (m: { error?: string }) => {
        if (m.error !== undefined) { reject(new Error(m.error)); return; }
        if (++done === chunks.length) resolve(performance.now() - t0);
        else feed(w);
      });
      feed(w);
    }
  });
  await pass(999, 200 * jobs);
  const ms = await pass(1, count);
  for (const w of workers) await w.terminate();
  return ms;
}

/** Runs the benchmark and prints its lines; returns derivations per second generated and verified on one core. */
export async function runGenerateBench(): Promise<number> {
  generateDerivations({ count: 300, seed: 999 });
  generateDataset({ count: 30, seed: 998 });
  const n = 400;
  console.log(`\nderivation generator (${n} derivations of 4 to 7 equations, one core; goal: ${GOAL} derivations/s generated and verified)`);
  /** The faster of two timed runs of `run` (in ms), with its result: one pass alone catches a collection of the last one's garbage. */
  const best = <R>(run: () => R): [number, R] => {
    let ms = Infinity, out: R | undefined;
    for (let pass = 0; pass < 2; pass++) {
      const t0 = performance.now();
      out = run();
      ms = Math.min(ms, performance.now() - t0);
    }
    return [ms, out!];
  };
  const [genMs, raw] = best(() => generateDerivations({ count: n, seed: 1, verify: false }));
  const [verifyMs, passed] = best(() => raw.filter(passesVerifier).length);
  let stats: GenerateStats = { derivations: 0, attempts: 0, rejected: {}, unverified: 0, steps: 0 };
  const [bothMs] = best(() => {
    stats = { derivations: 0, attempts: 0, rejected: {}, unverified: 0, steps: 0 };
    return generateDerivations({ count: n, seed: 1, stats });
  });
  const records = 100;
  const [datasetMs] = best(() => generateDataset({ count: records, seed: 1 }));
  console.log(`  verifier alone (baseline)     ${rate(n, verifyMs).padStart(7)}  ${(verifyMs / n).toFixed(2)} ms per derivation (${passed}/${n} passed without the filter)`);
  console.log(`  generated, not verified       ${rate(n, genMs).padStart(7)}  ${(genMs / n).toFixed(2)} ms per derivation`);
  console.log(`  generated and verified        ${rate(n, bothMs).padStart(7)}  ${(bothMs / n).toFixed(2)} ms per derivation (the baseline's time plus ${((bothMs - verifyMs) / n).toFixed(2)} ms); ${stats.steps} steps, ${stats.unverified} of ${stats.attempts} attempts not passed`);
  console.log(`  records with 5 variants       ${rate(records, datasetMs).padStart(7)}  ${(datasetMs / records).toFixed(2)} ms per record (AG made and verified, VR/EE/SR rewritten)`);
  const jobs = availableParallelism();
  const par = await onWorkers(jobs, 1000, { variants: false });
  const parRecords = await onWorkers(jobs, 300, {});
  console.log(`  all ${jobs} cores (worker threads): ${rate(1000, par)} generated and verified, ${rate(300, parRecords)} records with 5 variants`);
  let total = 0, flagged = 0;
  raw.slice(0, 150).forEach((d, k) => {
    for (let s = 0; s < 3; s++) {
      const m = mutateDerivation(d, { seed: 7 * k + s });
      if (m === null) continue;
      total++;
      const { steps, premises } = derivationLatex(m.derivation);
      const st = verifyDerivation(steps, { premises }).steps[m.index - 1]!.status;
      if (st !== 'valid' && st !== 'premise') flagged++;
    }
  });
  console.log(`  mutants of generated derivations: ${flagged}/${total} flagged at the changed step (${(100 * flagged / total).toFixed(1)}%)`);
  return n / bothMs * 1000;
}

if (import.meta.url === `file://${process.argv[1]}`) await runGenerateBench();
