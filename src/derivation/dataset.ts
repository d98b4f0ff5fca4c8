/**
 * `generateDataset(opts)`: generated derivations as records of the derivation data, each
 * with its variants: the static derivation, VR (renamed), EE (sides exchanged), AG (another
 * goal; left out when none is found) and SR (no hints in the prompt).
 *
 * @example generateDataset({ count: 1, seed: 2 })[0]['VR derivation'] // the renamed derivation
 */
import type { Derivation } from './derivation.js';
import { generateDerivations, type GenerateOptions } from './generate.js';
import { renameVariables, exchangeSides, alternativeGoal, removeHints } from './perturb.js';
import { dataItem, type VariantKey } from './item.js';
import type { PromptOptions } from './prompt.js';

export interface DatasetOptions extends GenerateOptions {
  /** Add the VR, EE, AG and SR variants. Default: true. */
  variants?: boolean;
  /** Few-shot examples for every prompt. Default: none. */
  examples?: PromptOptions['examples'];
}

/**
 * The variants of one derivation (`k` seeds the renaming and the alternative goal).
 * @example Object.keys(variantsOf(d, 0)) // ['', 'VR', 'EE', 'AG', 'SR']
 */
export function variantsOf(d: Derivation, k: number, opts: Pick<DatasetOptions, 'vocabulary' | 'operations' | 'maxSize' | 'verify'> = {}): Partial<Record<VariantKey, Derivation>> {
  const v: Partial<Record<VariantKey, Derivation>> = { '': d, VR: renameVariables(d, { seed: k + 1, ...(opts.vocabulary ? { vocabulary: opts.vocabulary } : {}) }), EE: exchangeSides(d) };
  const ag = alternativeGoal(d, { ...opts, seed: k + 1 });
  if (ag !== null) v.AG = ag;
  v.SR = removeHints(d);
  return v;
}

/**
 * Records in the data's format for `opts.count` generated derivations.
 * @example generateDataset({ count: 2, seed: 5, variants: false }).map((r) => Object.keys(r).length) // [3, 3]
 */
export function generateDataset(opts: DatasetOptions = {}): Record<string, unknown>[] {
  const ds = generateDerivations(opts);
  const start = opts.start ?? 0;
  const promptOpts: PromptOptions = opts.examples === undefined ? {} : { examples: opts.examples };
  return ds.map((d, i) => dataItem((opts.variants ?? true) ? variantsOf(d, start + i, opts) : { '': d }, promptOpts));
}
