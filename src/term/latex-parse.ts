/**
 * The LaTeX reader: derivations as language models and SymPy write them, and everything the
 * LaTeX printer (`latex.ts`) writes.
 *
 * Grammar, loosest first: relations `= \neq < \leq > \geq` (a chain `a = b = c` only at the
 * top level, read by `parseLatexEquations`); sums `+ -`; prefix operators that take the whole
 * product after them: unary minus (`-x y` is -(x y); a number right after it is signed, so
 * `-2 x` is (-2) x), derivative operators (`\frac{d}{dx} x y` is the derivative of `x y`,
 * `y \frac{d}{dx} f` is `y` times a derivative) and functions without parentheses (`\sin x`);
 * products `\cdot \times * /` and implicit products (`2 x`, `x (y + 1)`,
 * `\eta{(a)} \frac{d}{da} \eta{(a)}`); powers `x^{2}` and `V^2` (one token unbraced, as in
 * TeX; `x^-1` too); postfix `!`; then atoms: numbers, names, function applications, `\frac`,
 * `\sqrt`, `\sqrt[n]`, groups `{ }`, `( )`, `[ ]`, `\left( \right)`, absolute values
 * `\left| \right|` and `| |`, integrals.
 *
 * - Names are one token each (see `latex-lexer.ts`): `x_{0}` is the symbol `x_0`, `\alpha` is
 *   `alpha`, `\mathbf{E}` is `\mathbf{E}`, `\hat{x}_0` is `\hat{x}_{0}`, `y^{\prime}` is
 *   `y^{\prime}`. A run of letters is a product of one-letter symbols (`ab` is `a b`).
 * - Constants: `\pi` is pi and `e` is e, or plain symbols with `constants: false` (as the
 *   derivation data needs). `e^{x}` is always the exponential. `i` is always a symbol.
 * - Built-in functions: `\sin{(x)}`, `\sin(x)`, `\sin{\left(x \right)}`, `\sin{x}`, and
 *   `\sin x` (the argument is the following product of numbers and names: `\sin 2x` is
 *   sin(2x), `\sin x \cos x` is sin(x) cos(x)); `\sin^{2}{(x)}` and `\sin^2(x)` are (sin x)^2,
 *   `\sin^{-1}` (also cos, tan) the inverse function; `\log_{b}` is the base-b logarithm.
 * - Function application vs multiplication: `name{(args)}` and `name{\left(args \right)}` (a
 *   parenthesis filling braces, SymPy's form) apply the undefined function `fn(name)`;
 *   `name^{k}{(args)}` is its k-th power. `name(args)` with plain parentheses applies `name`
 *   only when `name` is a function: one listed in `opts.functions`, or, when that option is
 *   not given, one applied in the braced form somewhere in the same input; otherwise it is a
 *   product (`x(y + 1)` is `x (y + 1)`). A derivation reader can share the functions of all
 *   its equations through `latexFunctionNames`.
 * - Derivatives: `\frac{d}{dx}`, `\frac{d^{2}}{dx^{2}}`, `\frac{\partial}{\partial x}`,
 *   `\frac{\partial^{2}}{\partial x \partial y}` (`Derivative(Derivative(f, y, 1), x, 1)`),
 *   `\partial_{x}` as operators; `\frac{dy}{dx}`, `\frac{d^{2} f}{d x^{2}}` with the function
 *   in the numerator. SymPy's `\left. \frac{d}{d \xi_{1}} f{\left(\xi_{1} \right)}
 *   \right|_{\substack{ \xi_{1}=x^{2} }}` is the derived function `D[1](f)` at `x^2`.
 * - Integrals: `\int f dx` (the differential `d` followed by a name, `d\Psi_{\lambda}` or
 *   `\mathrm{d} x`, closes the innermost integral; inside an integral, a symbol `d` followed by
 *   a name is always read as a differential), `\int_{a}^{b} f dx`, `\iint f dx dy` (inner
 *   integral over the first differential), `\int dx` (integrand 1).
 * - Numbers: `2`, `2.5` (a float, or exact with `exactDecimals`), the printer's
 *   `1.5 \cdot 10^{-7}` (one float).
 *
 * In written mode (the default) terms keep what was written, as the infix parser's written
 * mode does: `a - b` is `+(a, neg(b))`, `\frac{a}{b}` is `/(a, b)`, `\sqrt{x}` is `sqrt(x)`,
 * `e^{x}` is `exp(x)`. The parser is iterative (an explicit stack of frames), so no input
 * nesting exhausts the JS stack; nesting deeper than `limits.maxDepth` is a `LimitError`.
 */
import { call, num, sym, int, type Term } from './term.js';
import { apply } from './canonical.js';
import { getOperator, fn, derivedFn, type Operator } from './operator.js';
import {
  ADD, MUL, DIV, POW, NEG, FACTORIAL, EQ, NE, LT, LE, GT, GE, EXP, SQRT, ABS, PI, E, DERIVATIVE, INTEGRAL,
  SIN, COS, TAN, ASIN, ACOS, ATAN,
} from './operators.js';
import { parseNumeral, isExact, isOne, isMinusOne } from './number.js';
import { EquateError, LimitError, ParseError } from './errors.js';
import { limits } from './limits.js';
import { tokenizeLatex, appliedNames, bracedParen, isParenOpen, describeToken, type LatexTokens } from './latex-lexer.js';
import { REL, SUM, PROD, POWER } from './precedence.js';

export interface LatexParseOptions {
  /** 'written' (default) keeps exactly what was written; 'canonical' builds canonical terms. */
  mode?: 'written' | 'canonical';
  /** Read decimal numerals (`0.1`) as exact rationals instead of floats. Default: false. */
  exactDecimals?: boolean;
  /** Read `\pi` and `e` as the constants (default) or, when false, as plain symbols. */
  constants?: boolean;
  /**
   * Names applied with plain parentheses (`f(x)`), as the reader names them (`f`, `eta`,
   * `\mathbf{J}_{P}`). Default: the names applied as `name{(...)}` in the same input.
   */
  functions?: readonly string[];
}

