/**
 * The infix printer. Its output reads back as the same term: `parse(print(t)) === t` for
 * canonical terms and `parse(print(t), { mode: 'written' }) === t` for as-written terms.
 *
 * Parentheses follow precedence (relations, sums, products, unary minus, `^` (right-
 * associative), postfix `!`, atoms), and nested sums and products keep their parentheses
 * (`a + (b + c)`). Canonical forms read naturally: `x + (-1)*y` prints `x - y`,
 * `x*y^-1` prints `x/y`, `(1/2)*x` prints `x/2`, `x^(1/2)` prints `sqrt(x)`,
 * `x^(-1/2)` prints `1/sqrt(x)`. Arguments print in their stored order. Names that are not
 * plain identifiers, or that a built-in name or constant takes (`pi`, `e`, `sin`, `ln`),
 * print in backquotes. The printer is iterative, so a term `limits.maxDepth` deep prints
 * without exhausting the JS stack.
 */
import type { Term } from './term.js';
import type { Operator } from './operator.js';
import { ADD, MUL, SUB, NEG, DIV, POW, FACTORIAL } from './operators.js';
import * as N from './number.js';
import { formatValue, type Value } from './number.js';
import { termOps, type TermOps } from './interface.js';
import { isPlainName, quoteName } from './lexer.js';
import { builtinName } from './parse.js';
import { REL, SUM, PROD, UNARY, POWER, POSTFIX, ATOM } from './precedence.js';

// Binding strength of printed forms (higher binds tighter; the levels of precedence.ts and
// one of the printer's own) and what each position needs.
const QUOT = PROD + 1; // a/b: may start a product (`a/b*c`), unlike a product

const TOP = 0;
const RELATION_SIDE = REL + 1;
const SUM_TERM = SUM + 1;
const FIRST_FACTOR = QUOT;
const FACTOR = UNARY + 1;
const NUMERATOR = PROD;
const DENOMINATOR = UNARY + 1;
const NEGATED = UNARY + 1;
const BASE = POWER + 1;
const EXPONENT = POWER;
const FACTORIAL_ARG = POSTFIX;

/** Text on the printer's work list. */
class Text {
  constructor(readonly s: string) {}
}
/** A term to print where at least `min` binds (else in parentheses). */
class Job<T> {
  constructor(readonly t: T, readonly min: number) {}
}
/** A form made up by the printer (a negated product, a denominator) to print where at least `min` binds. */
class Place<T> {
  constructor(readonly form: Form<T>, readonly min: number) {}
}
type Piece<T> = Text | Job<T> | Place<T>;

/** How a term prints: its binding strength and its pieces, left to right. */
interface Form<T> {
  prec: number;
  pieces: Piece<T>[];
}

const MINUS = new Text('-');
const STAR = new Text('*');
const SLASH = new Text('/');
const OPEN = new Text('(');
const CLOSE = new Text(')');
const COMMA = new Text(', ');
const PLUS_SEP = new Text(' + ');
const MINUS_SEP = new Text(' - ');

const HALF = N.exact(1, 2);

/**
 * Infix text of a term of any representation, reached only through `ops`.
 * @example printWith(termOps, parse('x - y/2')) // 'x - y/2'
 */
export function printWith<T>(ops: TermOps<T>, t: T): string {
  const out: string[] = [];
  const work: Piece<T>[] = [new Job(t, TOP)];
  while (work.length > 0) {
    const item = work.pop()!;
    if (item instanceof Text) {
      out.push(item.s);
      continue;
    }
    const form = item instanceof Job ? formOf(ops, item.t) : item.form;
    const wrap = form.prec < item.min;
    if (wrap) work.push(CLOSE);
    for (let i = form.pieces.length - 1; i >= 0; i--) work.push(form.pieces[i]!);
    if (wrap) work.push(OPEN);
  }
  return out.join('');
}

/**
 * Infix text of a hash-consed term; `parse(print(t))` is `t` again (in the mode `t` was made in).
 * @example print(parse('x^(-1/2) - 3*y')) // '1/sqrt(x) - 3*y'
 */
export function print(t: Term): string {
  return printWith(termOps, t);
}

/** The text of a symbol or undefined-function name: backquoted unless it reads back as itself. */
export function nameText(name: string): string {
  return isPlainName(name) && builtinName(name) === undefined ? name : quoteName(name);
}

function atom<T>(s: string): Form<T> {
  return { prec: ATOM, pieces: [new Text(s)] };
}

function numberForm<T>(v: Value): Form<T> {
  const s = formatValue(v);
  if (N.isExact(v)) {
    if (v.d !== 1n) return { prec: QUOT, pieces: [new Text(s)] };
    return { prec: v.s < 0n && v.n !== 0n ? UNARY : ATOM, pieces: [new Text(s)] };
  }
  return { prec: v < 0 ? UNARY : ATOM, pieces: [new Text(s)] };
}

