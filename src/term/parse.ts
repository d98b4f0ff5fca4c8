/**
 * The infix parser: `x^2 + sin(y)/3`, `2x`, `f(x, y)`, `f'(x)`, `a <= b`.
 *
 * Grammar, loosest first: relations `= != < <= > >=` (non-associative), sums `+ -`, products
 * `* /` and implicit products (`2x`, `2 sin(x)`, `x y`, `2(x + 1)`, `(a)(b)`), unary `-` and
 * `+`, powers `^` (or `**`, right-associative, binding tighter than unary minus on its left:
 * `-x^2` is `-(x^2)`, `2^-x` is `2^(-x)`), postfix `!` (factorial), then atoms: numerals,
 * names, calls and parentheses.
 *
 * Names: a built-in function name (`sin`, `sqrt`, `log`, `Derivative`, ...; `ln` is `log`)
 * must be followed by `(`; `pi` and `e` are the constants (plain symbols with
 * `constants: false`); any other name directly followed by `(` is an undefined function
 * applied (`f(x)`; with a space, `x (y + 1)` is a product); `f'(x)` and `f''(x)` apply the
 * derivative of f, `D[1,2](f)(x, y)` any partial derivative; every other name is a symbol.
 * A name in backquotes (`` `my var` ``) is never a built-in name.
 *
 * The parser is iterative (shunting-yard with an explicit stack of frames), so no input
 * nesting exhausts the JS stack; nesting deeper than `limits.maxDepth` is a `LimitError`.
 * Sum and product chains are collected whole, so a sum of 100,000 terms is one `add` call.
 */
import { call, int, num, sym, type Term } from './term.js';
import { apply, add, mul, pow, neg, MINUS_ONE } from './canonical.js';
import { getOperator, fn, derivedFn, type Operator } from './operator.js';
import { ADD, MUL, DIV, POW, NEG, FACTORIAL, LOG, EQ, NE, LT, LE, GT, GE } from './operators.js';
import { parseNumeral } from './number.js';
import { EquateError, LimitError, ParseError } from './errors.js';
import { limits } from './limits.js';
import { Lexer, type Token } from './lexer.js';
import { REL, SUM, PROD, UNARY, POWER } from './precedence.js';

export interface ParseOptions {
  /** 'canonical' (default) builds canonical terms; 'written' keeps exactly what was written. */
  mode?: 'canonical' | 'written';
  /** Read decimal numerals (`0.1`) as exact rationals instead of floats. Default: false. */
  exactDecimals?: boolean;
  /** Read `pi` and `e` as the constants (default) or, when false, as plain symbols. */
  constants?: boolean;
}

const RELATIONS: ReadonlyMap<string, Operator> = new Map([
  ['=', EQ], ['!=', NE], ['<', LT], ['<=', LE], ['>', GT], ['>=', GE],
]);

/** Names that read as another operator's name. */
const ALIASES: ReadonlyMap<string, Operator> = new Map([['ln', LOG]]);

/**
 * The operator a plain name denotes when it is a built-in (function, constant, calculus or
 * other non-undefined operator), or undefined for names free to be symbols and functions.
 * @example builtinName('ln') === LOG // true
 */
export function builtinName(name: string): Operator | undefined {
  const alias = ALIASES.get(name);
  if (alias) return alias;
  const op = getOperator(name);
  return op !== undefined && op.kind !== 'undefined' && op.kind !== 'derived' ? op : undefined;
}

// Binding strength of the frames waiting for their right operand: the levels of precedence.ts.

/** What waits on the stack for the operand being read. */
type Frame =
  | { k: 'group'; open: number }
  | { k: 'call'; open: number; at: number; op: Operator; args: Term[] }
  | { k: 'neg'; at: number }
  | { k: 'pow'; at: number; base: Term }
  | { k: 'prod'; at: number; items: Term[]; div: boolean }
  | { k: 'sum'; at: number; items: Term[]; minus: boolean }
  | { k: 'rel'; at: number; op: Operator; left: Term };

function strength(f: Frame): number {
  return (f as unknown as { s: number }).s;
}

/**
 * A frame with every field (the unused ones empty) and its binding strength `s`: one object
 * shape for all frames keeps reading them fast.
 */
function frame(k: Frame['k'], s: number, at: number, open: number, op: Operator | null, args: Term[] | null, base: Term | null, items: Term[] | null, flag: boolean, left: Term | null): Frame {
  return { k, s, at, open, op, args, base, items, div: flag, minus: flag, left } as unknown as Frame;
}

/**
 * Reads an infix expression.
 * @example parse('x^2 + 2x') === add([mul([int(2), x]), pow(x, int(2))]) // true
 * @example parse('a - b', { mode: 'written' }) // +(a, neg(b)), as written
 * @example parse('0.1', { exactDecimals: true }) // 1/10
 */