const RELATIONS: ReadonlyMap<string, Operator> = new Map([
  ['=', EQ], ['!=', NE], ['<', LT], ['<=', LE], ['>', GT], ['>=', GE],
]);
const INVERSES: ReadonlyMap<Operator, Operator> = new Map([[SIN, ASIN], [COS, ACOS], [TAN, ATAN]]);
/** The order of a derivative. */
const ORDER = /^[0-9]{1,6}$/;
/** The name of a derived function, `D[1,2](f)`: its indices and the function differentiated. */
const DERIVED = /^D\[([1-9][0-9]{0,5}(?:,[1-9][0-9]{0,5})*)\]\((.+)\)$/;

/**
 * Reads one LaTeX expression or relation.
 * @example parseLatex('\\frac{d}{d a} \\eta{(a)} = e^{a}') // Derivative(eta(a), a, 1) = exp(a)
 * @example parseLatex('x^{2} + 2 x', { mode: 'canonical' }) === parse('x^2 + 2x') // true
 */
export function parseLatex(src: string, opts: LatexParseOptions = {}): Term {
  const { terms, chainAt } = read(src, opts);
  if (chainAt >= 0) {
    throw new ParseError('a chain of relations (read it with parseLatexEquations)', src, chainAt);
  }
  return terms[0]!;
}

/**
 * Reads one LaTeX expression, relation or chain of relations: `a = b = c` gives the equations
 * `a = b` and `b = c`, in order; anything else gives one term.
 * @example parseLatexEquations('x = y + 1 = 2') // [x = y + 1, y + 1 = 2]
 */
export function parseLatexEquations(src: string, opts: LatexParseOptions = {}): Term[] {
  return read(src, opts).terms;
}

/**
 * The names `src` applies in SymPy's braced form (`\eta{(a)}`, `f^{2}{(x, y)}`): pass those
 * of every equation of a derivation as `functions` to read `f(x)` as an application everywhere.
 * @example latexFunctionNames('\\eta{(a)} = \\mathbf{J}{\\left(a \\right)}') // ['eta', '\\mathbf{J}']
 */
export function latexFunctionNames(src: string): string[] {
  checkLength(src);
  return appliedNames(tokenizeLatex(src));
}

function checkLength(src: string): void {
  if (src.length > limits.maxInputLength) {
    throw new LimitError('input', `input longer than ${limits.maxInputLength} characters`);
  }
}

function read(src: string, opts: LatexParseOptions): { terms: Term[]; chainAt: number } {
  checkLength(src);
  return new LatexParser(tokenizeLatex(src), opts).run();
}

// Binding strength of the frames waiting for their right operand: the levels of precedence.ts
// and one of the reader's own.
/** Unary minus, derivative operators and functions applied without parentheses: they take a product. */
const PREFIX = 15;

/** A variable of a derivative and how many times to differentiate. */
interface DVar {
  v: Term;
  n: number;
}

/** An integral being read: its bounds and how many integral signs (`\iint` is 2). */
interface IntSpec {
  at: number;
  count: number;
  lo: Term | null;
  hi: Term | null;
}

/** What a bracketed group's value becomes when the group closes. */
type Then =
  | { t: 'paren' }
  | { t: 'abs' }
  | { t: 'args'; op: Operator; at: number; items: Term[]; power: Term | null; skip: number }
  | { t: 'frac-num'; at: number }
  | { t: 'frac-den'; at: number; num: Term }
  | { t: 'sqrt'; at: number }
  | { t: 'root-index'; at: number }
  | { t: 'root'; at: number; index: Term }
  | { t: 'fn-base'; at: number; op: Operator }
  | { t: 'fn-power'; at: number; op: Operator; base: Term | null }
  | { t: 'name-power'; at: number; op: Operator }
  | { t: 'int-lo'; spec: IntSpec }
  | { t: 'int-hi'; spec: IntSpec }
  | { t: 'leibniz'; at: number; vars: DVar[]; resume: number }
  | { t: 'subs'; at: number }
  | { t: 'substack'; at: number; body: Term; items: Term[]; resume: number }
  | { t: 'dvar'; den: Denominator }
  | { t: 'int-var'; spec: IntSpec; body: Term };

/** A variable of a derivative's denominator: tokens [s, t) and its order. */
interface VarSpan {
  s: number;
  t: number;
  n: number;
}

/** A derivative's denominator being read, variable by variable. */
interface Denominator {
  at: number;
  spans: VarSpan[];
  vars: DVar[];
  /** The next span to read. */
  k: number;
  /** The numerator is tokens (a, b); its function starts at token `rest` (`rest === b`: none, an operator). */
  a: number;
  rest: number;
  b: number;
  e: number;
}

/** What waits on the stack for the operand being read. */
type Frame =
  | { k: 'group'; open: number; end: number; then: Then }
  | { k: 'span'; stop: number; then: Then }
  | { k: 'int'; spec: IntSpec }
  | { k: 'neg'; at: number }
  | { k: 'pow'; at: number; base: Term | null }
  | { k: 'prod'; at: number; items: Term[]; div: boolean }
  | { k: 'sum'; at: number; items: Term[]; minus: boolean }
  | { k: 'rel'; ops: Operator[]; items: Term[]; ats: number[] }
  | { k: 'deriv'; at: number; vars: DVar[] }
  | { k: 'bare'; at: number; op: Operator; base: Term | null; power: Term | null };

function strength(f: Frame): number {
  switch (f.k) {
    case 'group': case 'span': case 'int': return -1;
    case 'rel': return REL;
    case 'sum': return SUM;
    case 'deriv': case 'bare': case 'neg': return PREFIX;
    case 'prod': return PROD;
    case 'pow': return POWER;
  }
}

/** A small positive integer term's value, if it is one. */
function smallInt(t: Term): number | undefined {
  const v = t.value;
  if (v === null || !isExact(v) || v.d !== 1n || v.s < 0n || v.n > 1_000_000n) return undefined;
  return Number(v.n);
}

