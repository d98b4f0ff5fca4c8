/**
 * Proofs of `equivalent`: every line of an e-graph proof has the value of the line before it
 * at random points (the rewrite is applied where its position says, in the term as the
 * e-graph holds it), and the lines lead from the first term to the second.
 */
import { describe, expect, test } from 'vitest';
import { parse } from '../src/term/parse.js';
import { evaluate } from '../src/term/evaluate.js';
import { freeSymbols } from '../src/term/free.js';
import { canonicalize } from '../src/term/canonical.js';
import { equivalent } from '../src/equivalent.js';
import { seededRandom } from '../src/term/random.js';
import type { Term } from '../src/term/term.js';

function values(t: Term, names: readonly string[], points: readonly number[][]): number[] {
  return points.map((p) => evaluate(t, Object.fromEntries(names.map((n, i) => [n, p[i]!]))) as number);
}

const PAIRS: [string, string][] = [
  ['cos(x)^2', '1 - sin(x)^2'],
  ['exp(a)*exp(-a) + y*x', '1 + x*y'],
  ['tan(x)*cos(x) + sin(x)^2 + cos(x)^2', 'sin(x) + 1'],
  ['2*((y + z)/x) - 2*y/x', '2*z/x'],
  ['sin(2*x) + z*y', '2*sin(x)*cos(x) + y*z'],
  ['(a + b)*c + c*a', 'c*(2*a + b)'],
];

describe('equivalent: e-graph proofs', () => {
  test.each(PAIRS)('%s = %s: every line keeps the value', (a, b) => {
    const r = equivalent(parse(a, { mode: 'written' }), parse(b, { mode: 'written' }));
    expect(r.result).toBe(true);
    if (r.method !== 'egraph') return;
    const proof = r.proof!;
    const names = [...new Set([...freeSymbols(proof.start), ...freeSymbols(proof.end)].map((s) => s.name!))].sort();
    const rand = seededRandom(7);
    const points = Array.from({ length: 5 }, () => names.map(() => 0.3 + 1.2 * rand()));
    const start = values(proof.start, names, points);
    for (const step of proof.steps) {
      const v = values(step.term, names, points);
      v.forEach((x, j) => expect(x).toBeCloseTo(start[j]!, 9));
    }
    const last = proof.steps.length > 0 ? proof.steps[proof.steps.length - 1]!.term : proof.start;
    expect(canonicalize(last)).toBe(canonicalize(proof.end));
  });
});