export function parse(src: string, opts: ParseOptions = {}): Term {
  if (src.length > limits.maxInputLength) {
    throw new LimitError('input', `input longer than ${limits.maxInputLength} characters`);
  }
  return new Parser(src, opts).run();
}

class Parser {
  private readonly lexer: Lexer;
  private readonly written: boolean;
  private readonly exactDecimals: boolean;
  private readonly constants: boolean;
  private readonly frames: Frame[] = [];
  /** Open parentheses (groups and calls) on the stack. */
  private depth = 0;
  private tok: Token;
  private prev: Token | null = null;

  constructor(private readonly src: string, opts: ParseOptions) {
    this.lexer = new Lexer(src);
    this.written = opts.mode === 'written';
    this.exactDecimals = opts.exactDecimals ?? false;
    this.constants = opts.constants ?? true;
    this.tok = this.lexer.next();
  }

  private advance(): void {
    this.prev = this.tok;
    this.tok = this.lexer.next();
  }

  run(): Term {
    if (this.tok.kind === 'end') throw new ParseError('empty input', this.src, 0);
    let cur: Term | null = null;
    for (;;) {
      const t = this.tok;
      if (cur === null) {
        cur = this.operand(t);
        continue;
      }
      switch (t.kind) {
        case 'op': {
          const o = t.text;
          if (o === '!') {
            this.advance();
            cur = this.build(FACTORIAL, [cur], t.start);
          } else if (o === '^') {
            cur = this.reduce(cur, POWER);
            this.frames.push(frame('pow', POWER, t.start, 0, null, null, cur, null, false, null));
            this.advance();
            cur = null;
          } else if (o === '*' || o === '/') {
            this.product(cur, o === '/', t.start);
            this.advance();
            cur = null;
          } else if (o === '+' || o === '-') {
            cur = this.reduce(cur, SUM);
            const top = this.top();
            if (top?.k === 'sum') {
              this.feedSum(top, cur);
              top.minus = o === '-';
              top.at = t.start;
            } else this.frames.push(frame('sum', SUM, t.start, 0, null, null, null, [cur], o === '-', null));
            this.advance();
            cur = null;
          } else {
            const op = RELATIONS.get(o)!;
            cur = this.reduce(cur, REL);
            const top = this.top();
            if (top?.k === 'rel') {
              throw new ParseError(`unexpected '${this.text(t)}' after a relation (relations do not chain)`, this.src, t.start);
            }
            this.frames.push(frame('rel', REL, t.start, 0, op, null, null, null, false, cur));
            this.advance();
            cur = null;
          }
          break;
        }
        case 'name':
        case '(':
          // Implicit product: the next operand follows without an operator.
          this.product(cur, false, t.start);
          cur = null;
          break;
        case ')':
          cur = this.close(cur, t);
          break;
        case ',': {
          cur = this.reduce(cur, 0);
          const top = this.top();
          if (top?.k !== 'call') throw new ParseError("unexpected ','", this.src, t.start);
          top.args.push(cur);
          this.advance();
          cur = null;
          break;
        }
        case 'end': {
          cur = this.reduce(cur, 0);
          const top = this.top();
          if (top !== undefined) throw new ParseError("missing ')' to close '('", this.src, (top as { open: number }).open);
          return cur;
        }
        case 'number':
          throw new ParseError(`missing operator before '${this.text(t)}'`, this.src, t.start);
        default:
          throw new ParseError(`unexpected ${describe(t, this.src)}`, this.src, t.start);
      }
    }
  }

  /** The current token (a call, so that checks after `advance` are not narrowed away). */
  private peek(): Token {
    return this.tok;
  }

  private top(): Frame | undefined {
    return this.frames[this.frames.length - 1];
  }

  private text(t: Token): string {
    return this.src.slice(t.start, t.end);
  }

  /** Reads what starts an operand; returns it, or null when it opened a frame (`(`, `-`, a call). */
  private operand(t: Token): Term | null {
    switch (t.kind) {
      case 'number': {
        this.advance();
        const small = smallNumeral(t.text);
        if (small >= 0) return int(small);
        const v = parseNumeral(t.text, this.exactDecimals);
        if (typeof v === 'number' && !Number.isFinite(v)) {
          throw new ParseError(`number out of range: ${t.text}`, this.src, t.start);
        }
        return num(v);
      }
      case 'name':
        return this.name(t);
      case '(':
        this.open();
        this.frames.push(frame('group', -1, 0, t.start, null, null, null, null, false, null));
        this.advance();
        return null;
      case 'op':
        if (t.text === '-') {
          this.frames.push(frame('neg', UNARY, t.start, 0, null, null, null, null, false, null));
          this.advance();
          return null;
        }
        if (t.text === '+') {
          this.advance();
          return null;
        }
        break;
      case ')': {
        const top = this.top();
        if (top?.k === 'call' && top.args.length === 0 && this.prev?.kind === '(') {
          this.frames.pop();
          this.depth--;
          this.advance();
          return this.build(top.op, [], top.at);
        }
        break;
      }
    }
    throw this.expected(t);
  }

