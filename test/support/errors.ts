/** What a call throws, and the checks of the parsers' error tables on it. */
import { expect } from 'vitest';
import { ParseError } from '../../src/term/errors.js';

/**
 * What `run` throws, or undefined when it returns.
 * @example thrown(() => parse('x +')) // a ParseError
 */
export function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  return undefined;
}

/**
 * Expects `run` to throw a ParseError "`what` at column `column`" that carries that column;
 * returns it for further checks (of its excerpt).
 * @example expectParseError(() => parseSexpr('(+ x'), "unbalanced parentheses: missing ')'", 1)
 */
export function expectParseError(run: () => unknown, what: string, column: number): ParseError {
  const err = thrown(run);
  expect(err).toBeInstanceOf(ParseError);
  const pe = err as ParseError;
  expect(pe.message).toBe(`${what} at column ${column}`);
  expect(pe.column).toBe(column);
  return pe;
}
