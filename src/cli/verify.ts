/**
 * `equate verify FILE|-`: reads derivations (one JSON object or array, JSONL of many, or
 * ` and `-joined LaTeX), verifies each, and prints the reports in input order: one JSON line
 * per derivation with `--json`, else a readable summary. `--jobs N` spreads the derivations
 * over N worker threads (default: every core); a progress bar goes to stderr while a long
 * batch runs on a terminal.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { readDerivations, verifyDerivation, type DerivationInput, type DerivationReport, type VerifyOptions } from '../derivation/index.js';
import { EquateError } from '../term/errors.js';
import { Progress } from './progress.js';

export interface VerifyCommandOptions {
  json: boolean;
  jobs?: number;
  /** Options of every verification (proofs, bridges...). */
  verify?: VerifyOptions;
}

/** The input text: a file, or stdin for '-'. */
function readInput(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new EquateError(`cannot read ${file === '-' ? 'stdin' : `'${file}'`}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** Verifies every derivation of `file` and returns the text to print. */
export async function verifyCommand(file: string, opts: VerifyCommandOptions): Promise<string> {
  const inputs = readDerivations(readInput(file));
  const jobs = Math.max(1, Math.min(opts.jobs ?? availableParallelism(), inputs.length));
  const progress = new Progress(inputs.length, 'derivations');
  let reports: DerivationReport[];
  if (jobs === 1) {
    reports = [];
    for (const input of inputs) {
      reports.push(verifyDerivation(input, opts.verify));
      progress.tick();
    }
  } else reports = await inWorkers(inputs, jobs, opts.verify ?? {}, () => progress.tick());
  progress.done();
  if (opts.json) return reports.map((r) => JSON.stringify(r)).join('\n');
  return reports.map((r, i) => describe(r, i)).join('\n\n');
}

function describe(r: DerivationReport, i: number): string {
  const id = r.id !== undefined ? ` ${String(r.id)}` : '';
  const lines = [`derivation ${i + 1}${id}: goal ${r.goalReached ? 'reached' : 'not reached'}`];
  for (const s of r.steps) {
    const why = s.justification ? ` (${s.justification.rule}${s.justification.from.length > 0 ? ` from ${s.justification.from.join(', ')}` : ''})` : '';
    const extra = s.message ? ` - ${s.message}` : '';
    const warn = s.warnings.length > 0 ? ` [${s.warnings.join('; ')}]` : '';
    lines.push(`  ${String(s.index).padStart(3)} ${s.status.padEnd(11)} ${s.latex}${why}${extra}${warn}`);
  }
  return lines.join('\n');
}

/** Runs the inputs on `jobs` worker threads, a few at a time each, and returns the reports in input order. */
function inWorkers(inputs: readonly DerivationInput[], jobs: number, options: VerifyOptions, tick: () => void): Promise<DerivationReport[]> {
  return new Promise((resolve, reject) => {
    const reports: DerivationReport[] = new Array(inputs.length);
    let next = 0, finished = 0, failed = false;
    const workers: Worker[] = [];
    const feed = (w: Worker): void => {
      if (next >= inputs.length) {
        void w.terminate();
        return;
      }
      const i = next++;
      w.postMessage({ i, input: inputs[i], options });
    };
    for (let k = 0; k < jobs; k++) {
      const w = new Worker(new URL('./verify-worker.js', import.meta.url));
      workers.push(w);
      w.on('message', (m: { i: number; report: DerivationReport }) => {
        reports[m.i] = m.report;
        tick();
        if (++finished === inputs.length) {
          for (const x of workers) void x.terminate();
          resolve(reports);
        } else feed(w);
      });
      w.on('error', (e) => {
        if (failed) return;
        failed = true;
        for (const x of workers) void x.terminate();
        reject(e);
      });
      feed(w);
    }
  });
}