  /** The error for a token that cannot start an operand. */
  private expected(t: Token): ParseError {
    const p = this.prev;
    if (p === null) return new ParseError(`unexpected ${describe(t, this.src)}`, this.src, t.start);
    return new ParseError(`expected an expression after '${this.text(p)}'`, this.src, p.end);
  }

  private open(): void {
    if (++this.depth > limits.maxDepth) {
      throw new LimitError('depth', `expression nested deeper than ${limits.maxDepth} levels at column ${this.tok.start + 1}`);
    }
  }

  /** A name: symbol, constant, call of a built-in, undefined or derived function. */
  private name(t: Token): Term | null {
    this.advance();
    const next = this.tok;
    const direct = !next.spaced;
    if (t.quoted) {
      if (next.kind === '(' && direct) return this.openCall(this.undefinedFn(t.text, t), t.start);
      if (next.kind === "'" && direct) return this.primes(t.text, t);
      return sym(t.text);
    }
    if (t.text === 'D' && next.kind === '[' && direct) return this.derivative(t);
    const op = builtinName(t.text);
    if (op === undefined) {
      if (next.kind === '(' && direct) return this.openCall(fn(t.text), t.start);
      if (next.kind === "'" && direct) return this.primes(t.text, t);
      return sym(t.text);
    }
    if (op.kind === 'constant') return this.constants ? this.build(op, [], t.start) : sym(t.text);
    if (next.kind === '(') return this.openCall(op, t.start);
    if (next.kind === "'" && direct) throw new ParseError(`${t.text} is a built-in operator, not an undefined function`, this.src, t.start);
    throw new ParseError(`expected '(' after the function name ${t.text}`, this.src, t.end);
  }

  /** The undefined function `name`; built-in names are not. */
  private undefinedFn(name: string, t: Token): Operator {
    const op = getOperator(name);
    if (op !== undefined && op.kind !== 'undefined') {
      throw new ParseError(`${name} is a built-in operator, not an undefined function`, this.src, t.start);
    }
    return fn(name);
  }

  /** `f'(...)`, `f''(...)`: the current token is the first prime. */
  private primes(name: string, t: Token): null {
    let order = 0;
    while (this.peek().kind === "'" && (order === 0 || !this.peek().spaced)) {
      order++;
      this.advance();
    }
    const op = derivedFn(this.undefinedFn(name, t), new Array<number>(order).fill(1));
    if (this.peek().kind !== '(') {
      throw new ParseError(`expected '(' after ${this.src.slice(t.start, this.prev!.end)}`, this.src, this.prev!.end);
    }
    return this.openCall(op, t.start);
  }

  /** `D[i, j, ...](f)(args)`, possibly nested (`D[2](D[1](f))`): the current token is `[`. */
  private derivative(d: Token): null {
    const lists: number[][] = [];
    let base: Token;
    for (;;) {
      // At '[' after D.
      this.advance();
      const indices: number[] = [];
      for (;;) {
        const t = this.peek();
        if (t.kind !== 'number' || !/^[0-9]+$/.test(t.text) || Number(t.text) < 1 || !Number.isSafeInteger(Number(t.text))) {
          throw new ParseError(`expected an argument index (1, 2, ...) in D[...]`, this.src, t.start);
        }
        indices.push(Number(t.text));
        this.advance();
        if (this.peek().kind === ',') {
          this.advance();
          continue;
        }
        if (this.peek().kind === ']') break;
        throw new ParseError(`expected ',' or ']' in D[...]`, this.src, this.peek().start);
      }
      this.advance();
      if (this.peek().kind !== '(') throw new ParseError(`expected '(' after D[${indices.join(',')}]`, this.src, this.peek().start);
      lists.push(indices);
      if (lists.length > limits.maxDepth) {
        throw new LimitError('depth', `expression nested deeper than ${limits.maxDepth} levels at column ${this.peek().start + 1}`);
      }
      this.advance();
      const t = this.peek();
      if (t.kind !== 'name') throw new ParseError('expected a function name in D[...](...)', this.src, t.start);
      this.advance();
      if (!t.quoted && t.text === 'D' && this.peek().kind === '[' && !this.peek().spaced) continue;
      base = t;
      break;
    }
    let op = this.undefinedFn(base.text, base);
    if (this.peek().kind === "'" && !this.peek().spaced) {
      let order = 0;
      while (this.peek().kind === "'" && (order === 0 || !this.peek().spaced)) {
        order++;
        this.advance();
      }
      op = derivedFn(op, new Array<number>(order).fill(1));
    }
    for (let i = lists.length - 1; i >= 0; i--) {
      if (this.peek().kind !== ')') throw new ParseError(`expected ')' to close 'D[${lists[i]!.join(',')}]('`, this.src, this.peek().start);
      this.advance();
      op = derivedFn(op, lists[i]!);
    }
    if (this.peek().kind !== '(') {
      throw new ParseError(`expected '(' after ${this.src.slice(d.start, this.prev!.end)}`, this.src, this.peek().start);
    }
    return this.openCall(op, d.start);
  }

