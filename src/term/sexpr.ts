/**
 * S-expressions in egg's syntax: `(+ x (* 2 y))`, `(sin x)`, `(f x y)`, `(pow a b)`.
 *
 * Atoms are numbers (`3`, `-3` and `1/3` exact; `0.5`, `1e-7` floats), symbols (`x`, `?x`,
 * `|any name|`) and the constants `pi` and `e`. A list's head is a registry operator by its
 * name (`+ * - / ^ neg sin ... Derivative Integral = <=`), one of egg's aliases (`pow` is `^`,
 * `ln` is `log`), the name of a partial derivative (`|D[1](f)|`), or else an undefined
 * function. `(- a)` is unary minus. Quoted names (`|...|`, with `\|` and `\\` escapes) are
 * always symbols in argument position and never aliases in head position.
 *
 * The reader is iterative (an explicit stack), so no nesting depth overflows the call stack;
 * input nested deeper than `limits.maxDepth` is a `LimitError`. The printer is iterative too.
 */
import { call, num, sym, type Term } from './term.js';
import { apply } from './canonical.js';
import { type Operator, getOperator, fn, derivedFn } from './operator.js';
import { POW, LOG, SUB, NEG, PI, E } from './operators.js';
import { Fraction, formatValue, parseNumeral, type Value } from './number.js';
import { termOps, type TermOps } from './interface.js';
import { ParseError, LimitError, EquateError } from './errors.js';
import { limits } from './limits.js';

export interface SexprOptions {
  /** 'canonical' (default) builds canonical terms with `apply`; 'written' keeps the lists exactly as written. */
  mode?: 'canonical' | 'written';
  /** Read decimal numerals (`0.1`) as exact rationals instead of floats. Default: false. */
  exactDecimals?: boolean;
  /** Read the atoms `pi` and `e` as the constants (default) or, when false, as plain symbols. */
  constants?: boolean;
}

/** egg's head aliases (unquoted heads only). */
const ALIASES: ReadonlyMap<string, Operator> = new Map([
  ['pow', POW],
  ['ln', LOG],
]);

