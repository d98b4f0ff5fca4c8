/**
 * The LaTeX printer. Its output follows SymPy's `latex()`: `x^{2}`, `2 x`, `2 \cdot 3`,
 * `\frac{x}{y}`, `\sqrt{x}`, `x - y`, `\sin{\left(x \right)}`, `e^{x}`, `\left|x\right|`,
 * `f{\left(x,y \right)}`, `\frac{d}{d x} f{\left(x \right)}`, `\int x\, dx`, `x \leq y`.
 *
 * Operators print through their `latex` field in the registry (`operators.ts`) wherever one
 * exists; sums, products, powers and derivatives, whose form depends on their arguments, are
 * laid out here. Parentheses (`\left( \right)`) follow operator precedence.
 */
import type { Term } from './term.js';
import { type Operator } from './operator.js';
import {
  ADD, MUL, SUB, NEG, DIV, POW, FACTORIAL, EXP, LOG, ABS, SQRT, DERIVATIVE, INTEGRAL,
} from './operators.js';
import * as N from './number.js';
import { formatValue, type Value } from './number.js';
import { termOps, type TermOps } from './interface.js';
import { REL, SUM, PROD, UNARY, POWER, ATOM } from './precedence.js';

export interface LatexOptions {
  /**
   * Print negative exponents as fractions: `x y^-1` as `\frac{x}{y}`, `x^-2` as
   * `\frac{1}{x^{2}}`. When false they print as written (`x y^{-1}`). Default: true.
   */
  fractions?: boolean;
  /** Print the constant term of a sum last (`x + 1`, as SymPy does) rather than first. Default: true. */
  constantLast?: boolean;
}

// Binding strength of printed forms (higher binds tighter): the levels of precedence.ts.

/**
 * Printed text with what is known about its start. The printer never scans printed text
 * (which would copy the deep strings it builds at every level): whether a text starts with a
 * minus sign or a digit is carried along as it is built.
 */
interface Text {
  s: string;
  /** `s` is `-` followed by `body`. */
  neg: boolean;
  /** `s` without its leading minus (`s` itself when `neg` is false). */
  body: string;
  /** `s` starts with a digit or `\frac{` and a digit (a number follows with `\cdot`). */
  digit: boolean;
}

/** A printed subterm and how it may be combined. */
interface Out extends Text {
  /** Binding strength: its operator's precedence, UNARY when it starts with a minus sign. */
  p: number;
  /** May carry a superscript as is (`x^{2}`, `\pi^{2}`, `\log{\left(x \right)}^{2}`). */
  base: boolean;
  /** A single symbol, digit string or constant (`n!` needs no parentheses). */
  simple: boolean;
  /** Extends to its right (`\frac{d}{d x} f`, `\int f\, dx`): parenthesized before another factor. */
  open: boolean;
  /** A function application whose exponent goes on its name (`\sin^{2}{\left(x \right)}`): the name and the rest. */
  fold: [string, string] | null;
}

interface Shape {
  base?: boolean;
  simple?: boolean;
  open?: boolean;
  fold?: [string, string] | null;
}

function out(t: Text, p: number, shape: Shape = {}): Out {
  // Built field by field (not spread) so every Out has one shape.
  return { s: t.s, neg: t.neg, body: t.body, digit: t.digit, p, base: shape.base ?? false, simple: shape.simple ?? false, open: shape.open ?? false, fold: shape.fold ?? null };
}

