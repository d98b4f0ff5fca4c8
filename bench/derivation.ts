/**
 * The derivation verifier over the whole data set (100 items x 5 variants, ground truth):
 * steps verified per second on one core, with the numeric checks only and with symbolic
 * proofs (each derivation verified from a fresh verifier; the first pass warms the JIT and
 * the intern table, the second is timed), the share of valid steps proved, and on every core
 * (the worker threads of `equate verify --jobs N`, warmed the same way), and the share of
 * non-premise steps found valid; then single-edit mutants of every valid step (one of each
 * kind of `mutants`), counted when they no longer follow (`PremiseCheck`), flagged or not at
 * the changed step, per kind (statuses do not depend on proofs: those run without); and
 * GPT-4's outputs: statuses, and the true skipped steps bridged by two operations. The data
 * is read from `../shared` beside the repository.
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { verifyDerivation, type VerifyOptions } from '../src/derivation/index.js';
import { splitAnd, readDerivation } from '../src/derivation/read.js';
import { mutants, PremiseCheck, MUTANT_KINDS, type MutantKind } from '../src/derivation/mutate.js';

const DATA = fileURLToPath(new URL('../../../shared/data/derivations/gpt-4_results.json', import.meta.url));
const VARIANTS = ['', 'VR ', 'EE ', 'AG ', 'SR '];
const PREMISES = new Set(['premise', 'get_premise', 'renaming_premise']);

/** Runs the benchmark and prints its line; returns the rate and the valid share. */
export async function runDerivationBench(): Promise<{ stepsPerSecond: number; validRate: number } | null> {
  if (!existsSync(DATA)) { console.log('derivation bench: data not found, skipped'); return null; }
  const items = JSON.parse(readFileSync(DATA, 'utf8')) as Record<string, unknown>[];
  const all: { steps: string[]; notes: unknown[] }[] = [];
  for (const item of items) for (const v of VARIANTS) {
    all.push({ steps: splitAnd(item[`${v}derivation`] as string), notes: (item[`${v}srepr_derivation`] as [unknown, string][]).map((s) => s[0]) });
  }
  /** Two passes over the data on this thread (the first warms up); the second is timed. */
  const timed = (opts: VerifyOptions): { steps: number; total: number; valid: number; proved: number; validSteps: number; ms: number; coldMs: number } => {
    let steps = 0, total = 0, valid = 0, proved = 0, validSteps = 0, ms = 0, coldMs = 0;
    for (let pass = 0; pass < 2; pass++) {
      steps = 0; total = 0; valid = 0; proved = 0; validSteps = 0;
      const t0 = performance.now();
      for (const d of all) {
        const r = verifyDerivation(d.steps, opts);
        steps += r.steps.length;
        r.steps.forEach((s, i) => {
          if (s.status === 'valid') { validSteps++; if (s.checked === 'symbolic') proved++; }
          const n = d.notes[i];
          if (typeof n === 'string' && PREMISES.has(n)) return;
          total++;
          if (s.status === 'valid' || s.status === 'premise') valid++;
        });
      }
      ms = performance.now() - t0;
      if (pass === 0) coldMs = ms;
    }
    return { steps, total, valid, proved, validSteps, ms, coldMs };
  };
  const plain = timed({ proofs: false }), withProofs = timed({ proofs: true });
  const { steps, total, valid } = withProofs;
  const rate = (r: { steps: number; ms: number }): string => (r.steps / r.ms * 1000).toFixed(0);
  const stepsPerSecond = steps / withProofs.ms * 1000, validRate = valid / total;
  console.log(`\nderivation verifier (ground truth, ${all.length} derivations, ${steps} steps, one core)`);
  console.log(`  ${(100 * validRate).toFixed(2)}% of ${total} non-premise steps valid; ${withProofs.proved} of ${withProofs.validSteps} valid steps proved symbolically (${(100 * withProofs.proved / withProofs.validSteps).toFixed(1)}%)`);
  console.log(`  numeric checks only: ${rate(plain)} steps/s, ${plain.ms.toFixed(0)} ms (first pass, cold: ${(plain.steps / plain.coldMs * 1000).toFixed(0)} steps/s)`);
  console.log(`  with proofs (default): ${rate(withProofs)} steps/s, ${withProofs.ms.toFixed(0)} ms (first pass: ${(steps / withProofs.coldMs * 1000).toFixed(0)} steps/s)`);
  const jobs = availableParallelism();
  const parallel = await onWorkers(all.map((d) => d.steps), jobs);
  console.log(`  all ${jobs} cores (worker threads, with proofs): ${(steps / parallel * 1000).toFixed(0)} steps/s, ${parallel.toFixed(0)} ms (goal: 2,000 steps/s per core)`);
  mutantFigures(all);
  gpt4Figures(items);
  return { stepsPerSecond, validRate };
}