const NUMBER = /^-?(?:[0-9]+(?:\/[0-9]+)?|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)$/;
const DERIVED = /^D\[([0-9]+(?:,[0-9]+)*)\]\(([\s\S]*)\)$/;
/** Characters that may not appear in an unquoted atom (besides whitespace, parentheses and `|`). */
const FORBIDDEN = /["'`,;[\]{}\u0000-\u001f\u007f]/;
const WHITESPACE = /\s/;

/** A list being read: its head, the arguments read so far and where it opened. */
interface Frame {
  head: Operator | '-';
  args: Term[];
  start: number;
}

/**
 * Reads one S-expression.
 * @example parseSexpr('(+ x (* 2 y))') === add([x, mul([int(2), y])]) // true
 * @example parseSexpr('(- x)', { mode: 'written' }) // neg(x), as written
 */
export function parseSexpr(src: string, opts: SexprOptions = {}): Term {
  if (src.length > limits.maxInputLength) {
    throw new LimitError('input', `input longer than ${limits.maxInputLength} characters`);
  }
  const written = opts.mode === 'written';
  const constants = opts.constants ?? true;
  const exactDecimals = opts.exactDecimals ?? false;
  const stack: Frame[] = [];
  let result: Term | undefined;
  let pos = 0;
  const n = src.length;

  const deliver = (t: Term, at: number): void => {
    if (stack.length > 0) stack[stack.length - 1]!.args.push(t);
    else if (result === undefined) result = t;
    else throw new ParseError(`unexpected ${describeAt(src, at)} after the expression`, src, at);
  };

  while (pos < n) {
    const c = src[pos]!;
    if (WHITESPACE.test(c)) {
      pos++;
      continue;
    }
    if (c === '(') {
      const start = pos;
      if (stack.length === 0 && result !== undefined) {
        throw new ParseError(`unexpected '(' after the expression`, src, start);
      }
      pos++;
      while (pos < n && WHITESPACE.test(src[pos]!)) pos++;
      if (pos >= n) throw new ParseError(`unbalanced parentheses: missing ')'`, src, start);
      const h = src[pos]!;
      if (h === ')') throw new ParseError('empty list ()', src, start);
      if (h === '(') throw new ParseError(`expected an operator name, got '('`, src, pos);
      const headAt = pos;
      let head: Frame['head'];
      if (h === '|') {
        const q = readQuoted(src, pos);
        pos = q.end;
        head = quotedHead(q.name, src, headAt);
      } else {
        const end = atomEnd(src, pos);
        const text = src.slice(pos, end);
        pos = end;
        if (NUMBER.test(text)) throw new ParseError(`expected an operator name, got the number ${text}`, src, headAt);
        head = text === '-' ? '-' : namedHead(text, src, headAt);
      }
      stack.push({ head, args: [], start });
      if (stack.length > limits.maxDepth) {
        throw new LimitError('depth', `S-expression nested deeper than ${limits.maxDepth} levels at column ${start + 1}`);
      }
      continue;
    }
    if (c === ')') {
      const frame = stack.pop();
      if (frame === undefined) throw new ParseError(`unbalanced parentheses: unexpected ')'`, src, pos);
      pos++;
      deliver(build(frame, written, src), frame.start);
      continue;
    }
    const at = pos;
    if (c === '|') {
      const q = readQuoted(src, pos);
      pos = q.end;
      deliver(sym(q.name), at);
      continue;
    }
    const end = atomEnd(src, pos);
    const text = src.slice(pos, end);
    pos = end;
    deliver(atom(text, constants, exactDecimals, src, at), at);
  }
  if (stack.length > 0) throw new ParseError(`unbalanced parentheses: missing ')'`, src, stack[stack.length - 1]!.start);
  if (result === undefined) throw new ParseError('empty input', src, 0);
  return result;
}

/** End of an unquoted atom starting at `pos`; throws on a character no atom may hold. */
function atomEnd(src: string, pos: number): number {
  let end = pos;
  while (end < src.length) {
    const c = src[end]!;
    if (c === '(' || c === ')' || c === '|' || WHITESPACE.test(c)) break;
    if (FORBIDDEN.test(c)) throw new ParseError(`unknown character ${JSON.stringify(c)}`, src, end);
    end++;
  }
  return end;
}

/** Reads `|...|` at `pos` (with `\|` and `\\` escapes). */
function readQuoted(src: string, pos: number): { name: string; end: number } {
  let name = '';
  let i = pos + 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '|') return { name, end: i + 1 };
    if (c === '\\' && i + 1 < src.length && (src[i + 1] === '|' || src[i + 1] === '\\')) {
      name += src[i + 1];
      i += 2;
      continue;
    }
    name += c;
    i++;
  }
  throw new ParseError(`unterminated quoted name: missing '|'`, src, pos);
}

function atom(text: string, constants: boolean, exactDecimals: boolean, src: string, at: number): Term {
  if (NUMBER.test(text)) return num(numberValue(text, exactDecimals, src, at));
  if (constants && text === 'pi') return call(PI, []);
  if (constants && text === 'e') return call(E, []);
  return sym(text);
}

function numberValue(text: string, exactDecimals: boolean, src: string, at: number): Value {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const slash = body.indexOf('/');
  if (slash >= 0) {
    const d = BigInt(body.slice(slash + 1));
    if (d === 0n) throw new ParseError(`zero denominator in ${text}`, src, at);
    const v = new Fraction(BigInt(body.slice(0, slash)), d);
    return negative ? v.neg() : v;
  }
  const v = parseNumeral(body, exactDecimals);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new ParseError(`number out of range: ${text}`, src, at);
    return negative ? -v : v;
  }
  return negative ? v.neg() : v;
}

/** The operator an unquoted head names. */
function namedHead(name: string, src: string, at: number): Operator {
  const alias = ALIASES.get(name);
  if (alias) return alias;
  return quotedHead(name, src, at);
}

