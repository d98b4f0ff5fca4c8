/**
 * Parse and print throughput over one corpus of expressions: infix in both modes,
 * S-expressions, and printing to infix, S-expressions and LaTeX. The baseline row is
 * `JSON.parse` of the same trees written as nested JSON arrays, a floor no parser of a
 * richer syntax can beat.
 */
import { parse } from '../src/term/parse.js';
import { print } from '../src/term/print.js';
import { parseSexpr, toSexpr } from '../src/term/sexpr.js';
import { toLatex } from '../src/term/latex.js';
import type { Term } from '../src/term/term.js';
import { compare, type Row } from './harness.js';

/** A deterministic corpus: polynomials, rational functions and nested elementary functions. */
export function corpus(count: number): string[] {
  let seed = 12345;
  const rand = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const vars = ['x', 'y', 'z', 'alpha', 'x_1'];
  const fns = ['sin', 'cos', 'exp', 'log', 'sqrt', 'f'];
  const gen = (depth: number): string => {
    if (depth === 0 || rand(4) === 0) return rand(3) === 0 ? String(rand(20) + 1) : vars[rand(vars.length)]!;
    switch (rand(6)) {
      case 0: return `${gen(depth - 1)} + ${gen(depth - 1)}`;
      case 1: return `${gen(depth - 1)} - ${gen(depth - 1)}`;
      case 2: return `${gen(depth - 1)}*${gen(depth - 1)}`;
      case 3: return `(${gen(depth - 1)})/(${gen(depth - 1)})`;
      case 4: return `(${gen(depth - 1)})^${rand(4) + 2}`;
      default: return `${fns[rand(fns.length)]}(${gen(depth - 1)})`;
    }
  };
  return Array.from({ length: count }, () => gen(6));
}

function toJson(t: Term): unknown {
  if (t.kind === 0) return String(t.value);
  if (t.kind === 1) return t.name;
  return [t.op!.name, ...t.args.map(toJson)];
}

export async function runParsePrintBench(): Promise<Row[]> {
  const sources = corpus(2000);
  const chars = sources.reduce((n, s) => n + s.length, 0);
  const written = sources.map((s) => parse(s, { mode: 'written' }));
  const canonical = written.map((t) => parse(print(t)));
  const jsonTexts = written.map((t) => JSON.stringify(toJson(t)));
  const sexprs = written.map((t) => toSexpr(t));
  const rate = (ms: number) => `${(chars / ms / 1000).toFixed(1)} MB/s, ${((sources.length / ms) * 1000).toFixed(0)} expr/s`;
  const parseRows = await compare(`Parse ${sources.length} expressions (${(chars / 1e3).toFixed(0)} kB)`, [
    { name: 'JSON.parse of the same trees (floor)', run: () => jsonTexts.map((s) => JSON.parse(s)), size: rate },
    { name: 'parse infix, as written', run: () => sources.map((s) => parse(s, { mode: 'written' })), size: rate },
    { name: 'parse infix, canonical', run: () => sources.map((s) => parse(s)), size: rate },
    { name: 'parseSexpr, as written', run: () => sexprs.map((s) => parseSexpr(s, { mode: 'written' })), size: rate },
  ]);
  const printRows = await compare(`Print ${sources.length} expressions`, [
    { name: 'JSON.stringify of the same trees (floor)', run: () => written.map((t) => JSON.stringify(toJson(t))), size: rate },
    { name: 'print infix (written)', run: () => written.map(print), size: rate },
    { name: 'print infix (canonical)', run: () => canonical.map(print), size: rate },
    { name: 'toSexpr (written)', run: () => written.map(toSexpr), size: rate },
    { name: 'toLatex (canonical)', run: () => canonical.map(toLatex), size: rate },
  ]);
  return [...parseRows, ...printRows];
}
