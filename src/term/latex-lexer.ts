/**
 * The lexer of the LaTeX reader: splits LaTeX math as language models and SymPy write it into
 * tokens, reads every name (with its decorations and subscript) as one token, and pairs the
 * brackets.
 *
 * - Numbers: `3`, `2.5`, `.5`. After an unbraced `^`, `_` or `\frac` a numeral is one digit,
 *   as in TeX (`\frac12` is `\frac{1}{2}`; `x^23` is `x^{2}` then `3`, which the parser
 *   rejects as a missing operator).
 * - Names (token kind `name`): a letter (`x`, `α`), a Greek or symbol command (`\alpha`,
 *   `\nabla`), a decorated name (`\mathbf{E}`, `\hat{x}`, `\dot{x}`, `\mathbb{I}`,
 *   `\hat{\mathbf{r}}`), or upright text (`\mathrm{velocity}`, `\operatorname{J_{\varepsilon}}`,
 *   `\text{d}`), followed by an optional subscript (`x_0`, `x_{i,j}`, `\Psi_{\lambda}`) and
 *   decoration superscripts (`y^{\prime}`, `y'`, `a^{\dagger}`, `\psi^{*}`), which belong to
 *   the name (any other superscript is a power). See `readName` below for the name a token gets.
 * - Built-in functions (kind `fn`, text = operator name): `\sin`, `\cos`, `\tan`, `\sec`,
 *   `\csc`, `\cot`, `\sinh`, `\cosh`, `\tanh`, `\exp`, `\log`, `\ln` (log), `\arcsin`,
 *   `\arccos`, `\arctan` (asin, acos, atan), any `\name` or `\operatorname{name}` that names a
 *   function of the operator registry (`\operatorname{asin}`, `\abs`).
 * - Commands (kind `cmd`): `\frac` (and `\dfrac`, `\tfrac`), `\sqrt`, `\int`, `\iint`, `\iiint`,
 *   `\partial`, `\substack`. Operators: `+ - * / ^ _ ! , |`, `\cdot` and `\times` (`*`), `\div`
 *   (`/`), relations (kind `rel`: `= < > \neq \ne \leq \le \geq \ge \lt \gt`, `<=`, `>=`, and
 *   `≠ ≤ ≥`), the row separator `\\`.
 * - Brackets: `{ }`, `( )`, `[ ]`, `\{ \}` (read as parentheses), `\left X ... \right Y`
 *   (kinds `left` / `right`, text the delimiter: `( ) [ ] | . { }`); `\big(` and its sizes are
 *   plain brackets. `match[i]` is the index of the partner of every bracket.
 * - Ignored: spaces, `~`, `$`, spacing commands (`\,` `\;` `\:` `\!` `\ ` `\quad` `\qquad`),
 *   `\limits`, `\nolimits`, `\displaystyle`.
 *
 * Everything is read in one left-to-right pass with explicit counters and stacks, so no input
 * nesting exhausts the JS stack; brackets nested deeper than `limits.maxDepth` are a
 * `LimitError`.
 */
import { ParseError, LimitError } from './errors.js';
import { limits } from './limits.js';
import { getOperator } from './operator.js';
import { latexName as printedName } from './latex.js';
import { describeChar } from './lexer.js';

export type LatexTokenKind =
  | 'num' | 'name' | 'fn' | 'cmd' | 'rel'
  | '{' | '}' | '(' | ')' | '[' | ']' | 'left' | 'right'
  | '+' | '-' | '*' | '/' | '^' | '_' | ',' | '!' | '|' | "'" | '.' | 'row' | 'end';

/** The tokens of one input, as parallel arrays (index i is token i; the last token is `end`). */
export interface LatexTokens {
  readonly src: string;
  readonly kind: LatexTokenKind[];
  /** The name, operator name, command name (without backslash), numeral, relation or delimiter. */
  readonly text: string[];
  /** Index of the first character in the source. */
  readonly start: number[];
  /** Index just after the last character. */
  readonly end: number[];
  /** For a bracket, the index of its partner; -1 otherwise. */
  readonly match: number[];
}