/** The operator a (quoted) head names: built-in, partial derivative, or undefined function. */
function quotedHead(name: string, src: string, at: number): Operator {
  const op = getOperator(name);
  if (op) return op;
  const m = DERIVED.exec(name);
  if (m) {
    const base = getOperator(m[2]!);
    if (base && base.kind !== 'undefined') throw new ParseError(`${m[2]} is a built-in operator, not an undefined function`, src, at);
    return derivedFn(fn(m[2]!), m[1]!.split(',').map(Number));
  }
  return fn(name);
}

function build(frame: Frame, written: boolean, src: string): Term {
  const { args } = frame;
  let op: Operator;
  if (frame.head === '-') {
    if (args.length === 1) op = NEG;
    else if (args.length === 2) op = SUB;
    else throw new ParseError(`- takes 1 or 2 arguments, got ${args.length}`, src, frame.start);
  } else op = frame.head;
  if (!op.acceptsArity(args.length)) throw new ParseError(op.arityMessage(args.length), src, frame.start);
  try {
    return written ? call(op, args) : apply(op, args);
  } catch (e) {
    if (e instanceof LimitError || !(e instanceof EquateError)) throw e;
    throw new ParseError(e.message, src, frame.start);
  }
}


function describeAt(src: string, at: number): string {
  const c = src[at]!;
  if (c === '(' || c === ')' || c === '|') return `'${c}'`;
  let end = at;
  while (end < src.length && !/[\s()|]/.test(src[end]!)) end++;
  return `'${src.slice(at, end)}'`;
}

// ---------------------------------------------------------------------------------------
// Printing

/** True when `name` must be written `|name|` to read back as the same symbol or head. */
function needsQuotes(name: string, head: boolean): boolean {
  if (name === '' || NUMBER.test(name) || FORBIDDEN.test(name) || /[\s()|]/.test(name)) return true;
  return head ? ALIASES.has(name) || name === '-' : name === 'pi' || name === 'e';
}

function quote(name: string): string {
  return `|${name.replace(/[\\|]/g, (c) => `\\${c}`)}|`;
}

function nameText(name: string, head: boolean): string {
  return needsQuotes(name, head) ? quote(name) : name;
}

function headText(op: Operator): string {
  if (op === NEG) return 'neg';
  if (op.kind === 'undefined') return nameText(op.name, true);
  // Built-in names read back as themselves; a partial derivative's name holds parentheses.
  return op.kind === 'derived' ? quote(op.name) : op.name;
}

/**
 * An S-expression of any term representation: numbers as `formatValue` writes them (`-3`,
 * `1/3`, `2.0`), the constants as `pi` and `e`, other heads by their registry name.
 * @example sexprWith(termOps, parse('x + 2*y')) // '(+ x (* 2 y))'
 */
export function sexprWith<T>(ops: TermOps<T>, t: T): string {
  const out: string[] = [];
  // Work list of terms to print and text to emit, popped from the end.
  const work: (T | Text)[] = [t];
  while (work.length > 0) {
    const item = work.pop()!;
    if (item instanceof Text) {
      out.push(item.text);
      continue;
    }
    if (ops.isNumber(item)) out.push(formatValue(ops.numberValue(item)));
    else if (ops.isSymbol(item)) out.push(nameText(ops.symbolName(item), false));
    else {
      const op = ops.operation(item);
      const args = ops.args(item);
      if (args.length === 0 && (op === PI || op === E)) {
        out.push(op.name);
        continue;
      }
      out.push(`(${headText(op)}`);
      work.push(CLOSE);
      for (let i = args.length - 1; i >= 0; i--) work.push(args[i]!, SPACE);
    }
  }
  return out.join('');
}

/** Text on the printer's work list (a private class, so no term is mistaken for it). */
class Text {
  constructor(readonly text: string) {}
}
const CLOSE = new Text(')');
const SPACE = new Text(' ');

/**
 * The S-expression of a term; `parseSexpr(toSexpr(t), { mode })` is `t` again.
 * @example toSexpr(parse('sin(x)^2 + 1/3')) // '(+ 1/3 (^ (sin x) 2))'
 */
export function toSexpr(t: Term): string {
  return sexprWith(termOps, t);
}
