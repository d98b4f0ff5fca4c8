/**
 * The lexer of the infix syntax: numerals, names, operators and punctuation, read on demand
 * one token at a time (no token array, so a 10-million-character input costs no more memory
 * than its terms).
 *
 * - Numerals: `3`, `0.5`, `2.`, `.5`, `1e-3`, `1E+21` (an `e` not followed by digits is not
 *   part of the numeral: `2e` is `2` then the name `e`).
 * - Names: a letter (any Unicode letter) or `_` followed by letters, marks, digits and `_`
 *   (`x`, `x_1`, `α`, `theta2`, `__proto__`), or any text in backquotes (`` `my var` ``,
 *   with `` \` `` and `\\` escapes).
 * - Operators: `+ - * / ^ ** ! = == != < <= > >=` and their Unicode forms `− × · ≠ ≤ ≥`
 *   (the token's `text` is the normalized form: `**` is `^`, `==` is `=`, `−` is `-`).
 * - Punctuation: `( ) , [ ] '` (the prime of `f'(x)`).
 */
import { ParseError } from './errors.js';

export type TokenKind = 'number' | 'name' | 'op' | '(' | ')' | ',' | '[' | ']' | "'" | 'end';

export interface Token {
  kind: TokenKind;
  /** Normalized text: the numeral, the name (without backquotes and escapes) or the operator. */
  text: string;
  /** Index of the first character in the source. */
  start: number;
  /** Index just after the last character. */
  end: number;
  /** A name written in backquotes. */
  quoted: boolean;
  /** Whitespace (or the start of the input) comes right before the token. */
  spaced: boolean;
}

/** Unicode operator spellings and their normalized forms. */
const UNICODE_OPS: ReadonlyMap<string, string> = new Map([
  ['\u2212', '-'], // minus sign
  ['\u00d7', '*'], // multiplication sign
  ['\u00b7', '*'], // middle dot
  ['\u2260', '!='],
  ['\u2264', '<='],
  ['\u2265', '>='],
]);

const LETTER = /^\p{L}$/u;
const NAME_PART = /^[\p{L}\p{M}\p{Nd}_]$/u;
const PLAIN_NAME = /^[\p{L}_][\p{L}\p{M}\p{Nd}_]*$/u;
const SPACE = /^\s$/u;

/**
 * True when `name` reads as one name token without backquotes (it may still collide with a
 * built-in name; see the printer).
 * @example isPlainName('__proto__') // true; isPlainName('my var') // false
 */
export function isPlainName(name: string): boolean {
  return PLAIN_NAME.test(name);
}

/**
 * `name` in backquotes, with backquotes and backslashes escaped.
 * @example quoteName('my var') // '`my var`'
 */
export function quoteName(name: string): string {
  return `\`${name.replace(/[\\`]/g, (c) => `\\${c}`)}\``;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/**
 * Reads tokens from `src` on demand.
 * @example new Lexer('2x^2').next() // { kind: 'number', text: '2', start: 0, end: 1, ... }
 */
export class Lexer {
  private pos = 0;

  constructor(private readonly src: string) {}