/** Greek letters the printer writes as commands (`alpha` prints `\alpha`): read back to those names. */
const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu',
  'xi', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
  'varepsilon', 'vartheta', 'varpi', 'varrho', 'varsigma', 'varphi',
]);
/** Other commands that stand for a symbol (`\nabla` is the symbol named `\nabla`). */
const SYMBOLS = new Set([
  'omicron', 'varkappa', 'digamma', 'nabla', 'hbar', 'ell', 'imath', 'jmath', 'aleph', 'beth', 'wp', 'eth',
]);
/** Commands that decorate their argument; the decorated name is a new name (`\hat{x}`). */
const DECORATIONS = new Set([
  'mathbf', 'mathbb', 'mathcal', 'mathfrak', 'mathscr', 'mathsf', 'mathtt', 'boldsymbol', 'bm', 'textbf',
  'hat', 'widehat', 'tilde', 'widetilde', 'bar', 'overline', 'underline', 'dot', 'ddot', 'dddot', 'vec',
  'check', 'breve', 'acute', 'grave', 'mathring',
]);
/** Commands whose argument is upright or italic text naming something (`\mathrm{velocity}` is `velocity`). */
const TRANSPARENT = new Set(['mathrm', 'operatorname', 'text', 'textrm', 'textit', 'mathit', 'textnormal']);
/** Superscripts that decorate a name rather than raise it to a power. */
const DECORATION_SUPERSCRIPT = /^(?:\\prime|\\dagger|\\ddagger|\\ast|\\star|\\circ|\*|')+$/;
/** LaTeX function commands and the operators they denote (besides registry names). */
const FUNCTION_COMMANDS: ReadonlyMap<string, string> = new Map([
  ['ln', 'log'], ['arcsin', 'asin'], ['arccos', 'acos'], ['arctan', 'atan'],
]);
const STRUCTURE = new Set(['frac', 'dfrac', 'tfrac', 'sqrt', 'int', 'iint', 'iiint', 'partial', 'substack']);
const SKIPPED = new Set([
  'quad', 'qquad', 'enspace', 'thinspace', 'medspace', 'thickspace', 'negthinspace',
  'limits', 'nolimits', 'displaystyle', 'textstyle', 'scriptstyle',
]);
const SIZES = new Set(['big', 'Big', 'bigg', 'Bigg', 'bigl', 'Bigl', 'biggl', 'Biggl', 'bigr', 'Bigr', 'biggr', 'Biggr', 'bigm', 'Bigm']);
const RELATION_COMMANDS: ReadonlyMap<string, string> = new Map([
  ['neq', '!='], ['ne', '!='], ['leq', '<='], ['le', '<='], ['leqslant', '<='], ['geq', '>='], ['ge', '>='],
  ['geqslant', '>='], ['lt', '<'], ['gt', '>'],
]);
/** Commands known but not supported, with a clearer message than "unknown". */
const UNSUPPORTED = new Set([
  'infty', 'sum', 'prod', 'lim', 'pm', 'mp', 'approx', 'equiv', 'sim', 'simeq', 'propto', 'to', 'rightarrow',
  'Rightarrow', 'implies', 'iff', 'cdots', 'ldots', 'dots', 'vdots', 'oint', 'coth', 'sech', 'csch', 'arg',
  'max', 'min', 'det', 'Re', 'Im', 'begin', 'end', 'over', 'binom', 'choose', 'mod', 'bmod', 'pmod',
]);
/** The escapes the printer uses inside `\mathrm{...}` (see `latex.ts`), and what they stand for. */
const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['_', '_'], ['{', '{'], ['}', '}'], ['#', '#'], ['$', '$'], ['%', '%'], ['&', '&'], [' ', ' '],
  ['backslash', '\\'], ['sim', '~'],
]);
/** Unicode operator spellings and the tokens they stand for. */
const UNICODE: ReadonlyMap<string, [LatexTokenKind, string]> = new Map([
  ['\u2212', ['-', '-']], ['\u00d7', ['*', '*']], ['\u00b7', ['*', '*']], ['\u22c5', ['*', '*']],
  ['\u2260', ['rel', '!=']], ['\u2264', ['rel', '<=']], ['\u2265', ['rel', '>=']],
]);

const LETTER = /^\p{L}$/u;
const SIMPLE_ITEM = /^[A-Za-z0-9]+$/;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 126 /* ~ */;
}

/**
 * Reads `src` into tokens and pairs its brackets.
 * @example tokenizeLatex('\\eta{(a)}').kind // ['name', '{', '(', 'name', ')', '}', 'end']
 */
export function tokenizeLatex(src: string): LatexTokens {
  return new LatexLexer(src).run();
}

