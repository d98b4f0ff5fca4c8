/**
 * One record of the derivation data for a derivation and its variants, keyed as the data
 * is: `prompt`, `derivation`, `srepr_derivation`, then `VR prompt`, `VR derivation`... for
 * each variant given; and a derivation read back from such a record (`fromDataItem`).
 *
 * @example Object.keys(dataItem({ '': d })) // ['prompt', 'derivation', 'srepr_derivation']
 */
import type { Derivation, Rule } from './derivation.js';
import { fromLatex } from './derivation.js';
import { splitAnd } from './read.js';
import { OPERATIONS } from './operations.js';
import { EquateError } from '../term/errors.js';
import { derivationText, sreprDerivation } from './format.js';
import { buildPrompt, type PromptOptions } from './prompt.js';

/** The variants of an item: '' (static), 'VR', 'EE', 'AG', 'SR'. */
export type VariantKey = '' | 'VR' | 'EE' | 'AG' | 'SR';

/**
 * The record of a derivation's variants. The SR variant is a derivation whose prompt drops
 * the hints (the static derivation, as the data has it).
 * @example Object.keys(dataItem({ '': d })) // ['prompt', 'derivation', 'srepr_derivation']
 */
export function dataItem(variants: Partial<Record<VariantKey, Derivation>>, opts: PromptOptions = {}): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const key of ['', 'VR', 'EE', 'AG', 'SR'] as const) {
    const d = variants[key];
    if (d === undefined) continue;
    const p = key === '' ? '' : `${key} `;
    item[`${p}prompt`] = buildPrompt(d, { ...opts, hints: key !== 'SR' && (opts.hints ?? true) });
    item[`${p}derivation`] = derivationText(d);
    item[`${p}srepr_derivation`] = sreprDerivation(d);
  }
  return item;
}

/** The equations a prompt names after "then derive" (its last `Prompt:` line). */
function promptHints(prompt: string): string[] {
  const line = prompt.slice(prompt.lastIndexOf('Prompt: '));
  const out: string[] = [];
  const re = /then derive (.*?)(?=, then derive |, then obtain )/g;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) out.push(m[1]!);
  return out;
}

/**
 * The derivation of one variant of a data record: its equations (kept as written), the
 * rules and references of its annotations (operands, which the data gives in SymPy's srepr,
 * are not read), and the hints its prompt names.
 * @example fromDataItem(items[0], 'EE').steps[1].rule // 'differentiate'
 */
export function fromDataItem(record: Record<string, unknown>, variant: VariantKey = ''): Derivation {
  const p = variant === '' ? '' : `${variant} `;
  const text = record[`${p}derivation`];
  if (typeof text !== 'string') throw new EquateError(`record has no '${p}derivation' text`);
  const equations = splitAnd(text);
  const d = fromLatex(equations, 0);
  const notes = record[`${p}srepr_derivation`];
  if (Array.isArray(notes)) {
    notes.forEach((pair: unknown, i) => {
      const step = d.steps[i];
      const note = Array.isArray(pair) ? pair[0] : undefined;
      if (step === undefined || note === undefined) return;
      if (typeof note === 'string') {
        step.rule = (note === 'premise' ? 'premise' : 'get_premise') as Rule;
        step.refs = [];
      } else if (Array.isArray(note) && typeof note[0] === 'string' && (OPERATIONS as readonly string[]).includes(note[0])) {
        step.rule = note[0] as Rule;
        step.refs = note.slice(1).filter((r): r is number => typeof r === 'number');
      }
    });
  }
  const prompt = record[`${p}prompt`];
  if (typeof prompt === 'string') {
    for (const h of promptHints(prompt)) {
      const k = equations.indexOf(h);
      if (k >= 0) d.hints.push(k + 1);
    }
  }
  return d;
}
