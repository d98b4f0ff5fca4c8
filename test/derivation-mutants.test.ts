/**
 * Single-edit mutants of the ground-truth derivations: one step's right side negated, scaled
 * by 3, or an exponent raised by one. A mutant should be flagged (not valid) at the changed
 * step, and no earlier step may change status. Sides that are 0 are not negated or scaled
 * (the result would still follow), and mutants are kept only when they differ from the original in
 * the numeric model and no side of the original is zero there (0 = x gives 0 = -x, 0 = 3 x, 0 = x^2). The static and EE variants run here (the bench runs all).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { verifyDerivation } from '../src/derivation/index.js';
import { splitAnd, readDerivation } from '../src/derivation/read.js';
import { Model } from '../src/derivation/model.js';

const model = new Model({ points: 6, seed: 5 });
/** Whether the mutant differs from the original in the model (3 * 0 = 0 is no mutant). */
function differs(original: string, mutant: string): boolean {
  const r = readDerivation([original, mutant]);
  const a = r.steps[0]?.equation, b = r.steps[1]?.equation;
  if (!a || !b) return true;
  // a side that is 0 makes sign, scale and extra factors valid steps (times -1, 3, x)
  for (const k of [0, 1]) if (model.values(a.args[k]!).every((v) => v === 0)) return false;
  for (const k of [0, 1]) {
    const x = model.values(a.args[k]!), y = model.values(b.args[k]!);
    for (let j = 0; j < x.length; j++) {
      if (Number.isNaN(x[j]!) !== Number.isNaN(y[j]!)) return true;
      if (Number.isFinite(x[j]!) && Math.abs(x[j]! - y[j]!) > 1e-6 * Math.max(1, Math.abs(x[j]!))) return true;
    }
  }
  return false;
}

const items = JSON.parse(readFileSync(fileURLToPath(new URL('../../shared/data/derivations/gpt-4_results.json', import.meta.url)), 'utf8')) as Record<string, unknown>[];
const PREMISES = new Set(['premise', 'get_premise', 'renaming_premise']);

/** The mutants of one equation's text, by kind. */
export function mutants(latex: string): [string, string][] {
  const at = latex.indexOf(' = ');
  if (at < 0 || latex.indexOf(' = ', at + 1) >= 0) return [];
  const lhs = latex.slice(0, at), rhs = latex.slice(at + 3);
  const out: [string, string][] = [];
  if (lhs.trim() !== '0' && rhs.trim() !== '0') {
    out.push(['sign', `${lhs} = - \\left(${rhs}\\right)`]);
    out.push(['coefficient', `${lhs} = 3 \\left(${rhs}\\right)`]);
  }
  const m = /\^\{(\d+)\}/.exec(rhs) ?? /\^\{(\d+)\}/.exec(lhs);
  if (m !== null) {
    const inRhs = /\^\{(\d+)\}/.exec(rhs) !== null;
    const side = inRhs ? rhs : lhs;
    const changed = side.replace(m[0], `^{${Number(m[1]) + 1}}`);
    out.push(['exponent', inRhs ? `${lhs} = ${changed}` : `${changed} = ${rhs}`]);
  }
  return out;
}

describe('derivation data: mutants', () => {
  it('flags single-edit mutants at the changed step', () => {
    let total = 0, flagged = 0, earlierChanged = 0;
    const missed: Record<string, string[]> = {};
    for (const item of items) {
      for (const v of ['', 'EE ']) {
        const steps = splitAnd(item[`${v}derivation`] as string);
        const notes = (item[`${v}srepr_derivation`] as [unknown, string][]).map((s) => s[0]);
        const base = verifyDerivation(steps);
        steps.forEach((latex, i) => {
          if (typeof notes[i] === 'string' && PREMISES.has(notes[i] as string)) return;
          if (base.steps[i]!.status !== 'valid') return;
          for (const [kind, mutant] of mutants(latex)) {
            if (!differs(latex, mutant)) continue;
            const changed = [...steps.slice(0, i), mutant];
            const r = verifyDerivation(changed);
            total++;
            const s = r.steps[i]!;
            if (s.status !== 'valid' && s.status !== 'premise') flagged++;
            else (missed[kind] ??= []).push(`${mutant} (${s.justification?.rule})`);
            for (let j = 0; j < i; j++) if (r.steps[j]!.status !== base.steps[j]!.status) { earlierChanged++; break; }
          }
        });
      }
    }
    console.log(`mutants: ${flagged}/${total} flagged at the changed step (${(100 * flagged / total).toFixed(2)}%), earlier status changed in ${earlierChanged}`);
    for (const [k, v] of Object.entries(missed)) console.log(`  missed ${k}: ${v.length}\n    ${v.slice(0, 5).join('\n    ')}`);
    expect(earlierChanged).toBe(0);
    expect(flagged / total).toBeGreaterThan(0.99);
  });
});
