/**
 * One record of the derivation data for a derivation and its variants, keyed as the data
 * is: `prompt`, `derivation`, `srepr_derivation`, then `VR prompt`, `VR derivation`... for
 * each variant given.
 *
 * @example Object.keys(dataItem({ '': d })) // ['prompt', 'derivation', 'srepr_derivation']
 */
import type { Derivation } from './derivation.js';
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