class LatexParser {
  private readonly kind: LatexTokens['kind'];
  private readonly text: string[];
  private readonly match: number[];
  private readonly src: string;
  private readonly written: boolean;
  private readonly exactDecimals: boolean;
  private readonly constants: boolean;
  private readonly functions: ReadonlySet<string>;
  private readonly frames: Frame[] = [];
  /** Where the open spans stop, innermost last. */
  private readonly spans: number[] = [];
  /** Groups and integrals open on the stack. */
  private depth = 0;
  private pos = 0;

  constructor(private readonly t: LatexTokens, opts: LatexParseOptions) {
    this.kind = t.kind;
    this.text = t.text;
    this.match = t.match;
    this.src = t.src;
    this.written = opts.mode !== 'canonical';
    this.exactDecimals = opts.exactDecimals ?? false;
    this.constants = opts.constants ?? true;
    this.functions = new Set(opts.functions ?? appliedNames(t));
  }

  run(): { terms: Term[]; chainAt: number } {
    if (this.kind[0] === 'end') throw new ParseError('empty input', this.src, 0);
    let cur: Term | null = null;
    for (;;) {
      const i = this.pos;
      const k = this.kind[i]!;
      if (cur === null) {
        cur = this.operand(i);
        continue;
      }
      if (this.spans.length > 0 && this.spans[this.spans.length - 1] === i) {
        cur = this.closeSpan(cur);
        continue;
      }
      switch (k) {
        case '^':
          cur = this.reduce(cur, POWER);
          if (this.kind[i + 1] === '-' && (this.kind[i + 2] === 'num' || this.kind[i + 2] === 'name')) {
            // `x^-1`: a signed single token.
            const u = this.kind[i + 2] === 'num' ? this.number(i + 2) : this.single(i + 2);
            cur = this.build(POW, [cur, this.build(NEG, [u], this.at(i + 1))], this.at(i));
            break;
          }
          this.frames.push({ k: 'pow', at: this.at(i), base: cur });
          this.pos = i + 1;
          cur = null;
          break;
        case '!':
          this.pos = i + 1;
          cur = this.build(FACTORIAL, [cur], this.at(i));
          break;
        case '*': case '/':
          this.product(cur, k === '/', i, false);
          this.pos = i + 1;
          cur = null;
          break;
        case '+': case '-': {
          cur = this.reduce(cur, SUM);
          const top = this.top();
          if (top?.k === 'sum') {
            this.feedSum(top, cur);
            top.minus = k === '-';
            top.at = this.at(i);
          } else this.frames.push({ k: 'sum', at: this.at(i), items: [cur], minus: k === '-' });
          this.pos = i + 1;
          cur = null;
          break;
        }
        case 'rel':
          this.relation(cur, i);
          cur = null;
          break;
        case ',': case 'row':
          this.separator(cur, i);
          cur = null;
          break;
        case '}': case ')': case ']': case 'right':
          cur = this.close(cur, i);
          break;
        case '|': {
          const g = this.innermost();
          if (g?.k === 'group' && g.end === -1) {
            cur = this.close(cur, i);
            break;
          }
          this.product(cur, false, i, false);
          cur = null;
          break;
        }
        case 'end':
          return this.finish(cur);
        case '.':
          if (this.kind[i + 1] === 'end') {
            this.pos = i + 1; // a full stop after the last equation
            break;
          }
          throw new ParseError("unexpected '.'", this.src, this.at(i));
        case 'num':
          throw new ParseError(`missing operator before ${describeToken(this.t, i)}`, this.src, this.at(i));
        case '_':
          throw new ParseError("unexpected '_' (only a name takes a subscript)", this.src, this.at(i));
        case "'":
          throw new ParseError(`unexpected "'" (only a name takes a prime)`, this.src, this.at(i));
        default:
          if (k === 'name' && this.isDifferential(i)) {
            cur = this.closeIntegral(cur, i);
            break;
          }
          // Implicit product: the next operand follows without an operator.
          this.product(cur, false, i, k === 'name');
          cur = null;
      }
    }
  }

  private at(i: number): number {
    return this.t.start[i]!;
  }

  private top(): Frame | undefined {
    return this.frames[this.frames.length - 1];
  }

  /** The innermost group or integral on the stack. */
  private innermost(): Frame | undefined {
    for (let j = this.frames.length - 1; j >= 0; j--) {
      const f = this.frames[j]!;
      if (f.k === 'group' || f.k === 'span' || f.k === 'int') return f;
    }
    return undefined;
  }

  /** Reads tokens [s, t) as one operand whose value goes to `then`. */
  private pushSpan(s: number, t: number, then: Then): null {
    if (++this.depth > limits.maxDepth) {
      throw new LimitError('depth', `expression nested deeper than ${limits.maxDepth} levels at column ${this.at(s) + 1}`);
    }
    this.frames.push({ k: 'span', stop: t, then });
    this.spans.push(t);
    this.pos = s;
    return null;
  }

  /** The end of the innermost span. */
  private closeSpan(cur: Term): Term | null {
    cur = this.reduce(cur, 0);
    const f = this.frames.pop();
    if (f?.k !== 'span') throw new ParseError(`unexpected ${describeToken(this.t, this.pos)}`, this.src, this.at(this.pos));
    this.spans.pop();
    this.depth--;
    return this.resume(f.then, cur);
  }

  private pushGroup(open: number, end: number, then: Then): void {
    if (++this.depth > limits.maxDepth) {
      throw new LimitError('depth', `expression nested deeper than ${limits.maxDepth} levels at column ${this.at(open) + 1}`);
    }
    this.frames.push({ k: 'group', open, end, then });
  }

  // --- operands -------------------------------------------------------------------------------