/**
 * The names applied as `name{(...)}` or `name^{k}{(...)}` (with `\left(` too) in `src`: the
 * functions of a derivation written in SymPy's style. A reader of several equations can pass
 * them as `functions` to every one, so that `f(x)` is read as an application everywhere.
 * @example appliedNames(tokenizeLatex('\\eta{(a)} = f(a)')) // ['eta']
 */
export function appliedNames(t: LatexTokens): string[] {
  const names = new Set<string>();
  for (let i = 0; i < t.kind.length; i++) {
    if (t.kind[i] !== 'name') continue;
    let j = i + 1;
    if (t.kind[j] === '^') j = t.kind[j + 1] === '{' ? t.match[j + 1]! + 1 : j + 2;
    if (bracedParen(t, j) >= 0) names.add(t.text[i]!);
  }
  return [...names];
}

/**
 * When token `i` opens `{(...)}` or `{\left(...\right)}` (the parenthesis filling the braces),
 * the index of the closing parenthesis; else -1.
 * @example bracedParen(tokenizeLatex('f{(x)}'), 1) // 4
 */
export function bracedParen(t: LatexTokens, i: number): number {
  if (t.kind[i] !== '{') return -1;
  const close = t.match[i]!;
  const open = i + 1;
  if (!isParenOpen(t, open)) return -1;
  return t.match[open] === close - 1 ? close - 1 : -1;
}

/**
 * Token `i` is `(` or `\left(`.
 * @example isParenOpen(tokenizeLatex('\\left(x\\right)'), 0) // true
 */
export function isParenOpen(t: LatexTokens, i: number): boolean {
  const k = t.kind[i];
  return k === '(' || (k === 'left' && t.text[i] === '(');
}

interface Arg {
  /** Raw source of the argument (inside the braces when braced). */
  text: string;
  braced: boolean;
  end: number;
}

/** A name read from the source: its final name and where it ends. */
interface NameRead {
  name: string;
  end: number;
  /** Upright or command text that names a registry function (`\operatorname{asin}`). */
  fn?: string;
}

class LatexLexer {
  private readonly kind: LatexTokenKind[] = [];
  private readonly text: string[] = [];
  private readonly start: number[] = [];
  private readonly end: number[] = [];
  /** Numerals still to read as single digits (after `^`, `_`, `\frac`). */
  private digits = 0;

  constructor(private readonly src: string) {}

  run(): LatexTokens {
    const src = this.src;
    const n = src.length;
    let pos = 0;
    while (pos < n) {
      const c = src.charCodeAt(pos);
      if (isSpace(c) || c === 36 /* $ */) {
        pos++;
        continue;
      }
      pos = this.token(pos, c);
    }
    this.push('end', '', n, n);
    const tokens: LatexTokens = { src, kind: this.kind, text: this.text, start: this.start, end: this.end, match: [] };
    pairBrackets(tokens);
    return tokens;
  }

  private push(kind: LatexTokenKind, text: string, start: number, end: number): void {
    this.kind.push(kind);
    this.text.push(text);
    this.start.push(start);
    this.end.push(end);
  }

