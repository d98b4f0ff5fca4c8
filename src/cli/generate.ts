/**
 * `equate generate --count N --seed S`: generated derivations in the data's format (a JSON
 * array of records, or one record per line with `--jsonl`), written as they are made, each with its VR, EE, AG and SR
 * variants unless `--no-variants`, each checked by the verifier unless `--no-verify`.
 * `--length 4-7` bounds the equations per derivation; `--jobs N` spreads the work over N
 * worker threads (default: every core) with the same output as one; `--stats` prints what
 * was generated and rejected on stderr; a progress bar goes to stderr on a terminal.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { generateDataset, type DatasetOptions } from '../derivation/dataset.js';
import type { GenerateStats } from '../derivation/generate.js';
import { Progress } from './progress.js';

export interface GenerateCommandOptions extends Omit<DatasetOptions, 'stats'> {
  count: number;
  jsonl: boolean;
  jobs?: number;
  /** Print the statistics on stderr. */
  showStats: boolean;
}

/** Derivations per message between a worker and the main thread. */
const CHUNK = 25;

function emptyStats(): GenerateStats {
  return { derivations: 0, attempts: 0, rejected: {}, unverified: 0, steps: 0 };
}

function addStats(into: GenerateStats, s: GenerateStats): void {
  into.derivations += s.derivations;
  into.attempts += s.attempts;
  into.unverified += s.unverified;
  into.steps += s.steps;
  for (const [k, v] of Object.entries(s.rejected)) into.rejected[k] = (into.rejected[k] ?? 0) + v;
}

/**
 * Generates the data set and writes it to `write` as it is made, in order (a slice that
 * finishes early waits for the ones before it): one record per line with `jsonl`, else one
 * JSON array. Memory holds only the slices not yet written. Options are checked before
 * anything is written; an error later in the run ends the output where it is.
 */
export async function generateCommand(opts: GenerateCommandOptions, write: (text: string) => void): Promise<void> {
  const started = performance.now();
  const { count, jsonl, jobs: jobsOpt, showStats, ...dataset } = opts;
  // bad options fail here, before anything is written
  generateDataset({ ...dataset, count: 0 });
  const chunks: { start: number; count: number }[] = [];
  const first = dataset.start ?? 0;
  for (let s = 0; s < count; s += CHUNK) chunks.push({ start: first + s, count: Math.min(CHUNK, count - s) });
  const jobs = Math.max(1, Math.min(jobsOpt ?? availableParallelism(), chunks.length));
  const progress = new Progress(count, 'derivations');
  const stats = emptyStats();
  const waiting = new Map<number, Record<string, unknown>[]>();
  let nextOut = 0, written = 0;
  if (!jsonl) write('[');
  const done = (i: number, records: Record<string, unknown>[], st: GenerateStats): void => {
    addStats(stats, st);
    progress.tick(chunks[i]!.count);
    waiting.set(i, records);
    for (let r = waiting.get(nextOut); r !== undefined; r = waiting.get(nextOut)) {
      waiting.delete(nextOut++);
      for (const record of r) write((jsonl ? '' : written++ > 0 ? ',' : '') + JSON.stringify(record) + (jsonl ? '\n' : ''));
    }
  };
  if (jobs === 1) {
    chunks.forEach((c, i) => {
      const st = emptyStats();
      done(i, generateDataset({ ...dataset, ...c, stats: st }), st);
    });
  } else {
    await inWorkers(chunks, jobs, dataset, done);
  }
  if (!jsonl) write(']\n');
  progress.done();
  if (showStats) {
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(`${stats.derivations} derivations (${stats.steps} steps) in ${seconds.toFixed(2)} s, ${(stats.derivations / seconds).toFixed(0)}/s; `
      + `${stats.attempts} attempts, ${stats.unverified} not passed by the verifier; equations rejected: ${Object.entries(stats.rejected).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
  }
}

function inWorkers(
  chunks: readonly { start: number; count: number }[], jobs: number, dataset: DatasetOptions,
  done: (i: number, records: Record<string, unknown>[], stats: GenerateStats) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let next = 0, finished = 0, failed = false;
    const workers: Worker[] = [];
    const stop = (): void => { for (const x of workers) void x.terminate(); };
    const feed = (w: Worker): void => {
      if (next >= chunks.length) return;
      const i = next++;
      w.postMessage({ i, options: { ...dataset, ...chunks[i] } });
    };
    for (let k = 0; k < jobs; k++) {
      const w = new Worker(new URL('./generate-worker.js', import.meta.url));
      workers.push(w);
      w.on('message', (m: { i: number; records?: Record<string, unknown>[]; stats?: GenerateStats; error?: string }) => {
        if (m.error !== undefined) {
          if (!failed) { failed = true; stop(); reject(new Error(m.error)); }
          return;
        }
        done(m.i, m.records!, m.stats!);
        if (++finished === chunks.length) { stop(); resolve(); } else feed(w);
      });
      w.on('error', (e) => {
        if (failed) return;
        failed = true;
        stop();
        reject(e);
      });
      feed(w);
    }
  });
}
