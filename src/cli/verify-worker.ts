/** A worker thread of `equate verify --jobs N`: verifies the derivations it is sent, one at a time. */
import { parentPort } from 'node:worker_threads';
import { verifyDerivation, type DerivationInput, type VerifyOptions } from '../derivation/index.js';

parentPort!.on('message', (m: { i: number; input: DerivationInput; options?: VerifyOptions }) => {
  parentPort!.postMessage({ i: m.i, report: verifyDerivation(m.input, m.options) });
});
