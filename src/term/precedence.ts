/**
 * The binding strengths of the operator levels (higher binds tighter), taken from the
 * registry's `precedence` fields (`operators.ts`): the levels the parsers' frames bind at and
 * the printers' parentheses are decided by. A parser or printer adds its own levels between
 * these where it needs them (the LaTeX reader's prefix operators, the printer's quotients).
 *
 * @example
 * import { SUM, PROD } from './precedence.js';
 * SUM < PROD // a sum inside a product is parenthesized
 */
import { EQ, ADD, MUL, NEG, POW, FACTORIAL, SIN } from './operators.js';

/** Relations: `=`, `!=`, `<`, `<=`, `>`, `>=`. */
export const REL = EQ.precedence;
/** Sums and differences. */
export const SUM = ADD.precedence;
/** Products and quotients. */
export const PROD = MUL.precedence;
/** Unary minus. */
export const UNARY = NEG.precedence;
/** Powers. */
export const POWER = POW.precedence;
/** Postfix operators: the factorial. */
export const POSTFIX = FACTORIAL.precedence;
/** Atoms and calls written with their arguments in brackets, as `sin(x)`. */
export const ATOM = SIN.precedence;
