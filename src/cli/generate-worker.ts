/** A worker thread of `equate generate --jobs N`: generates the slices of the run it is sent. */
import { parentPort } from 'node:worker_threads';
import { generateDataset, type DatasetOptions } from '../derivation/dataset.js';
import type { GenerateStats } from '../derivation/generate.js';

parentPort!.on('message', (m: { i: number; options: DatasetOptions }) => {
  const stats: GenerateStats = { derivations: 0, attempts: 0, rejected: {}, unverified: 0, steps: 0 };
  try {
    const records = generateDataset({ ...m.options, stats });
    parentPort!.postMessage({ i: m.i, records, stats });
  } catch (e) {
    parentPort!.postMessage({ i: m.i, error: e instanceof Error ? e.message : String(e) });
  }
});
