/**
 * The infix parser. STUB: being written.
 */
import type { Term } from './term.js';

export interface ParseOptions {
  /** 'canonical' (default) builds canonical terms; 'written' keeps exactly what was written. */
  mode?: 'canonical' | 'written';
  /** Read decimal numerals (`0.1`) as exact rationals instead of floats. Default: false. */
  exactDecimals?: boolean;
  /** Read `pi` and `e` as the constants (default) or, when false, as plain symbols. */
  constants?: boolean;
}

export function parse(src: string, opts: ParseOptions = {}): Term {
  void src; void opts;
  throw new Error('parse: not implemented yet');
}
