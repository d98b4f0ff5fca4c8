/**
 * The infix printer. STUB: being written.
 */
import type { Term } from './term.js';
import { termOps, type TermOps } from './interface.js';

export function printWith<T>(ops: TermOps<T>, t: T): string {
  void ops; void t;
  throw new Error('print: not implemented yet');
}

export function print(t: Term): string {
  return printWith(termOps, t);
}
