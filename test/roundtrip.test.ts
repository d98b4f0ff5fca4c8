import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { Term } from '../src/term/term.js';
import { parse } from '../src/term/parse.js';
import { print, printWith } from '../src/term/print.js';
import { toSexpr } from '../src/term/sexpr.js';
import { writtenOps } from '../src/term/interface.js';
import { canonicalTerm, writtenTerm } from './support/arbitrary.js';

/** Each law runs with a fixed seed (reproducible) and with fast-check's random one. */
const SEEDS: readonly (number | undefined)[] = [20_240_601, undefined];
const RUNS = 2_000;

function readsBack(t: Term, mode: 'canonical' | 'written'): boolean {
  const text = print(t);
  const back = parse(text, { mode });
  if (back !== t) throw new Error(`${toSexpr(t)} printed as ${text} reads back as ${toSexpr(back)}`);
  return true;
}

describe('round trip: parse(print(t)) is t', () => {
  for (const seed of SEEDS) {
    const label = seed === undefined ? 'random seed' : `seed ${seed}`;

    test(`canonical terms, canonical mode (${label})`, () => {
      fc.assert(fc.property(canonicalTerm, (t) => readsBack(t, 'canonical')), { numRuns: RUNS, seed });
    });

    test(`as-written terms, written mode (${label})`, () => {
      fc.assert(fc.property(writtenTerm, (t) => readsBack(t, 'written')), { numRuns: RUNS, seed });
    });

    test(`written text read canonically is its canonical form (${label})`, () => {
      // Whatever the written parser reads, the canonical parser reads the canonical form of
      // the same text, and that prints and reads back too.
      fc.assert(fc.property(writtenTerm, (w) => readsBack(parse(print(w)), 'canonical')), { numRuns: RUNS, seed });
    });
  }

  test('printing through writtenOps gives the same text', () => {
    fc.assert(fc.property(writtenTerm, (t) => printWith(writtenOps, t) === print(t)), { numRuns: 500 });
  });

  test('printed text is stable: print(parse(print(t))) is print(t)', () => {
    fc.assert(fc.property(canonicalTerm, (t) => print(parse(print(t))) === print(t)), { numRuns: 500 });
  });
});

describe('round trip: examples', () => {
  test.each([
    'x^2 + 2*x + 1', 'a - b + c', '-3*x/y^2', 'x/(2*(a + b))', '1/sqrt(x) + x^(1/3)', '(-3)^x',
    "f'(x) + f''(y) + D[1,2](g)(x, y)", 'sin(x)^2 + cos(x)^2 = 1', '`my var`*pi - e', 'x!^2 + (x + 1)!',
    'Derivative(f(x), x, 2) + Integral(x^2, x, 0, 1)', '2^-x', 'x^-1', 'a/b/c', 'a/(b/c)', 'a*b/c*d',
  ])('%s', (src) => {
    for (const mode of ['canonical', 'written'] as const) {
      const t = parse(src, { mode });
      expect(parse(print(t), { mode })).toBe(t);
    }
  });
});
