/**
 * What the simplifier tests share: terms read as written, and the table cases (after
 * SymbolicUtils.jl's and Metatheory.jl's) that the classical and the e-graph engine both
 * simplify to the same term.
 */
import { parse } from '../../src/term/parse.js';
import type { Term } from '../../src/term/term.js';

/**
 * `s` read as written (nothing simplified before the simplifier sees it).
 * @example written('x/x') // x/x, not 1
 */
export const written = (s: string): Term => parse(s, { mode: 'written' });

/** Input and simplified result (printed), the first cases of both engines' tables. */
export const TABLE_CASES: readonly [string, string][] = [
  ['1x + 2x', '3*x'],
  ['a + b + 0*c + d', 'a + b + d'],
  ['a*x^y*b*x^d', 'a*b*x^(d + y)'],
  ['cos(x)^2 + 1 + sin(x)^2', '2'],
  ['exp(a)*exp(-a)', '1'],
  ['2*((y + z)/x) - 2*y/x - z/x*2', '0'],
  ['x/(x + 3) + 3/(x + 3)', '1'],
  ['(x^2 - 1)/(x - 1)', '1 + x'],
];