  /** Reads what starts an operand at `i`; returns it, or null when it opened a frame. */
  private operand(i: number): Term | null {
    const k = this.kind[i]!;
    switch (k) {
      case 'num': return this.signed(i) ?? this.number(i);
      case 'name': return this.name(i);
      case 'fn': return this.function(i);
      case 'cmd':
        switch (this.text[i]) {
          case 'frac': return this.fraction(i);
          case 'sqrt':
            this.pos = i + 1;
            if (this.kind[i + 1] === '[') {
              this.pushGroup(i + 1, this.match[i + 1]!, { t: 'root-index', at: this.at(i) });
              this.pos = i + 2;
              return null;
            }
            return this.arg({ t: 'sqrt', at: this.at(i) }, i);
          case 'int': case 'iint': case 'iiint': {
            const count = this.text[i] === 'int' ? 1 : this.text[i] === 'iint' ? 2 : 3;
            this.pos = i + 1;
            return this.integral({ at: this.at(i), count, lo: null, hi: null });
          }
          case 'partial': return this.partial(i);
        }
        break;
      case '{': case '(': case '[':
        this.pushGroup(i, this.match[i]!, { t: 'paren' });
        this.pos = i + 1;
        return null;
      case 'left': {
        const d = this.text[i];
        this.pushGroup(i, this.match[i]!, d === '|' ? { t: 'abs' } : d === '.' ? { t: 'subs', at: this.at(i) } : { t: 'paren' });
        this.pos = i + 1;
        return null;
      }
      case '|':
        this.pushGroup(i, -1, { t: 'abs' });
        this.pos = i + 1;
        return null;
      case '-':
        this.frames.push({ k: 'neg', at: this.at(i) });
        this.pos = i + 1;
        return null;
      case '+':
        this.pos = i + 1;
        return null;
      case '}': case ')': case ']': case 'right': {
        // The empty argument list of `f{\left( \right)}`.
        const f = this.top();
        if (f?.k === 'group' && f.end === i && f.then.t === 'args' && f.then.items.length === 0 && this.pos === f.open + 1) {
          this.frames.pop();
          this.depth--;
          this.pos = i + 1;
          return this.callOf(f.then);
        }
        break;
      }
    }
    throw this.expected(i);
  }

  /** The error for a token that cannot start an operand. */
  private expected(i: number): ParseError {
    if (i === 0) return new ParseError(`unexpected ${describeToken(this.t, i)}`, this.src, this.at(i));
    const top = this.top();
    const p = i - 1;
    const what = top?.k === 'deriv' || top?.k === 'bare'
      ? `'${this.src.slice(top.at, this.t.end[p])}'`
      : describeToken(this.t, p);
    return new ParseError(`expected an expression after ${what}`, this.src, this.t.end[p]!);
  }

  /**
   * A number right after a unary minus (`-2 x`, `-1.0 x`) is a negative number, the
   * coefficient of its product (the minus of a product without one applies to the whole
   * product: `-x y` is `-(x y)`); not before `^` or `!` (`-2^{2}` is -(2^2)).
   */
  private signed(i: number): Term | undefined {
    if (this.kind[i - 1] !== '-' || this.kind[i + 1] === '^' || this.kind[i + 1] === '!') return undefined;
    const top = this.top();
    const at = this.at(i - 1);
    if (top?.k !== 'neg' || top.at !== at) return undefined;
    this.frames.pop();
    return this.build(NEG, [this.number(i)], at);
  }

  /** A numeral (with the printer's `1.5 \cdot 10^{-7}` read as one float). */
  private number(i: number): Term {
    const kind = this.kind, text = this.text;
    let numeral = text[i]!;
    let next = i + 1;
    if (numeral.includes('.') && kind[i + 1] === '*' && text[i + 1] === 'cdot' && kind[i + 2] === 'num' && text[i + 2] === '10' && kind[i + 3] === '^') {
      const j = i + 4;
      if (kind[j] === '{') {
        let k = j + 1;
        let sign = '';
        if (kind[k] === '-' || kind[k] === '+') {
          sign = kind[k] === '-' ? '-' : '';
          k++;
        }
        if (kind[k] === 'num' && /^[0-9]+$/.test(text[k]!) && this.match[j] === k + 1) {
          numeral = `${numeral}e${sign}${text[k]}`;
          next = k + 2;
        }
      } else if (kind[j] === 'num' && /^[0-9]$/.test(text[j]!)) {
        numeral = `${numeral}e${text[j]}`;
        next = j + 1;
      }
    }
    const v = parseNumeral(numeral, this.exactDecimals);
    if (typeof v === 'number' && !Number.isFinite(v)) {
      throw new ParseError(`number out of range: ${numeral}`, this.src, this.at(i));
    }
    this.pos = next;
    return num(v);
  }

  /** A name: symbol, constant, undefined function applied, `e^{...}`, an integrand-free differential. */
  private name(i: number): Term | null {
    const name = this.text[i]!;
    const kind = this.kind;
    if (name === 'd' && kind[i + 1] === 'name' && this.top()?.k === 'int') return this.closeIntegral(int(1), i);
    if (name === 'e' && kind[i + 1] === '^') {
      if (kind[i + 2] === '-' && (kind[i + 3] === 'num' || kind[i + 3] === 'name')) {
        // `e^-x`: a signed single token.
        const u = kind[i + 3] === 'num' ? this.number(i + 3) : this.single(i + 3);
        return this.build(EXP, [this.build(NEG, [u], this.at(i + 2))], this.at(i));
      }
      this.frames.push({ k: 'pow', at: this.at(i), base: null });
      this.pos = i + 2;
      return null;
    }
    if (bracedParen(this.t, i + 1) >= 0) return this.openCall(this.undefinedFn(name, i), this.at(i), i + 1, null, false);
    if (kind[i + 1] === '^') {
      const after = kind[i + 2] === '{' ? this.match[i + 2]! + 1 : i + 3;
      if (bracedParen(this.t, after) >= 0 || (this.functions.has(name) && isParenOpen(this.t, after))) {
        this.pos = i + 2;
        return this.arg({ t: 'name-power', at: this.at(i), op: this.undefinedFn(name, i) }, i + 1);
      }
    }
    if (this.functions.has(name) && isParenOpen(this.t, i + 1)) {
      return this.openCall(this.undefinedFn(name, i), this.at(i), i + 1, null, false);
    }
    this.pos = i + 1;
    return this.symbol(name);
  }

  /** The name at `i` as a symbol or constant, nothing more. */
  private single(i: number): Term {
    this.pos = i + 1;
    return this.symbol(this.text[i]!);
  }

  private symbol(name: string): Term {
    if (this.constants) {
      if (name === 'pi') return this.build(PI, [], 0);
      if (name === 'e') return this.build(E, [], 0);
    }
    return sym(name);
  }

