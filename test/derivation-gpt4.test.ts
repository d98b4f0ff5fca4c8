/**
 * Steps of GPT-4's derivations (the data's `static_gpt-4` outputs), each checked by hand and
 * given the status it deserves: premise; valid (one operation on earlier equations, an
 * evaluation included); unjustified (true, but more than one operation away); invalid
 * (false); redundant (an earlier equation again, not written shorter). The notes say why.
 * The verifier agrees on all of them.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { verifyDerivation, type StepStatus, type DerivationReport } from '../src/index.js';

const DATA = fileURLToPath(new URL('../../shared/data/derivations/gpt-4_results.json', import.meta.url));
const items = existsSync(DATA) ? (JSON.parse(readFileSync(DATA, 'utf8')) as Record<string, unknown>[]) : [];

/** [item, step (1-based), the status it deserves, why]. */
const table: [number, number, StepStatus, string][] = [
  [0, 1, 'premise', 'eta(a) = e^a is the given definition'],
  [0, 2, 'valid', 'd/da of both sides of 1'],
  [0, 3, 'valid', 'd/da e^a evaluated'],
  [0, 4, 'unjustified', 'eta eta\'\' = e^a (e^a)\'\' is true, but needs a second derivative and a product'],
  [0, 5, 'valid', 'step 4 with eta = e^a substituted and (e^a)\'\' evaluated'],
  [1, 2, 'valid', 'd/ds of both sides of the premise'],
  [1, 3, 'valid', 'd^2/ds^2 sin(s) = -sin(s) is an evaluation'],
  [2, 2, 'valid', 'both sides integrated'],
  [2, 3, 'valid', 'the integral of e^Psi evaluated, chi the constant'],
  [2, 5, 'valid', 'e^Psi replaced by I(Psi) from the premise'],
  [3, 2, 'valid', 'the integral evaluated with a fresh constant H'],
  [3, 3, 'unjustified', 'x0 m = x0 (...) is true but needs the evaluated integral substituted and a product'],
  [3, 4, 'valid', 'step 2 multiplied by x0'],
  [4, 2, 'valid', 'both sides differentiated'],
  [4, 3, 'valid', 'd/dP sin(P) = cos(P)'],
  [5, 2, 'valid', 'the integral evaluated with a fresh constant f'],
  [5, 3, 'valid', 'steps 1 and 2 combined: the integral equals the same expression'],
  [5, 4, 'valid', 'step 3 divided by its right side'],
  [6, 2, 'valid', 'both sides integrated'],
  [6, 3, 'valid', 'the integral of cos evaluated with a fresh constant F_g'],
  [6, 4, 'unjustified', 'true (the integral of cos J is F_g + sin J), but takes a substitution, a power and a sum'],
  [6, 5, 'valid', 'step 4 integrated in F_g'],
  [10, 2, 'valid', 'both sides differentiated'],
  [10, 3, 'valid', 'd/dq cos(q) = -sin(q)'],
  [10, 4, 'valid', '(-sin q)^(2q) = (-sin q)^q (d/dq cos q)^q after substituting step 3'],
  [12, 3, 'valid', 'd/dg log(g) = 1/g'],
  [12, 4, 'valid', 'cos applied to both sides of d/dg log g = 1/g'],
  [13, 2, 'valid', 'the premise multiplied by P'],
  [13, 3, 'valid', 'the derivative of Q P evaluated'],
  [13, 4, 'unjustified', 'true, but subtracts cos(sin J) and divides by J: two operations'],
  [20, 4, 'redundant', 'the same equation as step 3'],
  [29, 4, 'invalid', 'dividing step 3 by q gives (n + e^c)/e^c, not (n + e^c) e^(-c) / e^c'],
  [29, 5, 'valid', 'step 3 with q = e^c substituted: the integral over q is (n + q)/q'],
  [30, 2, 'invalid', 'b = -1, so -(-1)^A = -A + i is false'],
  [30, 4, 'valid', 'step 3 divided by i'],
  [30, 5, 'valid', 'step 4 integrated in i'],
  [63, 2, 'invalid', 'A = log(chi^W) = W log chi, so dA/dW = log chi, not W log chi'],
  [63, 4, 'valid', 'the integral of W log chi evaluated with a fresh constant M'],
  [64, 2, 'unjustified', 'the integral of log q with A_2 as its constant, rearranged: true for that constant, but two operations'],
  [60, 3, 'valid', 'e^u / H = 1 evaluates e^u / e^u of step 2 (the same canonical equation, written shorter)'],
];

const reports = new Map<number, DerivationReport>();
function report(item: number): DerivationReport {
  let r = reports.get(item);
  if (r === undefined) {
    r = verifyDerivation(String(items[item]!['static_gpt-4']).split(' and '));
    reports.set(item, r);
  }
  return r;
}

describe.skipIf(items.length === 0)('GPT-4 steps checked by hand', () => {
  it(`the table has at least 30 steps (${table.length})`, () => {
    expect(table.length).toBeGreaterThanOrEqual(30);
  });
  for (const [item, step, status, why] of table) {
    it(`item ${item}, step ${step}: ${status} (${why})`, () => {
      expect(report(item).steps[step - 1]!.status).toBe(status);
    });
  }
});
