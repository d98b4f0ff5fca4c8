/**
 * The paper's prompt for a derivation: `Given P1 and P2, then derive H1, then obtain GOAL`,
 * the premises first, the hinted intermediate equations next (none for step removal), the
 * goal last; optionally after few-shot examples, each a prompt and its derivation, between
 * the data's header and its instruction.
 *
 * @example buildPrompt(d) // 'Prompt: Given f{(x)} = x^{2}, then obtain ...'
 */
import type { Derivation } from './derivation.js';
import { isPremise } from './derivation.js';
import { stepLatex } from './format.js';

/** The data's few-shot header. */
export const PROMPT_HEADER = 'The following examples consist of a prompt (denoted by Prompt:) and a mathematical derivation (denoted by Derivation:). Each derivation contains LaTeX equations separated by "and". \n\n';
/** The data's instruction between the examples and the prompt. */
export const PROMPT_INSTRUCTION = "Now given the following prompt, generate the derivation. Ensure equations are split by the word 'and': \n\n";

export interface PromptOptions {
  /** Name the hinted intermediate equations ("then derive ..."). Default: true (false gives the SR prompt). */
  hints?: boolean;
  /** Few-shot examples put before the prompt, under the data's header. Default: none (the bare prompt line). */
  examples?: readonly { prompt: string; derivation: string }[];
}

/**
 * The prompt line of a derivation (with the few-shot examples before it when given).
 * @example buildPrompt(d) // 'Prompt: Given \\theta{(q)} = \\cos{(q)}, then derive ..., then obtain ...'
 */
export function buildPrompt(d: Derivation, opts: PromptOptions = {}): string {
  const n = d.steps.length;
  const given = d.steps.filter((s, i) => isPremise(s.rule) && i < n - 1).map(stepLatex);
  const parts = [`Given ${given.join(' and ')}`];
  if (opts.hints ?? true) for (const h of d.hints) if (h >= 1 && h < n) parts.push(`then derive ${stepLatex(d.steps[h - 1]!)}`);
  if (n > 0) parts.push(`then obtain ${stepLatex(d.steps[n - 1]!)}`);
  const line = `Prompt: ${parts.join(', ')}`;
  if (opts.examples === undefined) return line;
  const shots = opts.examples.map((e) => `${e.prompt.startsWith('Prompt: ') ? e.prompt : `Prompt: ${e.prompt}`}\n\nDerivation: ${e.derivation}\n\n\n`);
  return PROMPT_HEADER + shots.join('') + PROMPT_INSTRUCTION + line;
}