  /** Reads the token at `pos` (not a space); returns where the next one starts. */
  private token(pos: number, c: number): number {
    const src = this.src;
    const digits = this.digits;
    this.digits = 0;
    if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(pos + 1)))) {
      let end = pos;
      if (digits > 0) {
        end = pos + 1;
        this.digits = digits - 1;
      } else {
        while (isDigit(src.charCodeAt(end))) end++;
        if (src.charCodeAt(end) === 46 && isDigit(src.charCodeAt(end + 1))) {
          end++;
          while (isDigit(src.charCodeAt(end))) end++;
        }
        if (src.charCodeAt(end) === 46 && isDigit(src.charCodeAt(end + 1))) {
          throw new ParseError(`malformed number '${src.slice(pos, end + 2)}'`, src, pos);
        }
      }
      this.push('num', src.slice(pos, end), pos, end);
      return end;
    }
    if (isAsciiLetter(c)) return this.name(pos);
    if (c === 92 /* \ */) return this.command(pos);
    const single = (kind: LatexTokenKind, text = kind as string): number => {
      this.push(kind, text, pos, pos + 1);
      return pos + 1;
    };
    switch (c) {
      case 123: return single('{');
      case 125: return single('}');
      case 40: return single('(');
      case 41: return single(')');
      case 91: return single('[');
      case 93: return single(']');
      case 43: return single('+');
      case 45: return single('-');
      case 42: return single('*');
      case 47: return single('/');
      case 44: return single(',');
      case 33: return single('!');
      case 124: return single('|');
      case 39: return single("'");
      case 46: return single('.');
      case 61: return single('rel', '=');
      case 94:
        this.digits = 1;
        return single('^');
      case 95:
        this.digits = 1;
        return single('_');
      case 60: case 62: {
        const op = c === 60 ? '<' : '>';
        if (src.charCodeAt(pos + 1) === 61) {
          this.push('rel', `${op}=`, pos, pos + 2);
          return pos + 2;
        }
        return single('rel', op);
      }
    }
    const ch = String.fromCodePoint(src.codePointAt(pos)!);
    const uni = UNICODE.get(ch);
    if (uni !== undefined) {
      this.push(uni[0], uni[1], pos, pos + ch.length);
      return pos + ch.length;
    }
    if (LETTER.test(ch)) return this.name(pos);
    throw new ParseError(`unknown character ${describeChar(ch)}`, src, pos);
  }

  /** `\...` at `pos`. */
  private command(pos: number): number {
    const src = this.src;
    const { word, end } = commandAt(src, pos);
    if (word === '') throw new ParseError("unexpected '\\' at the end of the input", src, pos);
    if (!/^[A-Za-z]/.test(word)) {
      // A control symbol.
      switch (word) {
        case ',': case ';': case ':': case '!': case ' ': case '>':
          return end;
        case '{': this.push('(', '(', pos, end); return end;
        case '}': this.push(')', ')', pos, end); return end;
        case '|': this.push('|', '|', pos, end); return end;
        case '\\': this.push('row', '\\\\', pos, end); return end;
      }
      throw new ParseError(`unexpected '\\${word}'`, src, pos);
    }
    if (GREEK.has(word) || SYMBOLS.has(word) || DECORATIONS.has(word) || TRANSPARENT.has(word)) return this.name(pos);
    if (SKIPPED.has(word)) return end;
    if (word === 'left' || word === 'right' || SIZES.has(word)) return this.delimiter(pos, word, end);
    if (word === 'cdot' || word === 'times') {
      this.push('*', word, pos, end);
      return end;
    }
    if (word === 'div') {
      this.push('/', word, pos, end);
      return end;
    }
    if (word === 'lvert' || word === 'rvert' || word === 'vert') {
      this.push('|', '|', pos, end);
      return end;
    }
    const rel = RELATION_COMMANDS.get(word);
    if (rel !== undefined) {
      this.push('rel', rel, pos, end);
      return end;
    }
    if (STRUCTURE.has(word)) {
      const name = word === 'dfrac' || word === 'tfrac' ? 'frac' : word;
      if (name === 'frac' || name === 'sqrt') this.digits = name === 'frac' ? 2 : 1;
      this.push('cmd', name, pos, end);
      return end;
    }
    const fn = functionOperator(word);
    if (fn !== undefined) {
      this.push('fn', fn, pos, end);
      return end;
    }
    if (UNSUPPORTED.has(word)) throw new ParseError(`unsupported command \\${word}`, src, pos);
    throw new ParseError(`unknown command \\${word}`, src, pos);
  }

  /** `\left X`, `\right X`, `\big X` (and sizes) at `pos`; `after` is the end of the command word. */
  private delimiter(pos: number, word: string, after: number): number {
    const src = this.src;
    let i = after;
    while (i < src.length && isSpace(src.charCodeAt(i))) i++;
    let delim: string;
    let end: number;
    if (src[i] === '\\') {
      const cmd = commandAt(src, i);
      const map: Record<string, string> = { '{': '{', '}': '}', '|': '|', lvert: '|', rvert: '|', vert: '|', langle: '(', rangle: ')', lbrace: '{', rbrace: '}' };
      delim = Object.prototype.hasOwnProperty.call(map, cmd.word) ? map[cmd.word]! : '';
      end = cmd.end;
    } else {
      delim = '()[]|.'.includes(src[i] ?? '#') && i < src.length ? src[i]! : '';
      end = i + 1;
    }
    if (delim === '') throw new ParseError(`expected a delimiter after \\${word}`, src, i);
    if (word === 'left' || word === 'right') {
      this.push(word, delim, pos, end);
      return end;
    }
    // A sized bracket is a plain one.
    const kind: LatexTokenKind = delim === '|' ? '|' : delim === '(' || delim === '{' ? '(' : delim === ')' || delim === '}' ? ')' : delim === '[' ? '[' : delim === ']' ? ']' : '.';
    if (kind === '.') throw new ParseError(`expected a delimiter after \\${word}`, src, i);
    this.push(kind, kind, pos, end);
    return end;
  }

  /** A name at `pos` (a letter or a name command), pushed as one token. */
  private name(pos: number): number {
    const read = readName(this.src, pos, 0);
    this.push(read.fn !== undefined ? 'fn' : 'name', read.fn ?? read.name, pos, read.end);
    return read.end;
  }
}