const DIGIT = /^(?:[0-9]|\\frac\{[0-9])/;

/** Text of a short literal (scanned: it is small). */
function lit(s: string): Text {
  const neg = s.startsWith('-');
  return { s, neg, body: neg ? s.slice(1) : s, digit: DIGIT.test(s) };
}

/** Text of the parts side by side; what it starts with comes from the first nonempty part. */
function cat(parts: readonly (string | Text)[]): Text {
  let s = '';
  for (const p of parts) s += typeof p === 'string' ? p : p.s;
  let i = 0;
  while (i < parts.length && (typeof parts[i] === 'string' ? parts[i] : (parts[i] as Text).s) === '') i++;
  const first = parts[i];
  if (first === undefined) return { s, neg: false, body: s, digit: false };
  const head: Text = typeof first === 'string' ? lit(first) : first;
  let digit = head.digit;
  if (typeof first === 'string' && first === '\\frac{') {
    const next = parts[i + 1];
    digit = next !== undefined && (typeof next === 'string' ? /^[0-9]/.test(next) : next.digit);
  }
  if (!head.neg) return { s, neg: false, body: s, digit };
  let body = head.body;
  for (let j = i + 1; j < parts.length; j++) {
    const p = parts[j]!;
    body += typeof p === 'string' ? p : p.s;
  }
  return { s, neg: true, body, digit: false };
}

/** `-` followed by `t`. */
function minus(t: Text): Text {
  return { s: `-${t.s}`, neg: true, body: t.s, digit: false };
}

function paren(t: Text): Text {
  const s = `\\left(${t.s}\\right)`;
  return { s, neg: false, body: s, digit: false };
}

/** The name part of a function application `\cmd{\left(...\right)}`. */
const COMMAND = /^(?:\\[a-zA-Z]+|\\operatorname\{[^{}]*\})$/;

/**
 * How an operator's `latex` places its arguments, learned once by printing placeholders:
 * the literal pieces between them and which argument goes in each gap. A `latex` function is
 * taken to place its arguments without reading them (DERIVATIVE, which reads its order, is laid
 * out here instead).
 */
interface Template {
  pieces: string[];
  order: number[];
}

const MARK = /\u0000([0-9]+)\u0001/g;

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu',
  'xi', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
  'varepsilon', 'vartheta', 'varpi', 'varrho', 'varsigma', 'varphi',
]);
/** Greek names without a command of their own (SymPy's spelling included). */
const GREEK_OTHER: ReadonlyMap<string, string> = new Map([
  ['omicron', 'o'], ['lamda', '\\lambda'], ['Lamda', '\\Lambda'],
  ['Alpha', 'A'], ['Beta', 'B'], ['Epsilon', 'E'], ['Zeta', 'Z'], ['Eta', 'H'], ['Iota', 'I'], ['Kappa', 'K'],
  ['Mu', 'M'], ['Nu', 'N'], ['Omicron', 'O'], ['Rho', 'P'], ['Tau', 'T'], ['Chi', 'X'],
]);

function greek(name: string): string | undefined {
  return GREEK.has(name) ? `\\${name}` : GREEK_OTHER.get(name);
}

