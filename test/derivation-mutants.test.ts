/**
 * Single-edit mutants of the ground-truth derivations (`mutants` of src/derivation/mutate.ts:
 * a coefficient, a sign, an exponent, swapped operands, a dropped term), one of each kind per
 * step. A mutant should be flagged (not valid) at the changed step, and no earlier step may
 * change status. A mutant counts only when it no longer follows: the original step holds
 * given the premises and the mutant does not (`PremiseCheck`, which judges apart from the
 * verifier, with the integration constants fitted). This drops the mutants equal to the
 * original in the numeric model, those of an equation with a side 0 (0 = x gives 0 = -x,
 * 0 = 3 x), and those that are still true: a dropped or changed integration constant,
 * 1 = b/a for 1 = a/b, d²/da² e^a = e^a. The static and EE variants run here (the bench
 * runs all five).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { verifyDerivation } from '../src/derivation/index.js';
import { splitAnd, readDerivation } from '../src/derivation/read.js';
import { mutants, mutantsOfText, PremiseCheck, MUTANT_KINDS, type MutantKind } from '../src/derivation/mutate.js';
import { parseLatex, latexFunctionNames } from '../src/term/latex-parse.js';
import { canonicalize } from '../src/term/canonical.js';

const items = JSON.parse(readFileSync(fileURLToPath(new URL('../../shared/data/derivations/gpt-4_results.json', import.meta.url)), 'utf8')) as Record<string, unknown>[];
const PREMISES = new Set(['premise', 'get_premise', 'renaming_premise']);

describe('mutants', () => {
  it.each([
    ['coefficient', 'y = 2 x', ['y = 3 x', '3 y = 2 x', 'y = 3 \\left(2 x\\right)']],
    ['sign', 'y = a + b', ['-y = a + b', 'y = -a + b', 'y = a - b', 'y = -\\left(a + b\\right)']],
    ['exponent', 'y = x^{2}', ['y = x^{3}']],
    ['exponent', 'y = \\frac{d}{d x} f{(x)}', ['y = \\frac{d^{2}}{d x^{2}} f{\\left(x \\right)}']],
    ['swap', 'y = a - b', ['y = b - a']],
    ['swap', 'y = \\frac{a}{b}', ['y = \\frac{b}{a}']],
    ['swap', 'y = f{(a, b)}', ['y = f{\\left(b,a \\right)}']],
    ['drop', 'y = a + b', ['y = a', 'y = b']],
  ] as [MutantKind, string, string[]][])('%s of %s', (kind, text, expected) => {
    const got = mutantsOfText(text, { kinds: [kind], perKind: Infinity });
    expect(got.length).toBeGreaterThan(0);
    for (const m of got) {
      expect(m.kind).toBe(kind);
      expect(expected).toContain(m.latex);
    }
  });

  it('never gives the original, and its LaTeX reads back', () => {
    for (const text of ['0 = x + 0', 'x = x', 'f{(a, a)} = 2^{2}', 'y = -3 x^{-1} + \\frac{1}{2}', 'a b = \\int_{0}^{1} x dx']) {
      const orig = canonicalize(parseLatex(text, { functions: latexFunctionNames(text) }));
      for (const m of mutantsOfText(text, { perKind: Infinity })) {
        expect(canonicalize(m.term)).not.toBe(orig);
        const back = parseLatex(m.latex, { functions: latexFunctionNames(m.latex) });
        expect(canonicalize(back)).toBe(canonicalize(m.term));
      }
    }
  });

  it('tells mutants that still hold from those that fail, given the premises', () => {
    const read = readDerivation(['f{(x)} = x^{2}', '\\frac{d}{d x} f{(x)} = 2 x', '\\int 2 x dx = C + x^{2}', 'y = C + x^{2}']);
    const eqs = read.steps.map((s) => s.equation);
    const check = new PremiseCheck(eqs, [true, false, false, false]);
    expect(check.holds(eqs[1]!, 1)).toBe(true);
    expect(check.holds(mutants(eqs[1]!, { kinds: ['coefficient'] })[0]!.term, 1)).toBe(false);
    // C is an integration constant: dropping or scaling it still holds (an indefinite integral is known up to a constant)
    expect(check.holds(parseLatex('\\int 2 x dx = x^{2}'), 2)).toBe(true);
    expect(check.holds(parseLatex('\\int 2 x dx = x^{3}'), 2)).toBe(false);
    expect(check.holds(parseLatex('2 C + x^{2} = \\int 2 x dx'), 2)).toBe(true);
    expect(check.holds(parseLatex('y = C + 2 x^{2}'), 3)).toBe(false);
  });

  it('is the same for the same seed', () => {
    const a = mutantsOfText('y = 2 x^{2} + 3 x - \\frac{a}{b}', { seed: 7 }).map((m) => m.latex);
    const b = mutantsOfText('y = 2 x^{2} + 3 x - \\frac{a}{b}', { seed: 7 }).map((m) => m.latex);
    expect(a).toEqual(b);
    expect(a.length).toBe(5);
  });
});

describe('derivation data: mutants', () => {
  it('flags single-edit mutants at the changed step', () => {
    const total: Record<string, number> = {}, flagged: Record<string, number> = {};
    let earlierChanged = 0, unknown = 0, stillHold = 0, stillHoldFlagged = 0;
    const missed: Record<string, string[]> = {};
    for (const item of items) {
      for (const v of ['', 'EE ']) {
        const steps = splitAnd(item[`${v}derivation`] as string);
        const notes = (item[`${v}srepr_derivation`] as [unknown, string][]).map((s) => s[0]);
        const read = readDerivation(steps);
        const equations = read.steps.map((s) => s.equation);
        const premise = notes.map((n) => typeof n === 'string' && PREMISES.has(n));
        const base = verifyDerivation(steps, { proofs: false });
        const judge = new PremiseCheck(equations, premise);
        steps.forEach((_, i) => {
          if (premise[i] || base.steps[i]!.status !== 'valid') return;
          const eq = read.steps[i]!.equation!;
          if (judge.holds(eq, i) !== true) { unknown++; return; }
          for (const m of mutants(eq, { seed: i + 1 })) {
            const r = verifyDerivation([...steps.slice(0, i), m.latex], { proofs: false });
            const s = r.steps[i]!;
            for (let j = 0; j < i; j++) if (r.steps[j]!.status !== base.steps[j]!.status) { earlierChanged++; break; }
            if (judge.holds(m.term, i) !== false) {
              stillHold++;
              if (s.status !== 'valid') stillHoldFlagged++;
              continue;
            }
            total[m.kind] = (total[m.kind] ?? 0) + 1;
            if (s.status !== 'valid' && s.status !== 'premise') flagged[m.kind] = (flagged[m.kind] ?? 0) + 1;
            else (missed[m.kind] ??= []).push(`${m.latex} [${m.detail}] (${s.justification?.rule})`);
          }
        });
      }
    }
    const sum = (o: Record<string, number>): number => Object.values(o).reduce((a, b) => a + b, 0);
    const all = sum(total), hit = sum(flagged);
    console.log(`mutants: ${hit}/${all} flagged at the changed step (${(100 * hit / all).toFixed(2)}%), earlier status changed in ${earlierChanged}`);
    console.log(`  not counted: ${stillHold} mutants that still hold given the premises (${stillHoldFlagged} of them not valid), ${unknown} steps the oracle cannot confirm`);
    for (const k of MUTANT_KINDS) console.log(`  ${k}: ${flagged[k] ?? 0}/${total[k] ?? 0}`);
    for (const [k, v] of Object.entries(missed)) console.log(`  missed ${k}: ${v.length}\n    ${v.slice(0, 6).join('\n    ')}`);
    expect(earlierChanged).toBe(0);
    for (const k of MUTANT_KINDS) expect(total[k] ?? 0).toBeGreaterThan(100);
    expect(hit / all).toBeGreaterThan(0.99);
  });
});