function formOf<T>(ops: TermOps<T>, t: T): Form<T> {
  if (ops.isNumber(t)) return numberForm(ops.numberValue(t));
  if (ops.isSymbol(t)) return atom(nameText(ops.symbolName(t)));
  const op = ops.operation(t);
  const args = ops.args(t);
  switch (op) {
    case ADD: return sumForm(ops, args);
    case MUL: return productForm(ops, args, false);
    case POW: return powerForm(ops, t, args[0]!, args[1]!);
    case NEG: return { prec: UNARY, pieces: [MINUS, new Job(args[0]!, NEGATED)] };
    case SUB: return { prec: SUM, pieces: [new Job(args[0]!, SUM_TERM), MINUS_SEP, new Job(args[1]!, SUM_TERM)] };
    case DIV: return { prec: QUOT, pieces: [new Job(args[0]!, NUMERATOR), SLASH, new Job(args[1]!, DENOMINATOR)] };
    case FACTORIAL: return { prec: POSTFIX, pieces: [new Job(args[0]!, FACTORIAL_ARG), new Text('!')] };
  }
  if (op.kind === 'relation' && args.length === 2) {
    return { prec: REL, pieces: [new Job(args[0]!, RELATION_SIDE), new Text(` ${op.infix ?? op.name} `), new Job(args[1]!, RELATION_SIDE)] };
  }
  if (op.kind === 'constant' && args.length === 0) return atom(op.name);
  return callForm(op, args);
}

function callForm<T>(op: Operator, args: readonly T[]): Form<T> {
  const pieces: Piece<T>[] = [new Text(`${headText(op, args.length)}(`)];
  for (let i = 0; i < args.length; i++) {
    if (i > 0) pieces.push(COMMA);
    pieces.push(new Job(args[i]!, TOP));
  }
  pieces.push(CLOSE);
  return { prec: ATOM, pieces };
}

/** The head of a call: a built-in name, an undefined function's name, `f'`, `D[1,2](f)`. */
function headText(op: Operator, arity: number): string {
  if (op.kind === 'derived') {
    const base = op.base!, idx = op.indices!;
    if (base.kind === 'undefined' && arity === 1 && idx.every((i) => i === 1) && (idx.length === 1 || idx.length === 2)) {
      return nameText(base.name) + "'".repeat(idx.length);
    }
    // Nested derivatives (D[2](D[1](f))) unwind without recursion.
    let open = '', close = '', f: Operator = op;
    while (f.kind === 'derived') {
      open += `D[${f.indices!.join(',')}](`;
      close += ')';
      f = f.base!;
    }
    return `${open}${functionName(f)}${close}`;
  }
  return functionName(op);
}

function functionName(op: Operator): string {
  if (op.kind === 'undefined') return nameText(op.name);
  return isPlainName(op.name) ? op.name : quoteName(op.name);
}

/**
 * A sum: `a + b`, and `a - b` where a term is a negation (`neg(b)`), a negative number or a
 * product with a negative coefficient (`(-2)*x` prints `- 2*x`).
 */
function sumForm<T>(ops: TermOps<T>, args: readonly T[]): Form<T> {
  const pieces: Piece<T>[] = [new Job(args[0]!, SUM_TERM)];
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    if (ops.isCall(a)) {
      const op = ops.operation(a);
      if (op === NEG) {
        pieces.push(MINUS_SEP, new Job(ops.args(a)[0]!, SUM_TERM));
        continue;
      }
      if (op === MUL) {
        const first = ops.args(a)[0]!;
        if (ops.isNumber(first)) {
          const c = ops.numberValue(first);
          // -1.0*x stays `+ -1.0*x`: `- 1.0*x` would read back as -x (1.0*x is x).
          if (N.sign(c) < 0 && !(N.isFloat(c) && c === -1)) {
            pieces.push(MINUS_SEP, new Place(productForm(ops, ops.args(a), true), SUM_TERM));
            continue;
          }
        }
      }
    } else if (ops.isNumber(a)) {
      const v = ops.numberValue(a);
      if (N.sign(v) < 0) {
        pieces.push(MINUS_SEP, new Place(numberForm(N.neg(v)), SUM_TERM));
        continue;
      }
    }
    pieces.push(PLUS_SEP, new Job(a, SUM_TERM));
  }
  return { prec: SUM, pieces };
}

/** A factor of a denominator: the term itself, or a form made up for `b^k`. */
type Factor<T> = { t: T } | { form: Form<T> };

function place<T>(f: Factor<T>, min: number): Piece<T> {
  return 't' in f ? new Job(f.t, min) : new Place(f.form, min);
}

/**
 * `b^e` for an exact negative `e` and a base that is not a number moves to a denominator
 * (a numeric base stays: `2^(-3/2)` would not read back from `1/2^(3/2)`).
 */
