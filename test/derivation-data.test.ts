/**
 * The verifier on the ground truth of the derivation data (100 items x 5 variants): the
 * share of non-premise steps found valid, the agreement of the justification with the
 * data's annotation, and single-edit mutants flagged at the changed step.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { verifyDerivation } from '../src/derivation/index.js';
import { splitAnd, readDerivation } from '../src/derivation/read.js';
import { Model } from '../src/derivation/model.js';
import { parse } from '../src/term/parse.js';
import { canonicalize } from '../src/term/canonical.js';

/** The data, from `../shared` beside the repository (where CI puts it). */
const DATA = fileURLToPath(new URL('../../shared/data/derivations/gpt-4_results.json', import.meta.url));
const VARIANTS = ['', 'VR ', 'EE ', 'AG ', 'SR '];
interface Item { [k: string]: unknown }
const items = JSON.parse(readFileSync(DATA, 'utf8')) as Item[];

type Annotation = string | [string, ...unknown[]];
const PREMISES = new Set(['premise', 'get_premise', 'renaming_premise']);
function ruleOf(a: Annotation): string { return typeof a === 'string' ? a : a[0]; }

/** The data's rule names grouped as the verifier names them. */
function family(rule: string): string {
  if (rule === 'minus') return 'add';
  if (rule === 'divide') return 'times';
  if (rule.startsWith('evaluate') || rule === 'expand') return 'evaluate';
  if (rule.startsWith('substitute')) return 'substitute';
  return rule;
}

const derivations: { name: string; steps: string[]; notes: Annotation[] }[] = [];
items.forEach((item, n) => {
  for (const v of VARIANTS) {
    const steps = splitAnd(item[`${v}derivation`] as string);
    const notes = (item[`${v}srepr_derivation`] as [Annotation, string][]).map((s) => s[0]);
    derivations.push({ name: `${n}:${v.trim() || 'static'}`, steps, notes });
  }
});

describe('derivation data: ground truth', () => {
  it('finds almost every non-premise step valid', () => {
    let total = 0, valid = 0, agree = 0;
    const failures: Record<string, string[]> = {};
    const disagree: Record<string, number> = {};
    const t0 = performance.now();
    for (const d of derivations) {
      const report = verifyDerivation(d.steps);
      report.steps.forEach((s, i) => {
        const note = d.notes[i]!;
        if (PREMISES.has(ruleOf(note))) return;
        total++;
        if (s.status === 'valid' || s.status === 'premise') {
          valid++;
          const mine = s.justification?.rule ?? '';
          if (family(mine) === family(ruleOf(note)) || (s.status === 'premise' && mine === 'definition')) agree++;
          else disagree[`${ruleOf(note)} as ${mine}`] = (disagree[`${ruleOf(note)} as ${mine}`] ?? 0) + 1;
        } else {
          const key = `${ruleOf(note)} -> ${s.status}`;
          (failures[key] ??= []).push(`${d.name}#${i + 1}: ${s.latex} (${s.message})`);
        }
      });
    }
    const ms = performance.now() - t0;
    console.log(`ground truth: ${valid}/${total} non-premise steps valid (${(100 * valid / total).toFixed(2)}%), ` +
      `rule agreement ${(100 * agree / valid).toFixed(1)}%, ${(total / ms * 1000).toFixed(0)} steps/s`);
    console.log(`  rules that differ from the annotation: ${Object.entries(disagree).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    for (const [k, v] of Object.entries(failures)) console.log(`  ${k}: ${v.length}\n    ${v.slice(0, 4).join('\n    ')}`);
    expect(valid / total).toBeGreaterThanOrEqual(0.995);
    expect(agree / valid).toBeGreaterThan(0.8);
  });

  it('proves most valid steps symbolically, with proofs whose lines keep the value', () => {
    const model = new Model({ points: 5, seed: 3 });
    let valid = 0, proved = 0, lines = 0, wrong = 0, ends = 0;
    const bad: string[] = [];
    const byRule: Record<string, [number, number]> = {};
    for (const d of derivations.filter((_, i) => i % 5 < 3)) {
      const report = verifyDerivation(d.steps, { proofTimeMs: 200 });
      const read = readDerivation(d.steps);
      report.steps.forEach((s, i) => {
        if (s.status !== 'valid') return;
        valid++;
        const tally = (byRule[s.justification!.rule] ??= [0, 0]);
        tally[1]++;
        if (s.checked !== 'symbolic') return;
        proved++;
        tally[0]++;
        const eq = read.steps[i]!.equation!;
        for (const side of ['lhs', 'rhs', 'lhs - rhs', 'lhs = rhs']) {
          const ls = s.proof.filter((l) => l.side === side && !l.rule.startsWith('integration constant'));
          for (let j = 1; j < ls.length; j++) {
            lines++;
            const a = model.values(parse(ls[j - 1]!.term)), b = model.values(parse(ls[j]!.term));
            // an indefinite integral is one antiderivative: the model's (quadrature from 0) may differ from the rule's by a constant
            if (!sameValues(a, b, ls[j]!.rule.startsWith('integral'))) { wrong++; bad.push(`${s.latex}: ${ls[j - 1]!.term} -> ${ls[j]!.rule} -> ${ls[j]!.term}`); }
          }
          // a side's proof ends at the step's side (integration constants aside)
          const all = s.proof.filter((l) => l.side === side);
          if ((side === 'lhs' || side === 'rhs') && all.length > 0 && !all[all.length - 1]!.rule.startsWith('integration constant')) {
            const target = side === 'lhs' ? eq.args[0]! : eq.args[1]!;
            if (canonicalize(parse(all[all.length - 1]!.term)) !== canonicalize(target)) { ends++; bad.push(`${s.latex}: ${side} ends at ${all[all.length - 1]!.term}`); }
          }
        }
      });
    }
    console.log(`proofs: ${proved}/${valid} valid steps proved symbolically (${(100 * proved / valid).toFixed(1)}%), ${lines} rewrite lines, ${wrong} change the value, ${ends} end elsewhere`);
    console.log(`  by rule: ${Object.entries(byRule).map(([k, [p, n]]) => `${k} ${p}/${n}`).join(', ')}`);
    for (const b of bad.slice(0, 5)) console.log(`  ${b}`);
    expect(proved / valid).toBeGreaterThan(0.9);
    expect(wrong).toBe(0);
    expect(ends).toBe(0);
  });
});

/** Equal values wherever both are defined (up to a constant when `upToConstant`). */
function sameValues(a: Float64Array, b: Float64Array, upToConstant = false): boolean {
  let shift = NaN;
  for (let j = 0; j < a.length; j++) {
    const x = a[j]!;
    let y = b[j]!;
    if (upToConstant && Number.isFinite(x - y)) {
      if (Number.isNaN(shift)) shift = x - y;
      y += shift;
    }
    if (Number.isFinite(x) !== Number.isFinite(y)) continue;
    if (Number.isFinite(x) && Math.abs(x - y) > 1e-7 * Math.max(1, Math.abs(x), Math.abs(y))) return false;
  }
  return true;
}