  /** The next token; `end` (repeatedly) at the end of the input. */
  next(): Token {
    const src = this.src;
    const n = src.length;
    const before = this.pos;
    let pos = before;
    // Whitespace: ASCII fast path, then any Unicode space.
    for (;;) {
      if (pos >= n) break;
      const c = src.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) {
        pos++;
        continue;
      }
      if (c > 127 && SPACE.test(src[pos]!)) {
        pos++;
        continue;
      }
      break;
    }
    const spaced = pos > before || pos === 0;
    if (pos >= n) {
      this.pos = pos;
      return { kind: 'end', text: '', start: pos, end: pos, quoted: false, spaced };
    }
    const c = src.charCodeAt(pos);
    if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(pos + 1)))) {
      const end = this.numeral(pos);
      return this.token('number', src.slice(pos, end), pos, end, spaced);
    }
    if (isAsciiLetter(c) || c === 95) {
      let end = pos + 1;
      for (;;) {
        const d = src.charCodeAt(end);
        if (isAsciiLetter(d) || isDigit(d) || d === 95) end++;
        else {
          if (d > 127) end = this.nameRest(end);
          break;
        }
      }
      return this.token('name', src.slice(pos, end), pos, end, spaced);
    }
    switch (c) {
      case 40: return this.token('(', '(', pos, pos + 1, spaced);
      case 41: return this.token(')', ')', pos, pos + 1, spaced);
      case 44: return this.token(',', ',', pos, pos + 1, spaced);
      case 91: return this.token('[', '[', pos, pos + 1, spaced);
      case 93: return this.token(']', ']', pos, pos + 1, spaced);
      case 39: return this.token("'", "'", pos, pos + 1, spaced);
      case 43: return this.token('op', '+', pos, pos + 1, spaced);
      case 45: return this.token('op', '-', pos, pos + 1, spaced);
      case 47: return this.token('op', '/', pos, pos + 1, spaced);
      case 94: return this.token('op', '^', pos, pos + 1, spaced);
      case 42: return src.charCodeAt(pos + 1) === 42 ? this.token('op', '^', pos, pos + 2, spaced) : this.token('op', '*', pos, pos + 1, spaced);
      case 33: return src.charCodeAt(pos + 1) === 61 ? this.token('op', '!=', pos, pos + 2, spaced) : this.token('op', '!', pos, pos + 1, spaced);
      case 61: return src.charCodeAt(pos + 1) === 61 ? this.token('op', '=', pos, pos + 2, spaced) : this.token('op', '=', pos, pos + 1, spaced);
      case 60: return src.charCodeAt(pos + 1) === 61 ? this.token('op', '<=', pos, pos + 2, spaced) : this.token('op', '<', pos, pos + 1, spaced);
      case 62: return src.charCodeAt(pos + 1) === 61 ? this.token('op', '>=', pos, pos + 2, spaced) : this.token('op', '>', pos, pos + 1, spaced);
      case 96: {
        const { name, end } = this.quoted(pos);
        return this.token('name', name, pos, end, spaced, true);
      }
    }
    const ch = String.fromCodePoint(src.codePointAt(pos)!);
    const op = UNICODE_OPS.get(ch);
    if (op !== undefined) return this.token('op', op, pos, pos + ch.length, spaced);
    if (LETTER.test(ch)) {
      const end = this.nameRest(pos);
      return this.token('name', src.slice(pos, end), pos, end, spaced);
    }
    throw new ParseError(`unknown character ${describeChar(ch)}`, src, pos);
  }

  /** A token from `start` to `end`; the lexer continues at `end`. */
  private token(kind: TokenKind, text: string, start: number, end: number, spaced: boolean, quoted = false): Token {
    this.pos = end;
    return { kind, text, start, end, quoted, spaced };
  }

  /** The end of the numeral starting at `pos`. */
  private numeral(pos: number): number {
    const src = this.src;
    let i = pos;
    while (isDigit(src.charCodeAt(i))) i++;
    if (src.charCodeAt(i) === 46) {
      i++;
      while (isDigit(src.charCodeAt(i))) i++;
    }
    const e = src.charCodeAt(i);
    if (e === 101 || e === 69) {
      let j = i + 1;
      const s = src.charCodeAt(j);
      if (s === 43 || s === 45) j++;
      if (isDigit(src.charCodeAt(j))) {
        while (isDigit(src.charCodeAt(j))) j++;
        i = j;
      }
    }
    if (src.charCodeAt(i) === 46) {
      let j = i;
      while (isDigit(src.charCodeAt(j)) || src.charCodeAt(j) === 46) j++;
      throw new ParseError(`malformed number '${src.slice(pos, j)}'`, src, pos);
    }
    return i;
  }

  /** The end of the name whose remaining characters (letters, marks, digits, `_`) start at `pos`. */
  private nameRest(pos: number): number {
    const src = this.src;
    let i = pos;
    while (i < src.length) {
      const d = src.charCodeAt(i);
      if (d < 128) {
        if (isAsciiLetter(d) || isDigit(d) || d === 95) {
          i++;
          continue;
        }
        break;
      }
      const ch = String.fromCodePoint(src.codePointAt(i)!);
      if (!NAME_PART.test(ch)) break;
      i += ch.length;
    }
    return i;
  }

  /** A name in backquotes starting at `pos` (with `` \` `` and `\\` escapes). */
  private quoted(pos: number): { name: string; end: number } {
    const src = this.src;
    let name = '';
    let from = pos + 1;
    let i = from;
    while (i < src.length) {
      const c = src.charCodeAt(i);
      if (c === 96) return { name: name + src.slice(from, i), end: i + 1 };
      if (c === 92 && (src.charCodeAt(i + 1) === 96 || src.charCodeAt(i + 1) === 92)) {
        name += src.slice(from, i) + src[i + 1];
        i += 2;
        from = i;
        continue;
      }
      i++;
    }
    throw new ParseError("unterminated name: missing closing '`'", src, pos);
  }
}

/** A character for an error message: quoted, or by code point when invisible. */
export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp < 32 || cp === 127 || (cp >= 0x80 && cp < 0xa0)) return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return ch === "'" ? `"'"` : `'${ch}'`;
}