/** The operator name a function command denotes (`\sin` is `sin`, `\ln` is `log`), if any. */
function functionOperator(word: string): string | undefined {
  const alias = FUNCTION_COMMANDS.get(word);
  if (alias !== undefined) return alias;
  const op = getOperator(word);
  return op !== undefined && op.kind === 'function' ? word : undefined;
}

/** The command at `pos` (a backslash): its word (letters, or one other character) and end. */
function commandAt(src: string, pos: number): { word: string; end: number } {
  let end = pos + 1;
  if (end >= src.length) return { word: '', end };
  if (isAsciiLetter(src.charCodeAt(end))) {
    while (isAsciiLetter(src.charCodeAt(end))) end++;
  } else end += String.fromCodePoint(src.codePointAt(end)!).length;
  return { word: src.slice(pos + 1, end), end };
}

/** Skips spaces from `pos`. */
function skipSpaces(src: string, pos: number): number {
  while (pos < src.length && isSpace(src.charCodeAt(pos))) pos++;
  return pos;
}

/**
 * The argument of a command or script at `pos` (spaces skipped): a braced group (with
 * balanced braces) or one token (a letter, digit or command).
 */
function readArg(src: string, pos: number, what: string): Arg {
  const i = skipSpaces(src, pos);
  const c = src.charCodeAt(i);
  if (c === 123) {
    let depth = 0;
    for (let j = i; j < src.length; j++) {
      const d = src.charCodeAt(j);
      if (d === 92) {
        j++; // an escaped character, such as \{ or \}, is not a brace
        continue;
      }
      if (d === 123) depth++;
      else if (d === 125 && --depth === 0) return { text: src.slice(i + 1, j), braced: true, end: j + 1 };
    }
    throw new ParseError(`missing '}' to close '{'`, src, i);
  }
  if (c === 92) {
    const { word, end } = commandAt(src, i);
    if (word !== '') return { text: `\\${word}`, braced: false, end };
  } else if (i < src.length && c !== 125 && c !== 94 && c !== 95) {
    const ch = String.fromCodePoint(src.codePointAt(i)!);
    if (LETTER.test(ch) || isDigit(c) || ch === '*' || ch === "'") return { text: ch, braced: false, end: i + ch.length };
  }
  throw new ParseError(`expected an argument after ${what}`, src, i);
}

/**
 * Normalized LaTeX of a piece of source: spaces dropped except after a command word before a
 * letter, and unbraced sub- and superscripts braced (`\hat{x}_0` as `\hat{x}_{0}`). One pass.
 */
function normalizeLatex(text: string): string {
  let out = '';
  let afterWord = false;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === 95 || c === 94) {
      const j = skipSpaces(text, i + 1);
      if (j < text.length && text.charCodeAt(j) !== 123) {
        // Unbraced script: one token.
        let end: number;
        if (text.charCodeAt(j) === 92) end = commandAt(text, j).end;
        else end = j + String.fromCodePoint(text.codePointAt(j)!).length;
        out += `${text[i]}{${text.slice(j, end)}}`;
        afterWord = false;
        i = end;
        continue;
      }
      out += text[i];
      afterWord = false;
      i++;
      continue;
    }
    if (c === 92) {
      const { word, end } = commandAt(text, i);
      out += `\\${word}`;
      afterWord = /^[A-Za-z]/.test(word);
      i = end;
      // A space after a command word separates it from a following letter.
      const j = skipSpaces(text, i);
      if (afterWord && j > i && j < text.length && isAsciiLetter(text.charCodeAt(j))) out += ' ';
      i = j;
      continue;
    }
    out += text[i];
    afterWord = false;
    i++;
  }
  return out;
}

