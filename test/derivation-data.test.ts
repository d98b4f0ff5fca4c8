/**
 * The verifier on the ground truth of the derivation data (100 items x 5 variants): the
 * share of non-premise steps found valid, the agreement of the justification with the
 * data's annotation, and single-edit mutants flagged at the changed step.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { verifyDerivation } from '../src/derivation/index.js';
import { splitAnd } from '../src/derivation/read.js';

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
});