  /**
   * The function a name applies: an undefined function, the built-in function of that name, or
   * the derived function the printer names `D[2](g)` (as `\operatorname{D[2](g)}`).
   */
  private undefinedFn(name: string, i: number): Operator {
    const lists: number[][] = [];
    let base = name;
    for (let m = DERIVED.exec(base); m !== null; m = DERIVED.exec(base)) {
      lists.push(m[1]!.split(',').map(Number));
      base = m[2]!;
    }
    const op = getOperator(base);
    if (op !== undefined && op.kind === 'function' && lists.length === 0) return op;
    if (op !== undefined && op.kind !== 'undefined') {
      throw new ParseError(`${base} is a built-in operator, not an undefined function`, this.src, this.at(i));
    }
    let f = fn(base);
    for (let j = lists.length - 1; j >= 0; j--) f = derivedFn(f, lists[j]!);
    return f;
  }

  /** A built-in function command at `i`: `\sin`, `\log_{2}`, `\sin^{2}`, `\sin^{-1}`. */
  private function(i: number): Term | null {
    const op = getOperator(this.text[i]!)!;
    const at = this.at(i);
    if (this.kind[i + 1] === '_') {
      if (op.maxArity < 2) throw new ParseError(`unexpected '_' after ${describeToken(this.t, i)}`, this.src, this.at(i + 1));
      this.pos = i + 2;
      return this.arg({ t: 'fn-base', at, op }, i + 1);
    }
    if (this.kind[i + 1] === '^') {
      this.pos = i + 2;
      return this.arg({ t: 'fn-power', at, op, base: null }, i + 1);
    }
    this.pos = i + 1;
    return this.openCall(op, at, i + 1, null, true, null);
  }

  /**
   * Opens the arguments of `op` at token `i`: `{(...)}`, `{\left(...\right)}`, `(...)`,
   * `\left(...\right)`; for built-in functions also `{...}` and an unbracketed argument.
   */
  private openCall(op: Operator, at: number, i: number, power: Term | null, builtin: boolean, base: Term | null = null): null {
    const items = base === null ? [] : [base];
    const close = bracedParen(this.t, i);
    if (close >= 0) {
      this.pushGroup(i + 1, close, { t: 'args', op, at, items, power, skip: this.match[i]! });
      this.pos = i + 2;
      return null;
    }
    if (isParenOpen(this.t, i) || (builtin && this.kind[i] === '{')) {
      this.pushGroup(i, this.match[i]!, { t: 'args', op, at, items, power, skip: -1 });
      this.pos = i + 1;
      return null;
    }
    if (!builtin) throw new ParseError(`expected '(' after the function ${op.name}`, this.src, this.at(i));
    if (this.kind[i] === 'end' || this.kind[i] === 'rel' || this.kind[i] === '}' || this.kind[i] === ')' || this.kind[i] === 'right' || this.kind[i] === ',') {
      throw new ParseError(`expected an argument after the function ${op.name}`, this.src, this.at(i));
    }
    this.frames.push({ k: 'bare', at, op, base, power });
    this.pos = i;
    return null;
  }

  /** The call a finished argument list makes (raised to its power, if any). */
  private callOf(then: Then & { t: 'args' }): Term {
    let t = this.build(then.op, then.items, then.at);
    if (then.power !== null) t = this.build(POW, [t, then.power], then.at);
    if (then.skip >= 0) this.pos = then.skip + 1;
    return t;
  }

  /**
   * An argument of a command or script at `this.pos`: a braced group (its value arrives when
   * it closes) or one token; `after` is the token it follows (for messages).
   */
  private arg(then: Then, after: number): Term | null {
    const i = this.pos;
    if (this.kind[i] === '{') {
      this.pushGroup(i, this.match[i]!, then);
      this.pos = i + 1;
      return null;
    }
    const k = this.kind[i];
    let v: Term;
    if (k === 'num') v = this.number(i);
    else if (k === 'name') v = this.single(i);
    else if (k === '-' && (this.kind[i + 1] === 'num' || this.kind[i + 1] === 'name') && (then.t === 'fn-power' || then.t === 'name-power')) {
      // `\sin^-1`: a signed single token.
      const u = this.kind[i + 1] === 'num' ? this.number(i + 1) : this.single(i + 1);
      v = this.build(NEG, [u], this.at(i));
    } else {
      throw new ParseError(`expected an argument after ${describeToken(this.t, after)}`, this.src, this.at(i));
    }
    return this.resume(then, v);
  }

  /** `\frac` at `i`: a fraction, or a derivative in Leibniz's notation. */
  private fraction(i: number): Term | null {
    const at = this.at(i);
    const a = i + 1;
    if (this.kind[a] === '{') {
      const b = this.match[a]!;
      if (this.kind[b + 1] === '{') {
        const d = this.derivative(a, b, b + 1, this.match[b + 1]!);
        if (d !== undefined) return d;
      }
      this.pushGroup(a, b, { t: 'frac-num', at });
      this.pos = a + 1;
      return null;
    }
    this.pos = a;
    return this.arg({ t: 'frac-num', at }, i);
  }

  /** Token `j` is `d` or `\partial`. */
  private isD(j: number): boolean {
    return (this.kind[j] === 'name' && this.text[j] === 'd') || (this.kind[j] === 'cmd' && this.text[j] === 'partial');
  }

  /** An order `2` or `{2}` (up to 6 digits) at `j`: its value and the token after it. */
  private order(j: number): { n: number; next: number } | undefined {
    if (this.kind[j] === 'num' && ORDER.test(this.text[j]!)) return { n: Number(this.text[j]), next: j + 1 };
    if (this.kind[j] === '{' && this.kind[j + 1] === 'num' && this.match[j] === j + 2 && ORDER.test(this.text[j + 1]!)) {
      return { n: Number(this.text[j + 1]), next: j + 3 };
    }
    return undefined;
  }

  /**
   * The order raised at `j` (`^2`, `^{2}`), 1 when no `^` stands there: its value and the token
   * after it; undefined for a `^` without an order.
   */
  private raisedOrder(j: number): { n: number; next: number } | undefined {
    return this.kind[j] === '^' ? this.order(j + 1) : { n: 1, next: j };
  }