/**
 * Plain text of upright content made only of characters and the printer's escapes
 * (`my\ var` is `my var`, `\_\_proto\_\_` is `__proto__`); undefined when it has LaTeX
 * structure (scripts, groups, other commands).
 */
function literalText(text: string): string | undefined {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      const { word, end } = commandAt(text, i);
      if (word === 'hat' && text.startsWith('{}', end)) {
        out += '^';
        i = end + 2;
        continue;
      }
      const e = ESCAPES.get(word);
      if (e === undefined) return undefined;
      out += e;
      i = end;
      if (/^[A-Za-z]/.test(word) && text.charCodeAt(i) === 32) i++;
      continue;
    }
    if (c === 123 || c === 125 || c === 95 || c === 94 || c === 36 || c === 35 || c === 37 || c === 38 || c === 126) return undefined;
    if (isSpace(c)) {
      i++;
      continue;
    }
    out += text[i];
    i++;
  }
  return out;
}

/** Nesting of upright text inside upright text read structurally before it is kept as text. */
const MAX_NAME_NESTING = 8;

/**
 * The name at `pos` of `src` (a letter or a name command) with its subscript and decoration
 * superscripts.
 *
 * A name that the printer writes back the same way gets the printer's plain name: `x`,
 * `alpha` (`\alpha`), `x_0` (`x_{0}`), `Psi_lambda` (`\Psi_{\lambda}`), `x_i_j` (`x_{i,j}`),
 * `velocity` (`\mathrm{velocity}`), so that `parse('x_0 + alpha')` and
 * `parseLatex('x_{0} + \\alpha')` are the same term. Every other name is its normalized LaTeX:
 * `\mathbf{E}`, `\hat{x}_{0}`, `\dot{x}`, `y^{\prime}` (also for `y'`), `a^{\dagger}`,
 * `\nabla`, `V_{\mathbf{B}}` (the printer writes names starting with a backslash as they are).
 * Upright text is transparent: `\operatorname{J_{\varepsilon}}` is `J_varepsilon`,
 * `\mathrm{e}` is `e`.
 */
