/**
 * What is known about the value of a term: real, positive, nonnegative, nonzero, integer.
 * Facts come from numbers, from the assumptions symbols carry (`sym('p', ['positive'])`),
 * from the constants `pi` and `e`, and propagate through arithmetic and functions
 * (`exp` of a real is positive, `x^2` of a real is nonnegative, ...). A fact is reported only
 * when it is proved; "false" means "not known". The rules of the default simplifier ask
 * these before rewriting `log(x y)`, `sqrt(x^2)`, `(x^a)^b` and the like.
 *
 * Symbols are complex unless they say otherwise (as in SymPy); `withDomain({ real: true })`
 * makes every symbol real for the duration of a call (the derivation checker works over the
 * reals).
 *
 * @example isPositive(parse('exp(x) + 1')) // false: x is not known to be real
 * @example withDomain({ real: true }, () => isPositive(parse('exp(x) + 1'))) // true
 */
import { Assume, CALL, NUM, SYM, type Term } from '../term/term.js';
import * as N from '../term/number.js';
import {
  ABS, ADD, COS, COSH, E, EXP, LOG, MUL, PI, POW, SIN, SINH, TANH, ATAN, FACTORIAL,
} from '../term/operators.js';

/** Fact bits. */
export const Fact = {
  real: 1,
  nonnegative: 2,
  positive: 4,
  nonzero: 8,
  integer: 16,
  /** Known to be negative. */
  negative: 32,
} as const;

export interface DomainOptions {
  /** Every symbol is real (as if it carried the `real` assumption). */
  real?: boolean;
}

let allReal = false;
let cache = new WeakMap<Term, number>();
const cacheComplex = cache;
const cacheReal = new WeakMap<Term, number>();

/**
 * Runs `fn` with every symbol taken as real when `opts.real` is set.
 * @example withDomain({ real: true }, () => isReal(parse('x'))) // true
 */
export function withDomain<R>(opts: DomainOptions, fn: () => R): R {
  const saved = allReal;
  allReal = opts.real ?? saved;
  cache = allReal ? cacheReal : cacheComplex;
  try {
    return fn();
  } finally {
    allReal = saved;
    cache = allReal ? cacheReal : cacheComplex;
  }
}

/** True while `withDomain({ real: true })` is active. */
export function symbolsAreReal(): boolean {
  return allReal;
}

const R = Fact.real, NN = Fact.nonnegative, P = Fact.positive, NZ = Fact.nonzero, I = Fact.integer, NEG = Fact.negative;

/** The fact bits of `t` (memoised per term). */
export function facts(t: Term): number {
  const hit = cache.get(t);
  if (hit !== undefined) return hit;
  const f = close(compute(t));
  cache.set(t, f);
  return f;
}

/** Adds the facts implied by others. */
function close(f: number): number {
  if (f & P) f |= NN | NZ | R;
  if (f & NEG) f |= NZ | R;
  if (f & NN) f |= R;
  if (f & I) f |= R;
  return f;
}

function ofNumber(v: N.Value): number {
  let f = R;
  const s = N.sign(v);
  if (s > 0) f |= P;
  else if (s < 0) f |= NEG;
  else f |= NN;
  if (N.isInteger(v)) f |= I;
  return f;
}

function ofSymbol(t: Term): number {
  const a = t.flags;
  let f = allReal ? R : 0;
  if (a & Assume.real) f |= R;
  if (a & Assume.positive) f |= P;
  if (a & Assume.integer) f |= I;
  if (a & Assume.nonzero) f |= NZ;
  if (a & Assume.nonnegative) f |= NN;
  return f;
}

function all(args: readonly Term[], bit: number): boolean {
  for (const a of args) if ((facts(a) & bit) === 0) return false;
  return true;
}

function compute(t: Term): number {
  if (t.kind === NUM) return ofNumber(t.value!);
  if (t.kind === SYM) return ofSymbol(t);
  if (t.kind !== CALL) return 0;
  const op = t.op!, args = t.args;
  switch (op) {
    case PI: case E: return P;
    case ADD: {
      let f = 0;
      if (all(args, R)) f |= R;
      if (all(args, I)) f |= I;
      if (all(args, NN)) {
        f |= NN;
        if (args.some((a) => (facts(a) & P) !== 0)) f |= P;
      }
      if (args.every((a) => (facts(a) & NEG) !== 0)) f |= NEG;
      return f;
    }
    case MUL: {
      let f = 0;
      if (all(args, R)) f |= R;
      if (all(args, I)) f |= I;
      if (all(args, NZ)) f |= NZ;
      if (f & R && f & NZ) {
        // Every factor real and nonzero: the sign is known when every factor's sign is.
        let negatives = 0, known = true;
        for (const a of args) {
          const g = facts(a);
          if (g & NEG) negatives++;
          else if (!(g & P)) known = false;
        }
        if (known) f |= negatives % 2 === 0 ? P : NEG;
      } else if (all(args, NN)) f |= NN;
      return f;
    }
    case POW: return powFacts(args[0]!, args[1]!);
    case EXP: {
      const g = facts(args[0]!);
      return g & R ? P : NZ;
    }
    case LOG: {
      if (args.length !== 1) return 0;
      const g = facts(args[0]!);
      return g & P ? R : 0;
    }
    case ABS: {
      const g = facts(args[0]!);
      return g & NZ ? P : NN;
    }
    case SIN: case COS: case SINH: case TANH: case ATAN:
      return facts(args[0]!) & R ? R : 0;
    case COSH:
      return facts(args[0]!) & R ? P : 0;
    case FACTORIAL: {
      const g = facts(args[0]!);
      return g & I && g & NN ? P | I : 0;
    }
    default:
      return 0;
  }
}

function powFacts(base: Term, exponent: Term): number {
  const b = facts(base), e = facts(exponent);
  if (exponent.kind === NUM && N.isInteger(exponent.value!)) {
    const n = exponent.value as N.Fraction;
    const even = n.n % 2n === 0n;
    let f = 0;
    if (b & R) f |= R;
    if (b & NZ) f |= NZ;
    if (b & I && n.s > 0n) f |= I;
    if (b & P) f |= P;
    else if (b & R && even) f |= b & NZ ? P : NN;
    else if (b & NEG && !even) f |= NEG;
    else if (b & NN && n.s > 0n) f |= NN;
    return f;
  }
  if (b & P && e & R) return P;
  if (b & NN && exponent.kind === NUM && N.sign(exponent.value!) > 0) return NN;
  if (b & NZ) return NZ;
  return 0;
}

/** Proved real. @example isReal(sym('x', ['real'])) // true */
export function isReal(t: Term): boolean {
  return (facts(t) & R) !== 0;
}
/** Proved positive. @example isPositive(parse('exp(2)')) // true */
export function isPositive(t: Term): boolean {
  return (facts(t) & P) !== 0;
}
/** Proved nonnegative. @example isNonnegative(parse('abs(x)')) // true */
export function isNonnegative(t: Term): boolean {
  return (facts(t) & NN) !== 0;
}
/** Proved nonzero. @example isNonzero(parse('exp(x)')) // true */
export function isNonzero(t: Term): boolean {
  return (facts(t) & NZ) !== 0;
}
/** Proved negative. @example isNegative(int(-2)) // true */
export function isNegative(t: Term): boolean {
  return (facts(t) & NEG) !== 0;
}
/** Proved an integer. @example isIntegerValued(sym('n', ['integer'])) // true */
export function isIntegerValued(t: Term): boolean {
  return (facts(t) & I) !== 0;
}