  /**
   * `\frac{d^{n} ...}{d x^{k} ...}` with the numerator in tokens (a, b) and the denominator in
   * (c, e): undefined when it is not a derivative; else the derivative operator is pushed (or
   * its numerator opened) and null returned.
   */
  private derivative(a: number, b: number, c: number, e: number): null | undefined {
    const i = a + 1;
    if (!this.isD(i)) return undefined;
    const raised = this.raisedOrder(i + 1);
    if (raised === undefined) return undefined;
    const order = raised.n, rest = raised.next;
    if (rest > b) return undefined;
    const spans: VarSpan[] = [];
    let total = 0;
    let j = c + 1;
    while (j < e) {
      if (!this.isD(j)) return undefined;
      const s = j + 1;
      let t: number;
      if (this.kind[s] === 'name') t = bracedParen(this.t, s + 1) >= 0 ? this.match[s + 1]! + 1 : s + 1;
      else if (isParenOpen(this.t, s) || this.kind[s] === '{') t = this.match[s]! + 1;
      else return undefined;
      const o = this.raisedOrder(t);
      if (o === undefined) return undefined;
      j = o.next;
      spans.push({ s, t, n: o.n });
      total += o.n;
    }
    if (spans.length === 0 || j !== e) return undefined;
    const at = this.at(a - 1);
    if (total !== order || order < 1) {
      throw new ParseError(`derivative of order ${order} over variables of total order ${total}`, this.src, at);
    }
    return this.denominator({ at, spans, vars: [], k: 0, a, rest, b, e });
  }

  /**
   * Reads a derivative's variables from span `den.k` on (a name directly, anything else, such
   * as `f{(x)}` or `(f^{\prime})`, as an operand), then pushes the operator or opens the
   * numerator's function.
   */
  private denominator(den: Denominator): null {
    while (den.k < den.spans.length) {
      const sp = den.spans[den.k]!;
      if (sp.t === sp.s + 1 && this.kind[sp.s] === 'name') {
        den.vars.push({ v: sym(this.text[sp.s]!), n: sp.n });
        den.k++;
        continue;
      }
      return this.pushSpan(sp.s, sp.t, { t: 'dvar', den });
    }
    if (den.rest === den.b) {
      this.frames.push({ k: 'deriv', at: den.at, vars: den.vars });
      this.pos = den.e + 1;
      return null;
    }
    this.pushGroup(den.a, den.b, { t: 'leibniz', at: den.at, vars: den.vars, resume: den.e + 1 });
    this.pos = den.rest;
    return null;
  }

  /** `\partial_{x}`, `\partial_x`, `\partial_{x}^{2}`: a derivative operator. */
  private partial(i: number): null {
    const at = this.at(i);
    let j = i + 1;
    if (this.kind[j] !== '_') throw new ParseError('expected a subscript (the variable) after \\partial', this.src, this.at(j));
    j++;
    let name: string | undefined;
    if (this.kind[j] === 'name') {
      name = this.text[j];
      j++;
    } else if (this.kind[j] === '{' && this.kind[j + 1] === 'name' && this.match[j] === j + 2) {
      name = this.text[j + 1];
      j += 3;
    }
    if (name === undefined) throw new ParseError('expected a variable after \\partial_', this.src, this.at(j));
    const o = this.raisedOrder(j);
    if (o === undefined) throw new ParseError('expected an order (1, 2, ...) after \\partial_', this.src, this.at(j + 1));
    this.frames.push({ k: 'deriv', at, vars: [{ v: sym(name), n: o.n }] });
    this.pos = o.next;
    return null;
  }

  /** The derivative of `body` with respect to `vars`, the last variable innermost. */
  private differentiate(body: Term, vars: readonly DVar[], at: number): Term {
    for (let j = vars.length - 1; j >= 0; j--) body = this.build(DERIVATIVE, [body, vars[j]!.v, int(vars[j]!.n)], at);
    return body;
  }

  /** An integral's bounds (from `this.pos`), then its body opened. */
  private integral(spec: IntSpec): null | Term {
    const k = this.kind[this.pos];
    if (k === '_' && spec.lo === null) {
      this.pos++;
      return this.arg({ t: 'int-lo', spec }, this.pos - 1);
    }
    if (k === '^' && spec.hi === null) {
      this.pos++;
      return this.arg({ t: 'int-hi', spec }, this.pos - 1);
    }
    if ((spec.lo === null) !== (spec.hi === null)) throw new ParseError('a definite integral needs both bounds', this.src, spec.at);
    if (spec.lo !== null && spec.count > 1) throw new ParseError('bounds of a multiple integral are not supported', this.src, spec.at);
    for (let j = 0; j < spec.count; j++) {
      if (++this.depth > limits.maxDepth) {
        throw new LimitError('depth', `expression nested deeper than ${limits.maxDepth} levels at column ${spec.at + 1}`);
      }
      this.frames.push({ k: 'int', spec });
    }
    return null;
  }

  /** Token `i` (a name) is the differential `d x` of the innermost open integral. */
  private isDifferential(i: number): boolean {
    return this.text[i] === 'd' && this.kind[i + 1] === 'name' && this.innermost()?.k === 'int';
  }

  /**
   * Closes the innermost integral at its differential (token `i` is `d`); a variable applied
   * (`d\mathbf{v}{(C_{2})}`) is read as an operand first.
   */
  private closeIntegral(cur: Term, i: number): Term | null {
    cur = this.reduce(cur, 0);
    const f = this.frames.pop() as Frame & { k: 'int' };
    this.depth--;
    if (bracedParen(this.t, i + 2) >= 0) return this.pushSpan(i + 1, this.match[i + 2]! + 1, { t: 'int-var', spec: f.spec, body: cur });
    this.pos = i + 2;
    return this.integralOf(f.spec, cur, sym(this.text[i + 1]!));
  }

  private integralOf(spec: IntSpec, body: Term, v: Term): Term {
    const { lo, hi } = spec;
    return this.build(INTEGRAL, lo !== null && hi !== null ? [body, v, lo, hi] : [body, v], spec.at);
  }