function readName(src: string, pos: number, nesting: number): NameRead {
  // The base.
  let baseT: string, baseP: string | undefined;
  let end: number;
  let fn: string | undefined;
  const c = src.charCodeAt(pos);
  if (c === 92) {
    const cmd = commandAt(src, pos);
    const word = cmd.word;
    end = cmd.end;
    if (GREEK.has(word)) {
      baseT = `\\${word}`;
      baseP = word;
    } else if (SYMBOLS.has(word)) {
      baseT = `\\${word}`;
      baseP = undefined;
    } else if (DECORATIONS.has(word)) {
      const arg = readArg(src, end, `\\${word}`);
      end = arg.end;
      baseT = `\\${word}{${normalizeLatex(arg.text)}}`;
      baseP = undefined;
    } else {
      // Upright text: a literal, or a name written inside it.
      const arg = readArg(src, end, `\\${word}`);
      end = arg.end;
      const literal = literalText(arg.text);
      if (literal !== undefined) {
        baseP = literal;
        baseT = [...literal].length === 1 ? literal : `\\mathrm{${normalizeLatex(arg.text)}}`;
        const op = word === 'operatorname' ? getOperator(literal) : undefined;
        if (op !== undefined && op.kind === 'function') fn = literal;
      } else {
        const inner = nesting < MAX_NAME_NESTING ? innerName(arg.text, nesting + 1) : undefined;
        if (inner !== undefined) {
          baseP = inner;
          baseT = printedName(inner);
        } else {
          baseP = undefined;
          baseT = `\\${word === 'operatorname' ? 'operatorname' : 'mathrm'}{${normalizeLatex(arg.text)}}`;
        }
      }
    }
  } else {
    const ch = String.fromCodePoint(src.codePointAt(pos)!);
    baseT = ch;
    baseP = ch;
    end = pos + ch.length;
  }
  // Subscript and decoration superscripts.
  let sub: Arg | undefined;
  let sup = '';
  for (;;) {
    const i = skipSpaces(src, end);
    const d = src.charCodeAt(i);
    if (d === 95) {
      if (sub !== undefined) throw new ParseError('double subscript', src, i);
      sub = readArg(src, i + 1, "'_'");
      end = sub.end;
      continue;
    }
    if (d === 94) {
      let arg: Arg;
      try {
        arg = readArg(src, i + 1, "'^'");
      } catch {
        break; // not a decoration: the parser reports a bad exponent
      }
      const text = normalizeLatex(arg.text);
      if (!DECORATION_SUPERSCRIPT.test(text)) break;
      sup += text.replace(/'/g, '\\prime');
      end = arg.end;
      continue;
    }
    if (d === 39) {
      sup += '\\prime';
      end = i + 1;
      continue;
    }
    break;
  }
  if (fn !== undefined && sub === undefined && sup === '') return { name: fn, end, fn };
  if (baseP !== undefined && sup === '') {
    const items = sub === undefined ? [] : subscriptItems(sub.text);
    if (items !== undefined) return { name: items.length === 0 ? baseP : `${baseP}_${items.join('_')}`, end };
  }
  let name = baseT;
  if (sub !== undefined) name += `_{${normalizeLatex(sub.text)}}`;
  if (sup !== '') name += `^{${sup}}`;
  return { name, end };
}

/** A whole piece of upright text read as one name (`J_{\varepsilon}`), if it is one. */
function innerName(text: string, nesting: number): string | undefined {
  const start = skipSpaces(text, 0);
  if (start >= text.length) return undefined;
  const c = text.charCodeAt(start);
  if (c === 92) {
    const { word } = commandAt(text, start);
    if (!(GREEK.has(word) || SYMBOLS.has(word) || DECORATIONS.has(word) || TRANSPARENT.has(word))) return undefined;
  } else if (!LETTER.test(String.fromCodePoint(text.codePointAt(start)!))) return undefined;
  try {
    const read = readName(text, start, nesting);
    return skipSpaces(text, read.end) === text.length ? read.name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The items of a subscript the printer writes back the same way (`0`, `i,j`, `\lambda`,
 * `max`, escaped text), or undefined.
 */
function subscriptItems(text: string): string[] | undefined {
  const norm = normalizeLatex(text);
  const literal = literalText(text);
  if (literal !== undefined && literal !== '' && !SIMPLE_ITEM.test(norm.replace(/,/g, ''))) {
    // Escaped text (the printer's form of a name such as `V_{\mathbf{B}}`).
    return literal.includes(',') ? undefined : [literal];
  }
  const items = norm.split(',');
  const out: string[] = [];
  for (const item of items) {
    if (SIMPLE_ITEM.test(item)) out.push(item);
    else if (/^\\[A-Za-z]+$/.test(item) && GREEK.has(item.slice(1))) out.push(item.slice(1));
    else return undefined;
  }
  return out;
}

/** Pairs brackets: `match[i]` for every bracket token; errors for unpaired ones. */
function pairBrackets(t: LatexTokens): void {
  const { kind, src } = t;
  const match = t.match as number[];
  const stack: number[] = [];
  for (let i = 0; i < kind.length; i++) {
    match.push(-1);
    const k = kind[i]!;
    if (k === '{' || k === '(' || k === '[' || k === 'left') {
      stack.push(i);
      if (stack.length > limits.maxDepth) {
        throw new LimitError('depth', `expression nested deeper than ${limits.maxDepth} levels at column ${t.start[i]! + 1}`);
      }
      continue;
    }
    if (k !== '}' && k !== ')' && k !== ']' && k !== 'right') continue;
    const open = stack.pop();
    const want = k === '}' ? '{' : k === ')' ? '(' : k === ']' ? '[' : 'left';
    if (open === undefined) throw new ParseError(`unexpected ${describeToken(t, i)}`, src, t.start[i]!);
    if (kind[open] !== want) {
      throw new ParseError(`${describeToken(t, i)} does not close ${describeToken(t, open)}`, src, t.start[i]!);
    }
    match[open] = i;
    match[i] = open;
  }
  if (stack.length > 0) {
    const open = stack[stack.length - 1]!;
    const close = kind[open] === '{' ? "'}'" : kind[open] === '(' ? "')'" : kind[open] === '[' ? "']'" : "'\\right'";
    throw new ParseError(`missing ${close} to close ${describeToken(t, open)}`, src, t.start[open]!);
  }
}

/**
 * A token for an error message: its source text, quoted.
 * @example describeToken(tokenizeLatex('x + y'), 1) // "'+'"
 */
export function describeToken(t: LatexTokens, i: number): string {
  if (t.kind[i] === 'end') return 'end of input';
  const s = t.src.slice(t.start[i], t.end[i]);
  return s.includes("'") ? `"${s}"` : `'${s}'`;
}