/** GPT-4's outputs for the same prompts: statuses, and the true skipped steps that two operations bridge. */
function gpt4Figures(items: readonly Record<string, unknown>[]): void {
  const summary: Record<string, number> = {};
  let steps = 0, skipped = 0, bridged = 0;
  const t0 = performance.now();
  for (const item of items) for (const v of ['static', 'VR', 'EE', 'AG', 'SR']) {
    const text = item[`${v}_gpt-4`];
    if (typeof text !== 'string') continue;
    const r = verifyDerivation(text);
    for (const s of r.steps) {
      steps++;
      summary[s.status] = (summary[s.status] ?? 0) + 1;
      if (s.status === 'unjustified' && s.message.startsWith('true given the premises')) { skipped++; if (s.bridge.length > 0) bridged++; }
    }
  }
  const ms = performance.now() - t0;
  console.log(`  GPT-4 outputs: ${steps} steps in ${ms.toFixed(0)} ms (${Object.entries(summary).map(([k, n]) => `${k} ${n}`).join(', ')}); ${bridged} of ${skipped} true skipped steps bridged by two operations`);
}

/** Mutants of every valid non-premise step, flagged at the changed step, per kind. */
function mutantFigures(all: readonly { steps: string[]; notes: unknown[] }[]): void {
  const total = new Map<MutantKind, number>(), flagged = new Map<MutantKind, number>();
  let stillHold = 0, earlier = 0;
  const t0 = performance.now();
  for (const d of all) {
    const read = readDerivation(d.steps);
    if (read.steps.length !== d.steps.length) continue;
    const premise = d.notes.map((n) => typeof n === 'string' && PREMISES.has(n));
    const base = verifyDerivation(d.steps, { proofs: false });
    const check = new PremiseCheck(read.steps.map((s) => s.equation), premise);
    d.steps.forEach((_, i) => {
      const eq = read.steps[i]!.equation;
      if (premise[i] || eq === null || base.steps[i]!.status !== 'valid' || check.holds(eq, i) !== true) return;
      for (const m of mutants(eq, { seed: i + 1 })) {
        if (check.holds(m.term, i) !== false) { stillHold++; continue; }
        const r = verifyDerivation([...d.steps.slice(0, i), m.latex], { proofs: false });
        total.set(m.kind, (total.get(m.kind) ?? 0) + 1);
        const st = r.steps[i]!.status;
        if (st !== 'valid' && st !== 'premise') flagged.set(m.kind, (flagged.get(m.kind) ?? 0) + 1);
        for (let j = 0; j < i; j++) if (r.steps[j]!.status !== base.steps[j]!.status) { earlier++; break; }
      }
    });
  }
  let n = 0, f = 0;
  for (const k of MUTANT_KINDS) { n += total.get(k) ?? 0; f += flagged.get(k) ?? 0; }
  console.log(`  mutants: ${f}/${n} flagged at the changed step (${(100 * f / n).toFixed(2)}%, goal 99%), earlier status changed in ${earlier}; ${stillHold} still true, not counted; ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`    ${MUTANT_KINDS.map((k) => `${k} ${flagged.get(k) ?? 0}/${total.get(k) ?? 0}`).join(', ')}`);
}

/** Milliseconds for the second of two passes of `inputs` over `jobs` workers of `equate verify`. */
async function onWorkers(inputs: readonly string[][], jobs: number): Promise<number> {
  const workers = Array.from({ length: jobs }, () => new Worker(new URL('../src/cli/verify-worker.js', import.meta.url)));
  const pass = (): Promise<number> => new Promise((resolve) => {
    const t0 = performance.now();
    let next = 0, done = 0;
    const feed = (w: Worker): void => {
      if (next < inputs.length) w.postMessage({ i: next, input: inputs[next++] });
    };
    for (const w of workers) {
      w.removeAllListeners('message');
      w.on('message', () => {
        if (++done === inputs.length) resolve(performance.now() - t0);
        else feed(w);
      });
      feed(w);
    }
  });
  await pass();
  const ms = await pass();
  for (const w of workers) await w.terminate();
  return ms;
}

if (import.meta.url === `file://${process.argv[1]}`) await runDerivationBench();