  // --- groups ---------------------------------------------------------------------------------

  /** A closing bracket at `i` (or the `|` closing an absolute value). */
  private close(cur: Term, i: number): Term | null {
    cur = this.reduce(cur, 0);
    const f = this.top();
    if (f?.k !== 'group' || (f.end !== i && !(f.end === -1 && this.kind[i] === '|'))) {
      if (f?.k === 'int') throw new ParseError('missing the differential (such as dx) of the integral', this.src, f.spec.at);
      if (f?.k === 'group' && f.end === -1) throw new ParseError("missing '|' to close '|'", this.src, this.at(f.open));
      throw new ParseError(`unexpected ${describeToken(this.t, i)}`, this.src, this.at(i));
    }
    this.frames.pop();
    this.depth--;
    this.pos = i + 1;
    return this.resume(f.then, cur);
  }

  /** What a group's (or single-token argument's) value `v` becomes. */
  private resume(then: Then, v: Term): Term | null {
    switch (then.t) {
      case 'paren': return v;
      case 'abs': return this.build(ABS, [v], this.at(this.pos - 1));
      case 'args':
        then.items.push(v);
        return this.callOf(then);
      case 'frac-num': return this.arg({ t: 'frac-den', at: then.at, num: v }, this.pos - 1);
      case 'frac-den': return this.build(DIV, [then.num, v], then.at);
      case 'sqrt': return this.build(SQRT, [v], then.at);
      case 'root-index': return this.arg({ t: 'root', at: then.at, index: v }, this.pos - 1);
      case 'root': return this.build(POW, [v, this.build(DIV, [int(1), then.index], then.at)], then.at);
      case 'fn-base':
        if (this.kind[this.pos] === '^') {
          this.pos++;
          return this.arg({ t: 'fn-power', at: then.at, op: then.op, base: v }, this.pos - 1);
        }
        return this.openCall(then.op, then.at, this.pos, null, true, v);
      case 'fn-power': {
        const inverse = INVERSES.get(then.op);
        if (inverse !== undefined && isMinusOneTerm(v)) return this.openCall(inverse, then.at, this.pos, null, true, then.base);
        return this.openCall(then.op, then.at, this.pos, v, true, then.base);
      }
      case 'name-power': return this.openCall(then.op, then.at, this.pos, v, false);
      case 'int-lo':
        then.spec.lo = v;
        return this.integral(then.spec);
      case 'int-hi':
        then.spec.hi = v;
        return this.integral(then.spec);
      case 'leibniz':
        this.pos = then.resume;
        return this.differentiate(v, then.vars, then.at);
      case 'subs': return this.substitutions(v, then.at);
      case 'substack':
        then.items.push(v);
        this.pos = then.resume;
        return this.evaluatedAt(then.body, then.items, then.at);
      case 'dvar':
        then.den.vars.push({ v, n: then.den.spans[then.den.k]!.n });
        then.den.k++;
        return this.denominator(then.den);
      case 'int-var': return this.integralOf(then.spec, then.body, v);
    }
  }

  /** `_{\substack{ ... }}` or `_{...}` after `\left. body \right|`. */
  private substitutions(body: Term, at: number): null {
    let i = this.pos;
    if (this.kind[i] !== '_' || this.kind[i + 1] !== '{') {
      throw new ParseError("expected '_{...}' (the point of evaluation) after '\\right|'", this.src, this.at(i));
    }
    i++;
    const outer = this.match[i]!;
    if (this.kind[i + 1] === 'cmd' && this.text[i + 1] === 'substack' && this.kind[i + 2] === '{' && this.match[i + 2] === outer - 1) {
      this.pushGroup(i + 2, outer - 1, { t: 'substack', at, body, items: [], resume: outer + 1 });
      this.pos = i + 3;
    } else {
      this.pushGroup(i, outer, { t: 'substack', at, body, items: [], resume: outer + 1 });
      this.pos = i + 1;
    }
    return null;
  }

  /**
   * SymPy's `\left. \frac{d}{d \xi_{1}} f{\left(\xi_{1} \right)} \right|_{\xi_{1}=x^{2}}`: the
   * derived function `D[1](f)` applied to `x^2`.
   */
  private evaluatedAt(body: Term, items: readonly Term[], at: number): Term {
    const fail = (): never => {
      throw new ParseError('only derivatives of an undefined function can be evaluated at a point', this.src, at);
    };
    const point = new Map<string, Term>();
    for (const it of items) {
      if (it.op !== EQ || it.args[0]!.name === null) fail();
      point.set(it.args[0]!.name!, it.args[1]!);
    }
    const order: [string, number][] = [];
    let u = body;
    while (u.op === DERIVATIVE) {
      const [g, v, n] = u.args as [Term, Term, Term];
      const k = smallInt(n);
      if (v.name === null || k === undefined || k < 1) fail();
      order.push([v.name!, k!]);
      u = g;
    }
    if (order.length === 0 || u.op === null || (u.op.kind !== 'undefined' && u.op.kind !== 'derived')) fail();
    const names = u.args.map((a) => a.name);
    if (names.some((n) => n === null) || new Set(names).size !== names.length) fail();
    const indices: number[] = [];
    for (const [name, k] of order) {
      const idx = names.indexOf(name);
      if (idx < 0) fail();
      for (let j = 0; j < k; j++) indices.push(idx + 1);
    }
    const args = u.args.map((a) => point.get(a.name!) ?? a);
    return this.build(derivedFn(u.op!, indices), args, at);
  }

  /** `,` (between arguments) or `\\` (between rows of `\substack`) at `i`. */
  private separator(cur: Term, i: number): void {
    const g = this.innermost();
    const ok = g?.k === 'group' && (g.then.t === 'args' || g.then.t === 'substack');
    if (!ok) throw new ParseError(`unexpected ${describeToken(this.t, i)}`, this.src, this.at(i));
    cur = this.reduce(cur, 0);
    const top = this.top() as Frame & { k: 'group' };
    (top.then as { items: Term[] }).items.push(cur);
    this.pos = i + 1;
  }