function denominatorPower<T>(ops: TermOps<T>, t: T): Factor<T> | undefined {
  if (!ops.isCall(t) || ops.operation(t) !== POW) return undefined;
  const [b, e] = ops.args(t) as [T, T];
  if (ops.isNumber(b) || !ops.isNumber(e)) return undefined;
  const v = ops.numberValue(e);
  if (!N.isExact(v) || N.sign(v) >= 0) return undefined;
  const k = v.neg();
  if (N.isOne(k)) return { t: b };
  if (N.equals(k, HALF)) return { form: sqrtForm(b) };
  return { form: { prec: POWER, pieces: [new Job(b, BASE), new Text('^'), new Place(numberForm(k), EXPONENT)] } };
}

function sqrtForm<T>(b: T): Form<T> {
  return { prec: ATOM, pieces: [new Text('sqrt('), new Job(b, TOP), CLOSE] };
}

function powerForm<T>(ops: TermOps<T>, t: T, b: T, e: T): Form<T> {
  if (ops.isNumber(e)) {
    const v = ops.numberValue(e);
    if (N.isExact(v) && N.equals(v, HALF)) return sqrtForm(b);
    if (denominatorPower(ops, t) !== undefined) return productForm(ops, [t], false);
  }
  return { prec: POWER, pieces: [new Job(b, BASE), new Text('^'), new Job(e, EXPONENT)] };
}

/**
 * A product: the coefficient first (`-` for -1, its denominator below the line for a
 * fraction: `(1/2)*x` is `x/2`), factors with exact negative exponents below the line
 * (`3*x*y^-2` is `3*x/y^2`). `negate` prints the product with its coefficient negated.
 */
function productForm<T>(ops: TermOps<T>, args: readonly T[], negate: boolean): Form<T> {
  const num: Factor<T>[] = [];
  const den: Factor<T>[] = [];
  let minus = false;
  let denCoeff = 1n;
  let coeffText: Form<T> | null = null;
  let i = 0;
  if (ops.isNumber(args[0]!)) {
    i = 1;
    let c = ops.numberValue(args[0]!);
    if (negate) c = N.neg(c);
    if (N.isExact(c)) {
      denCoeff = c.d;
      if (c.n === 1n && c.s < 0n) minus = true;
      // An exact 1 is omitted over a denominator or when negated from -1; `1*x` as written stays.
      else if (!(c.n === 1n && (c.d !== 1n || negate))) coeffText = numberForm(N.exact(c.s * c.n));
    } else coeffText = numberForm(c);
  }
  for (; i < args.length; i++) {
    const f = args[i]!;
    const d = denominatorPower(ops, f);
    if (d !== undefined) den.push(d);
    else num.push({ t: f });
  }
  if (minus && num.length > 0 && 't' in num[0]! && isSum(ops, num[0].t)) {
    // -(a + b)*x would read back as (-a - b)*x: write -1*(a + b)*x.
    minus = false;
    coeffText = numberForm(N.exact(-1));
  }
  const pieces: Piece<T>[] = [];
  if (coeffText !== null) pieces.push(new Place(coeffText, FIRST_FACTOR));
  if (minus) pieces.push(MINUS);
  for (let j = 0; j < num.length; j++) {
    if (pieces.length > 0 && !(minus && j === 0 && coeffText === null)) pieces.push(STAR);
    pieces.push(place(num[j]!, minus && j === 0 ? NEGATED : pieces.length === 0 ? FIRST_FACTOR : FACTOR));
  }
  if (num.length === 0 && coeffText === null) pieces.push(new Text('1'));
  if (den.length === 0 && denCoeff === 1n) {
    const prec = num.length + (coeffText === null ? 0 : 1) > 1 ? PROD : minus ? UNARY : PROD;
    return { prec, pieces };
  }
  pieces.push(SLASH);
  if (denCoeff === 1n && den.length === 1) {
    pieces.push(place(den[0]!, DENOMINATOR));
  } else if (denCoeff !== 1n && den.length === 1 && 't' in den[0]! && isSum(ops, den[0].t)) {
    // x/(2*(a + b)) would read back as x/(2*a + 2*b): write x/2/(a + b).
    pieces.push(new Text(denCoeff.toString()), SLASH, place(den[0], DENOMINATOR));
  } else {
    const inner: Piece<T>[] = [];
    if (denCoeff !== 1n) inner.push(new Text(denCoeff.toString()));
    for (const d of den) {
      if (inner.length > 0) inner.push(STAR);
      inner.push(place(d, inner.length === 0 ? FIRST_FACTOR : FACTOR));
    }
    pieces.push(new Place({ prec: inner.length > 1 ? PROD : ATOM, pieces: inner }, DENOMINATOR));
  }
  return { prec: QUOT, pieces };
}

function isSum<T>(ops: TermOps<T>, t: T): boolean {
  return ops.isCall(t) && ops.operation(t) === ADD;
}
