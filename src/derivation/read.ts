/**
 * Reading derivations: the inputs `verifyDerivation` accepts, normalised to one shape.
 *
 * A derivation is a JSON object `{ id?, premises?: [latex...], steps: [latex...], goal? }`, a
 * plain array of LaTeX equations, or one string of equations joined by ` and ` (the data's
 * format). `readDerivations` reads JSONL (one of these per line), a JSON array of them, or
 * one of them. Every equation is parsed with the function names of the whole derivation
 * (`latexFunctionNames`), so `f(x)` is an application wherever `f{(x)}` occurs once. A piece
 * that does not parse, or is not an equation, becomes an `unparsed` entry with the parser's
 * message: reading never throws.
 *
 * Premises: the object's `premises` (listed before the steps), or else the first
 * `opts.premises` equations (default 1) of an array or ` and `-string. Later steps that
 * define a new function are recognised as premises by the verifier (see `verify.ts`).
 */
import type { Term } from '../term/term.js';
import { parseLatexEquations, latexFunctionNames } from '../term/latex-parse.js';
import { EQ } from '../term/operators.js';

/** A derivation as given. */
export type DerivationInput =
  | string
  | readonly string[]
  | { id?: unknown; premises?: readonly string[]; steps: readonly string[]; goal?: string };

/** One equation of a read derivation. */
export interface ReadStep {
  /** 1-based position in input order (premises first). */
  index: number;
  latex: string;
  /** The equation (written mode), or null when it did not parse. */
  equation: Term | null;
  /** The parse error, when `equation` is null. */
  error: string;
  /** Marked as a premise by the input. */
  premise: boolean;
}

export interface ReadDerivation {
  id: unknown;
  steps: ReadStep[];
  /** The goal: the `goal` field, parsed; null when none was given (the last step is then the goal). */
  goal: Term | null;
  goalLatex: string | null;
  /** Names of the undefined functions the derivation applies. */
  functions: string[];
}

export interface ReadOptions {
  /** Leading equations taken as premises for arrays and ` and `-strings. Default: 1. */
  premises?: number;
  /** Read `\pi`, `e` as constants. Default: false (symbols, as the derivation data needs). */
  constants?: boolean;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Splits the data's ` and `-joined string into equations. */
export function splitAnd(text: string): string[] {
  return text.split(/\s+and\s+/).map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * Reads one derivation (see the file header).
 * @example readDerivation('f{(x)} = x^{2} and \\frac{d}{d x} f{(x)} = 2 x').steps.length // 2
 */
export function readDerivation(input: DerivationInput | unknown, opts: ReadOptions = {}): ReadDerivation {
  let id: unknown = null, premiseTexts: string[] = [], stepTexts: string[] = [], goalText: string | null = null;
  let lead = Math.max(0, opts.premises ?? 1);
  if (typeof input === 'string') {
    stepTexts = splitAnd(input);
  } else if (Array.isArray(input)) {
    stepTexts = input.map((s) => String(s));
  } else if (input !== null && typeof input === 'object') {
    const o = input as Record<string, unknown>;
    id = o.id ?? null;
    const list = (v: unknown): string[] => (Array.isArray(v) ? v.map((s) => String(s)) : typeof v === 'string' ? splitAnd(v) : []);
    premiseTexts = list(o.premises);
    stepTexts = list(o.steps);
    if (typeof o.goal === 'string') goalText = o.goal;
    if (o.premises !== undefined) lead = 0;
  }
  const texts = [...premiseTexts, ...stepTexts];
  const names = new Set<string>();
  for (const t of [...texts, ...(goalText === null ? [] : [goalText])]) {
    try { for (const n of latexFunctionNames(t)) names.add(n); } catch { /* reported when parsed */ }
  }
  const functions = [...names];
  const parseOpts = { constants: opts.constants ?? false, functions };
  const steps: ReadStep[] = [];
  texts.forEach((latex, i) => {
    const premise = i < premiseTexts.length || (premiseTexts.length === 0 && i < lead);
    let terms: Term[] = [];
    try {
      terms = parseLatexEquations(latex, parseOpts);
    } catch (e) {
      steps.push({ index: steps.length + 1, latex, equation: null, error: message(e), premise });
      return;
    }
    for (const t of terms) {
      if (t.op !== EQ) steps.push({ index: steps.length + 1, latex, equation: null, error: 'not an equation', premise });
      else steps.push({ index: steps.length + 1, latex, equation: t, error: '', premise });
    }
  });
  let goal: Term | null = null;
  if (goalText !== null) {
    try {
      const g = parseLatexEquations(goalText, parseOpts);
      goal = g.length > 0 && g[g.length - 1]!.op === EQ ? g[g.length - 1]! : null;
    } catch { goal = null; }
  }
  return { id, steps, goal, goalLatex: goalText, functions };
}

/**
 * Splits a text holding many derivations: JSONL (one JSON value per line), one JSON array of
 * derivations (objects, arrays of strings, or ` and `-strings), one JSON derivation, or plain
 * ` and `-joined lines. Lines that are not JSON are read as ` and `-strings.
 * @example readDerivations('["x = 1", "2 x = 2"]\n"y = 2 and y + 1 = 3"').length // 2
 */
export function readDerivations(text: string): DerivationInput[] {
  const trimmed = text.trim();
  if (trimmed.length === 0) return [];
  try {
    const v: unknown = JSON.parse(trimmed);
    if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x !== 'string')) return v as DerivationInput[];
    return [v as DerivationInput];
  } catch { /* JSONL or plain lines */ }
  const out: DerivationInput[] = [];
  for (const line of trimmed.split(/\r?\n/)) {
    const l = line.trim();
    if (l.length === 0) continue;
    try { out.push(JSON.parse(l) as DerivationInput); } catch { out.push(l); }
  }
  return out;
}
