/**
 * Errors raised by equate. Every error carries a one-line message that says what was wrong
 * and, for input errors, where; the CLI prints `message` and never a stack trace.
 */
export class EquateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EquateError';
  }
}

/** Input that cannot be read: `column` is 1-based, `excerpt` shows the input with a caret. */
export class ParseError extends EquateError {
  readonly column: number;
  readonly excerpt: string;
  constructor(what: string, src: string, index: number) {
    const column = index + 1;
    super(`${what} at column ${column}`);
    this.name = 'ParseError';
    this.column = column;
    this.excerpt = caretExcerpt(src, index);
  }
}

/** A resource limit (depth, size, time, nodes) was reached; `limit` names it. */
export class LimitError extends EquateError {
  readonly limit: string;
  constructor(limit: string, message: string) {
    super(message);
    this.name = 'LimitError';
    this.limit = limit;
  }
}

/** A window of at most 60 characters of `src` around `index`, with a caret line below. */
export function caretExcerpt(src: string, index: number): string {
  const line = src.replace(/[\r\n\t]/g, ' ');
  const start = Math.max(0, Math.min(index - 30, line.length - 60));
  const end = Math.min(line.length, start + 60);
  const prefix = start > 0 ? '...' : '';
  const suffix = end < line.length ? '...' : '';
  const caret = ' '.repeat(prefix.length + index - start) + '^';
  return `${prefix}${line.slice(start, end)}${suffix}\n${caret}`;
}