  /** A relation at `i`: chains only at the top level. */
  private relation(cur: Term, i: number): void {
    const op = RELATIONS.get(this.text[i]!)!;
    cur = this.reduce(cur, REL);
    const top = this.top();
    if (top?.k === 'rel') {
      const below = this.frames[this.frames.length - 2];
      // `\xi_{1}=a < b`: the value of a substitution may be a relation.
      const value = below?.k === 'group' && below.then.t === 'substack' && top.ops.length === 1;
      if (!value && this.frames.length !== 1) {
        throw new ParseError(`unexpected ${describeToken(this.t, i)} after a relation inside brackets`, this.src, this.at(i));
      }
      top.items.push(cur);
      top.ops.push(op);
      top.ats.push(this.at(i));
    } else this.frames.push({ k: 'rel', ops: [op], items: [cur], ats: [this.at(i)] });
    this.pos = i + 1;
  }

  /** The end of the input. */
  private finish(cur: Term): { terms: Term[]; chainAt: number } {
    cur = this.reduce(cur, REL);
    const top = this.top();
    if (top?.k === 'rel' && this.frames.length === 1) {
      this.frames.pop();
      const items = [...top.items, cur];
      const terms = top.ops.map((op, j) => this.build(op, [items[j]!, items[j + 1]!], top.ats[j]!));
      return { terms, chainAt: top.ops.length > 1 ? top.ats[1]! : -1 };
    }
    cur = this.reduce(cur, 0);
    const f = this.top();
    if (f !== undefined) {
      if (f.k === 'int') throw new ParseError('missing the differential (such as dx) of the integral', this.src, f.spec.at);
      if (f.k === 'group' && f.end === -1) throw new ParseError("missing '|' to close '|'", this.src, this.at(f.open));
      throw new ParseError('unexpected end of input', this.src, this.src.length);
    }
    return { terms: [cur], chainAt: -1 };
  }

  // --- operators ------------------------------------------------------------------------------

  /** Pops the frames that bind tighter than `p` (all of them down to a group for 0), applying each to `cur`. */
  private reduce(cur: Term, p: number): Term {
    const frames = this.frames;
    for (;;) {
      const f = frames[frames.length - 1];
      if (f === undefined || strength(f) <= p) return cur;
      frames.pop();
      cur = this.apply(f, cur);
    }
  }

  /** An operator frame applied to its last operand. */
  private apply(f: Frame, cur: Term): Term {
    switch (f.k) {
      case 'neg': return this.build(NEG, [cur], f.at);
      case 'pow': return f.base === null ? this.build(EXP, [cur], f.at) : this.build(POW, [f.base, cur], f.at);
      case 'prod':
        this.feedProduct(f, cur);
        return this.collapse(f.items, MUL, f.at);
      case 'sum':
        this.feedSum(f, cur);
        return this.collapse(f.items, ADD, f.at);
      case 'rel': {
        if (f.ops.length === 1) return this.build(f.ops[0]!, [f.items[0]!, cur], f.ats[0]!);
        const below = this.frames[this.frames.length - 1];
        if (f.ops.length === 2 && below?.k === 'group' && below.then.t === 'substack') {
          return this.build(f.ops[0]!, [f.items[0]!, this.build(f.ops[1]!, [f.items[1]!, cur], f.ats[1]!)], f.ats[0]!);
        }
        throw new ParseError('a chain of relations must stand alone', this.src, f.ats[1]!);
      }
      case 'deriv': return this.differentiate(cur, f.vars, f.at);
      case 'bare': {
        let t = this.build(f.op, f.base === null ? [cur] : [f.base, cur], f.at);
        if (f.power !== null) t = this.build(POW, [t, f.power], f.at);
        return t;
      }
      case 'group': case 'span': case 'int':
        throw new Error('a group is not an operator');
    }
  }

  /**
   * `cur` followed by `*` or `/` (or an implicit product) at token `i`; `simple` when the next
   * factor is a number or a name, which extends the argument of a function applied without
   * parentheses (`\sin 2 x`).
   */
  private product(cur: Term, div: boolean, i: number, simple: boolean): void {
    cur = this.reduce(cur, PROD);
    if (!simple) {
      for (;;) {
        const f = this.top();
        const below = this.frames[this.frames.length - 2];
        if (f?.k === 'bare' || (f?.k === 'prod' && below?.k === 'bare')) {
          this.frames.pop();
          cur = this.apply(f, cur);
          continue;
        }
        break;
      }
    }
    const at = this.at(i);
    const top = this.top();
    if (top?.k === 'prod') {
      this.feedProduct(top, cur);
      top.div = div;
      top.at = at;
    } else this.frames.push({ k: 'prod', at, items: [cur], div });
  }

  private feedProduct(f: Frame & { k: 'prod' }, t: Term): void {
    if (!f.div) f.items.push(t);
    else {
      // Division is binary and left-associative: a b / c is /(*(a, b), c).
      const left = this.collapse(f.items, MUL, f.at);
      f.items = [this.build(DIV, [left, t], f.at)];
    }
  }

  private feedSum(f: Frame & { k: 'sum' }, t: Term): void {
    f.items.push(f.minus ? this.build(NEG, [t], f.at) : t);
  }

  private collapse(items: Term[], op: Operator, at: number): Term {
    return items.length === 1 ? items[0]! : this.build(op, items, at);
  }

  /** `op(args)` in the parser's mode, with arity errors at `at`. */
  private build(op: Operator, args: Term[], at: number): Term {
    if (!op.acceptsArity(args.length)) throw new ParseError(op.arityMessage(args.length), this.src, at);
    try {
      return this.written ? call(op, args) : apply(op, args);
    } catch (e) {
      if (e instanceof LimitError || !(e instanceof EquateError)) throw e;
      throw new ParseError(e.message, this.src, at);
    }
  }
}

/** `-1` as a number or as written (`neg(1)`). */
function isMinusOneTerm(t: Term): boolean {
  if (t.value !== null) return isMinusOne(t.value);
  const a = t.op === NEG ? t.args[0]! : undefined;
  return a !== undefined && a.value !== null && isExact(a.value) && isOne(a.value);
}