  /** Opens the argument list of `op` at the current `(`. */
  private openCall(op: Operator, at: number): null {
    this.open();
    this.frames.push(frame('call', -1, at, this.tok.start, op, [], null, null, false, null));
    this.advance();
    return null;
  }

  /** Pops the frames that bind tighter than `p` (all of them down to a parenthesis for 0), applying each to `cur`. */
  private reduce(cur: Term, p: number): Term {
    const frames = this.frames;
    for (;;) {
      const f = frames[frames.length - 1];
      if (f === undefined || strength(f) <= p) return cur;
      frames.pop();
      switch (f.k) {
        case 'neg':
          cur = this.written ? this.build(NEG, [cur], f.at) : this.guard(neg, cur, null, f.at);
          break;
        case 'pow': {
          const base = f.base, e = cur;
          cur = this.written ? this.build(POW, [base, e], f.at) : this.guard(pow, base, e, f.at);
          break;
        }
        case 'prod':
          this.feedProduct(f, cur);
          cur = this.collapse(f.items, MUL, f.at);
          break;
        case 'sum':
          this.feedSum(f, cur);
          cur = this.collapse(f.items, ADD, f.at);
          break;
        case 'rel':
          cur = this.build(f.op, [f.left, cur], f.at);
          break;
      }
    }
  }

  /** `cur` followed by `*` (or `/`, or an implicit product) at `at`. */
  private product(cur: Term, div: boolean, at: number): void {
    cur = this.reduce(cur, PROD);
    const top = this.top();
    if (top?.k === 'prod') {
      this.feedProduct(top, cur);
      top.div = div;
      top.at = at;
    } else this.frames.push(frame('prod', PROD, at, 0, null, null, null, [cur], div, null));
  }

  private feedProduct(f: Frame & { k: 'prod' }, t: Term): void {
    if (!f.div) f.items.push(t);
    else if (this.written) {
      // Division is binary and left-associative: a*b/c is /(*(a, b), c).
      const left = this.collapse(f.items, MUL, f.at);
      f.items = [this.build(DIV, [left, t], f.at)];
    } else f.items.push(this.guard(pow, t, MINUS_ONE, f.at));
  }

  private feedSum(f: Frame & { k: 'sum' }, t: Term): void {
    if (!f.minus) f.items.push(t);
    else f.items.push(this.written ? this.build(NEG, [t], f.at) : this.guard(neg, t, null, f.at));
  }

  private collapse(items: Term[], op: Operator, at: number): Term {
    if (items.length === 1) return items[0]!;
    if (this.written) return this.build(op, items, at);
    return this.guard(op === ADD ? add : mul, items, null, at);
  }

  /** `)`: closes the innermost group or call. */
  private close(cur: Term, t: Token): Term {
    cur = this.reduce(cur, 0);
    const f = this.frames.pop();
    if (f === undefined) throw new ParseError("unexpected ')'", this.src, t.start);
    this.depth--;
    this.advance();
    if (f.k === 'group') return cur;
    const call = f as Frame & { k: 'call' };
    call.args.push(cur);
    return this.build(call.op, call.args, call.at);
  }

  /** `op(args)` in the parser's mode, with arity errors at `at`. */
  private build(op: Operator, args: Term[], at: number): Term {
    if (!op.acceptsArity(args.length)) throw new ParseError(op.arityMessage(args.length), this.src, at);
    return this.guard(this.written ? call : apply, op, args, at);
  }

  /** `make(a, b)`, a constructor, reporting its input errors (not limits) at `at`. */
  private guard<A, B>(make: (a: A, b: B) => Term, a: A, b: B, at: number): Term {
    try {
      return make(a, b);
    } catch (e) {
      if (e instanceof LimitError || !(e instanceof EquateError)) throw e;
      throw new ParseError(e.message, this.src, at);
    }
  }

}


/** The value of a numeral of one to three digits (the shared small integer terms), else -1. */
function smallNumeral(text: string): number {
  if (text.length > 3) return -1;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function describe(t: Token, src: string): string {
  if (t.kind === 'end') return 'end of input';
  const text = src.slice(t.start, t.end);
  return text === "'" ? `"'"` : `'${text}'`;
}