/** Escapes the characters LaTeX treats specially. */
function escape(text: string): string {
  return text.replace(/[\\#$%&_{}~^ ]/g, (c) =>
    c === '\\' ? '\\backslash ' : c === '~' ? '\\sim ' : c === '^' ? '\\hat{}' : c === ' ' ? '\\ ' : `\\${c}`);
}

function namePart(text: string, multi: 'mathrm' | 'operatorname'): string {
  const g = greek(text);
  if (g !== undefined) return g;
  if ([...text].length === 1) return escape(text);
  return `\\${multi}{${escape(text)}}`;
}

/**
 * LaTeX of a symbol or function name: greek names as commands (`alpha` is `\alpha`), a
 * trailing `_sub` or trailing digits as a subscript (`x_0` is `x_{0}`, `x12` is `x_{12}`),
 * other names of several letters upright; a name starting with a backslash is kept as is.
 * @example latexName('theta_1') // '\theta_{1}'
 */
export function latexName(name: string, multi: 'mathrm' | 'operatorname' = 'mathrm'): string {
  if (name.startsWith('\\')) return name;
  let base = name, subs: string[] = [];
  const us = name.indexOf('_');
  if (us > 0 && us < name.length - 1) {
    base = name.slice(0, us);
    subs = name.slice(us + 1).split('_');
    if (subs.some((s) => s === '')) {
      base = name;
      subs = [];
    }
  } else {
    const m = /^([A-Za-z]+)([0-9]+)$/.exec(name);
    if (m) {
      base = m[1]!;
      subs = [m[2]!];
    }
  }
  if (base === '') return `\\${multi}{}`;
  const head = namePart(base, multi);
  if (subs.length === 0) return head;
  return `${head}_{${subs.map((s) => greek(s) ?? escape(s)).join(',')}}`;
}

/** LaTeX of a number: `3`, `-3`, `\frac{1}{3}`, `2.5`, `1.5 \cdot 10^{-7}`. */
function numberOut(v: Value): Out {
  if (N.isExact(v)) {
    const neg = v.s < 0n && v.n !== 0n;
    if (v.d === 1n) return out(lit(formatValue(v)), neg ? UNARY : ATOM, { base: !neg, simple: !neg });
    const frac = lit(`\\frac{${v.n}}{${v.d}}`);
    return out(neg ? minus(frac) : frac, neg ? UNARY : ATOM);
  }
  const text = formatValue(v);
  const neg = text.startsWith('-');
  const m = /^(-?[0-9.]+)e([+-]?)([0-9]+)$/.exec(text);
  if (m) {
    const mantissa = m[1]!.includes('.') ? m[1]! : `${m[1]!}.0`;
    return out(lit(`${mantissa} \\cdot 10^{${m[2] === '-' ? '-' : ''}${m[3]}}`), neg ? UNARY : PROD);
  }
  return out(lit(text), neg ? UNARY : ATOM, { base: !neg, simple: !neg });
}

/**
 * LaTeX of any term representation.
 * @example latexWith(termOps, parse('x/2 + sin(x)^2')) // '\frac{x}{2} + \sin^{2}{\left(x \right)}'
 */
export function latexWith<T>(ops: TermOps<T>, t: T, opts: LatexOptions = {}): string {
  return new Printer(ops, opts.fractions ?? true, opts.constantLast ?? true).print(t).s;
}

/**
 * LaTeX of a term, as SymPy's `latex()` writes it.
 * @example toLatex(parse('sin(x^2) * exp(x) / x')) // '\frac{e^{x} \sin{\left(x^{2} \right)}}{x}'
 */
export function toLatex(t: Term): string {
  return latexWith(termOps, t);
}

class Printer<T> {
  /** Printed subterms: each node is printed once, after its arguments. */
  private readonly memo = new Map<T, Out>();
  private readonly templates = new Map<string, Template | null>();
  /** Up to two free symbol names of each printed node (a derivative is partial when it has two). */
  private readonly free = new Map<T, readonly string[]>();

  constructor(
    private readonly ops: TermOps<T>,
    private readonly fractions: boolean,
    private readonly constantLast: boolean,
  ) {}

  /** Prints `t` bottom-up with an explicit stack, so deep terms do not nest calls. */
  print(t: T): Out {
    const hit = this.memo.get(t);
    if (hit !== undefined) return hit;
    const ops = this.ops;
    const stack: [T, boolean][] = [[t, false]];
    while (stack.length > 0) {
      const [u, ready] = stack.pop()!;
      if (this.memo.has(u)) continue;
      if (ready || !ops.isCall(u)) {
        this.free.set(u, this.freeOf(u));
        this.memo.set(u, this.node(u));
        continue;
      }
      stack.push([u, true]);
      for (const a of ops.args(u)) if (!this.memo.has(a)) stack.push([a, false]);
    }
    return this.memo.get(t)!;
  }

  /** One node, its arguments already printed. */
  private node(t: T): Out {
    const ops = this.ops;
    if (ops.isNumber(t)) return numberOut(ops.numberValue(t));
    if (ops.isSymbol(t)) return out(lit(latexName(ops.symbolName(t))), ATOM, { base: true, simple: true });
    const op = ops.operation(t);
    const args = ops.args(t);
    switch (op) {
      case ADD: return this.sum(args);
      case MUL: return this.product(t, args);
      case POW: return this.power(args[0]!, args[1]!);
      case SUB: {
        const a = this.print(args[0]!), b = this.print(args[1]!);
        return out(cat([wrap(a, a.p < SUM), ' - ', wrap(b, b.p <= SUM || b.neg)]), SUM);
      }
      case NEG: {
        const a = this.print(args[0]!);
        return out(this.registry(op, [wrap(a, a.p < PROD || a.neg)]), UNARY);
      }
      case DIV: return out(this.registry(op, args.map((a) => this.print(a))), ATOM);
      case FACTORIAL: {
        const a = this.print(args[0]!);
        return out(this.registry(op, [wrap(a, !a.simple)]), 40);
      }
      case DERIVATIVE: return this.derivative(args[0]!, args[1]!, args[2]!);
      case INTEGRAL: {
        const [f, ...rest] = args.map((a) => this.print(a));
        return out(this.registry(op, [wrap(f!, f!.p < PROD), ...rest]), ATOM, { open: true });
      }
    }
    switch (op.kind) {
      case 'undefined': return this.applied(latexName(op.name, 'operatorname'), args.map((a) => this.print(a)));
      case 'derived': return this.derived(op, args);
      case 'relation': {
        const printed = args.map((a) => {
          const o = this.print(a);
          return wrap(o, o.p <= REL);
        });
        if (op.latex !== undefined) return out(this.registry(op, printed), REL);
        return out(this.join(printed, ` ${op.infix ?? escape(op.name)} `), REL);
      }
    }
    return this.generic(op, args);
  }

  private join(items: readonly Text[], sep: string): Text {
    const parts: (string | Text)[] = [];
    items.forEach((t, i) => {
      if (i > 0) parts.push(sep);
      parts.push(t);
    });
    return cat(parts);
  }

  /** How `op`'s `latex` places `arity` arguments (null when it cannot tell). */
  private template(op: Operator, arity: number): Template | null {
    const key = `${op.id}:${arity}`;
    let tpl = this.templates.get(key);
    if (tpl === undefined) {
      tpl = null;
      try {
        const probe = this.render(op, Array.from({ length: arity }, (_, i) => `\u0000${i}\u0001`));
        const pieces: string[] = [], order: number[] = [];
        let last = 0;
        for (const m of probe.matchAll(MARK)) {
          pieces.push(probe.slice(last, m.index));
          order.push(Number(m[1]));
          last = m.index! + m[0].length;
        }
        pieces.push(probe.slice(last));
        if (!pieces.some((p) => p.includes('\u0000') || p.includes('\u0001'))) tpl = { pieces, order };
      } catch {
        tpl = null;
      }
      this.templates.set(key, tpl);
    }
    return tpl;
  }

  /** The registry's text for `op` applied to printed arguments. */
  private render(op: Operator, printed: readonly string[]): string {
    const latex = op.latex;
    if (typeof latex === 'function') return latex(printed);
    if (printed.length === 0 && latex !== undefined) return latex;
    const command = latex ?? latexName(op.name, 'operatorname');
    return `${command}{\\left(${printed.join(',')} \\right)}`;
  }

  /** An operator's registry form, from the printed arguments, knowing how it starts. */
  private registry(op: Operator, args: readonly Text[]): Text {
    const s = this.render(op, args.map((a) => a.s));
    const tpl = this.template(op, args.length);
    if (tpl === null) return { s, neg: false, body: s, digit: false };
    return { ...cat(this.fill(tpl, args)), s };
  }

  /** A template's pieces with the arguments in their gaps. */
  private fill(tpl: Template, args: readonly Text[]): (string | Text)[] {
    const parts: (string | Text)[] = [tpl.pieces[0]!];
    tpl.order.forEach((k, i) => parts.push(args[k]!, tpl.pieces[i + 1]!));
    return parts;
  }

  /** Any other operator: its registry form, or its infix symbol, or `\operatorname{name}(args)`. */
  private generic(op: Operator, args: readonly T[]): Out {
    if (op.latex === undefined && op.infix !== undefined && args.length >= 2) {
      const parts = args.map((a, i) => {
        const o = this.print(a);
        return wrap(o, i === 0 ? o.p < op.precedence : o.p <= op.precedence);
      });
      return out(this.join(parts, ` ${op.infix} `), op.precedence);
    }
    const printed = args.map((a) => this.print(a));
    const text = this.registry(op, printed);
    if (args.length === 0) return out(text, ATOM, { base: true, simple: true });
    // `\log{\left(x \right)}^{2}` and `\left|x\right|^{2}` take a superscript as they are;
    // other functions printed as `\cmd{\left(x \right)}` take it on the command.
    const base = op === LOG || op === ABS;
    let fold: [string, string] | null = null;
    const tpl = op.kind === 'function' && !base && op !== EXP && op !== SQRT ? this.template(op, args.length) : null;
    if (tpl !== null) {
      const first = tpl.pieces[0]!;
      const at = first.indexOf('{\\left(');
      if (at > 0 && COMMAND.test(first.slice(0, at))) {
        const parts = this.fill(tpl, printed);
        parts[0] = first.slice(at);
        fold = [first.slice(0, at), cat(parts).s];
      }
    }
    return out(text, op.kind === 'function' ? ATOM : Math.min(op.precedence, ATOM), { base, fold });
  }

  /** `f{\left(x,y \right)}`. */
  private applied(name: string, args: readonly Text[]): Out {
    const tail = cat(['{\\left(', this.join(args, ','), ' \\right)}']).s;
    return out(cat([name, tail]), ATOM, { fold: [name, tail] });
  }

  private sum(args: readonly T[]): Out {
    let terms = args.map((a) => this.print(a));
    // The constant goes last (`x + 1`), unless the sum would then start with a minus (`1 - x`).
    if (this.constantLast && args.length > 1 && this.ops.isNumber(args[0]!)) {
      const c = terms[0]!;
      if (c.neg || !terms[1]!.neg) terms = [...terms.slice(1), c];
    }
    const parts: (string | Text)[] = [];
    terms.forEach((o, i) => {
      if (i === 0) parts.push(wrap(o, o.p < SUM));
      else if (o.p <= SUM) parts.push(' + ', paren(o));
      else if (o.neg) parts.push(' - ', o.body);
      else parts.push(' + ', o);
    });
    return out(cat(parts), SUM);
  }

  /** The exponent negated, when it is negative (a negative number or a product with a negative coefficient). */
  private negatedExponent(like: T, e: T): T | undefined {
    const ops = this.ops;
    if (ops.isNumber(e)) {
      const v = ops.numberValue(e);
      return N.sign(v) < 0 ? ops.makeNumber(N.neg(v)) : undefined;
    }
    if (ops.isCall(e) && ops.operation(e) === MUL) {
      const [c, ...rest] = ops.args(e);
      if (c === undefined || !ops.isNumber(c) || N.sign(ops.numberValue(c)) >= 0) return undefined;
      const v = N.neg(ops.numberValue(c));
      if (N.isOne(v) && rest.length === 1) return rest[0]!;
      return ops.makeTerm(like, MUL, [ops.makeNumber(v), ...rest]);
    }
    return undefined;
  }

  private power(b: T, e: T): Out {
    if (this.fractions) {
      const positive = this.negatedExponent(e, e);
      if (positive !== undefined) return out(cat(['\\frac{1}{', this.powerOf(b, positive), '}']), ATOM);
    }
    return this.powerOf(b, e);
  }

  /** `b^e` with `e` as given: roots for exponents 1/n, folded function powers, parenthesized bases. */
  private powerOf(b: T, e: T): Out {
    const ops = this.ops;
    const base = this.print(b);
    if (ops.isNumber(e)) {
      const v = ops.numberValue(e);
      if (N.isOne(v)) return base;
      if (N.isExact(v) && v.n === 1n && v.d > 1n && v.s > 0n) {
        return out(cat([v.d === 2n ? '\\sqrt{' : `\\sqrt[${v.d}]{`, base, '}']), ATOM);
      }
    }
    const exponent = this.print(e);
    if (base.fold !== null) return out(cat([base.fold[0], '^{', exponent, '}', base.fold[1]]), ATOM);
    return out(cat([wrap(base, !base.base), '^{', exponent, '}']), POWER);
  }

  private product(t: T, args: readonly T[]): Out {
    const ops = this.ops;
    let coeff: Value | undefined;
    let factors = args;
    if (args.length > 0 && ops.isNumber(args[0]!)) {
      coeff = ops.numberValue(args[0]!);
      factors = args.slice(1);
    }
    const num: Out[] = [], den: Out[] = [];
    for (const f of factors) {
      if (this.fractions && ops.isCall(f) && ops.operation(f) === POW) {
        const [b, e] = ops.args(f) as [T, T];
        const positive = this.negatedExponent(t, e);
        if (positive !== undefined) {
          den.push(this.powerOf(b, positive));
          continue;
        }
      }
      num.push(this.print(f));
    }
    let negative = false;
    if (coeff !== undefined) {
      if (N.isExact(coeff) && den.length + num.length > 0) {
        negative = coeff.s < 0n && coeff.n !== 0n;
        if (coeff.n !== 1n) num.unshift(numberOut(N.exact(coeff.n)));
        if (coeff.d !== 1n) {
          if (this.fractions) den.unshift(numberOut(N.exact(coeff.d)));
          else num.splice(coeff.n !== 1n ? 1 : 0, 0, numberOut(N.exact(1n, coeff.d)));
        }
      } else if (N.isFloat(coeff) && den.length + num.length > 0) {
        negative = coeff < 0;
        num.unshift(numberOut(Math.abs(coeff)));
      } else num.unshift(numberOut(coeff));
    }
    if (den.length > 0) {
      const frac = cat(['\\frac{', this.juxtapose(num), '}{', this.juxtapose(den), '}']);
      return negative ? out(minus(frac), UNARY) : out(frac, ATOM);
    }
    if (num.length === 0) return out(lit(negative ? '-1' : '1'), negative ? UNARY : ATOM);
    if (num.length === 1) {
      const o = num[0]!;
      return negative ? out(minus(wrap(o, o.p < PROD || o.neg)), UNARY) : o;
    }
    const text = this.juxtapose(num);
    return negative ? out(minus(text), UNARY) : out(text, PROD);
  }

  /** Factors side by side: `2 x y`, `2 \cdot 3`, `x \left(x + 1\right)`. */
  private juxtapose(items: readonly Out[]): Text {
    if (items.length === 0) return lit('1');
    if (items.length === 1) return items[0]!;
    const parts: (string | Text)[] = [];
    items.forEach((o, i) => {
      const last = i === items.length - 1;
      const text = wrap(o, o.p < PROD || (i > 0 && (o.p <= PROD || o.neg)) || (o.open && !last));
      if (i > 0) parts.push(text.digit ? ' \\cdot ' : ' ');
      parts.push(text);
    });
    return cat(parts);
  }

  /** Up to two free symbol names of `u`, from those of its arguments. */
  private freeOf(u: T): readonly string[] {
    const ops = this.ops;
    if (ops.isSymbol(u)) return [ops.symbolName(u)];
    let found: string[] = [];
    for (const a of ops.args(u)) {
      for (const name of this.free.get(a) ?? []) {
        if (found.length < 2 && !found.includes(name)) found = [...found, name];
      }
      if (found.length === 2) break;
    }
    return found;
  }

  /** `\frac{d}{d x} f`, `\frac{d^{2}}{d x^{2}} f`, `\frac{\partial}{\partial x} f`. */
  private derivative(f: T, v: T, n: T): Out {
    const body = this.print(f);
    const x = this.print(v).s;
    const order = this.print(n).s;
    const fs = wrap(body, body.p < PROD || body.neg).s;
    let s: string;
    if ((this.free.get(f)?.length ?? 0) > 1) {
      s = order === '1'
        ? `\\frac{\\partial}{\\partial ${x}} ${fs}`
        : `\\frac{\\partial^{${order}}}{\\partial ${x}^{${order}}} ${fs}`;
    } else s = this.render(DERIVATIVE, [fs, x, order]);
    return out({ s, neg: false, body: s, digit: false }, ATOM, { open: true });
  }

  /**
   * A partial derivative of an undefined function applied to arguments: `\frac{d}{d x} f{\left(x \right)}`
   * when the arguments are distinct symbols, else evaluated at the arguments through dummies
   * `\xi_{i}` (as SymPy's `Subs`).
   */
  private derived(op: Operator, args: readonly T[]): Out {
    const ops = this.ops;
    const f = op.base!, indices = op.indices!;
    const name = latexName(f.name, 'operatorname');
    const names = args.map((a) => (ops.isSymbol(a) ? ops.symbolName(a) : undefined));
    const direct = names.every((n) => n !== undefined) && new Set(names).size === names.length;
    const vars = direct ? args.map((a) => this.print(a).s) : args.map((_, i) => `\\xi_{${i + 1}}`);
    const d = args.length > 1 ? '\\partial' : 'd';
    const counts = new Map<number, number>();
    for (const i of indices) counts.set(i, (counts.get(i) ?? 0) + 1);
    const denominators = [...counts].map(([i, k]) => `${d} ${vars[i - 1] ?? `\\xi_{${i}}`}${k > 1 ? `^{${k}}` : ''}`);
    const top = indices.length > 1 ? `${d}^{${indices.length}}` : d;
    let s = `\\frac{${top}}{${denominators.join('')}} ${name}{\\left(${vars.join(',')} \\right)}`;
    if (!direct) {
      const at = args.map((a, i) => `\\xi_{${i + 1}}=${this.print(a).s}`).join(' \\\\ ');
      s = `\\left. ${s} \\right|_{\\substack{ ${at} }}`;
    }
    return out({ s, neg: false, body: s, digit: false }, ATOM, { open: direct });
  }
}

function wrap(t: Out, needed: boolean): Out | Text {
  return needed ? paren(t) : t;
}
