/**
 * Operators: one registry for every head a term can have. An operator carries its arity,
 * algebraic properties, float / decimal / exact evaluation, derivative rule, printing
 * precedence, LaTeX form and an evaluation-cost estimate. Undefined functions (`f(x, y)`)
 * are operators too, made on demand by `fn(name)`.
 */
import type { Decimal } from 'decimal.js';
import type { Value } from './number.js';
import { hashString } from './hash.js';

/** Builds terms of whatever representation an algorithm runs on (see `interface.ts`). */
export interface Builder<T> {
  call(op: Operator, args: readonly T[]): T;
  num(v: Value): T;
}

export type OperatorKind =
  | 'arithmetic' // + * ^ and the as-written - / neg
  | 'function' // sin, exp, sqrt, ...
  | 'constant' // pi, e: nullary
  | 'relation' // = < <= > >= !=
  | 'calculus' // Derivative, Integral
  | 'undefined' // f(x, y)
  | 'derived'; // D[1](f): partial derivative of an undefined function

export interface OperatorSpec {
  name: string;
  kind: OperatorKind;
  /** Fixed number of arguments, or [min, max] (max Infinity for variadic). */
  arity: number | readonly [number, number];
  commutative?: boolean;
  associative?: boolean;
  /** Identity element (0 for +, 1 for *). */
  identity?: number;
  /** Float evaluation (IEEE semantics: NaN outside the domain). */
  float?: (...xs: number[]) => number;
  /** Evaluation in decimal.js at the precision of the Decimal constructor given. */
  decimal?: (D: typeof Decimal, xs: Decimal[]) => Decimal;
  /** Exact evaluation; undefined when the result is not an exact number. */
  exact?: (xs: Value[]) => Value | undefined;
  /** Partial derivative with respect to argument `i`, built with `b`. */
  derivative?: <T>(b: Builder<T>, args: readonly T[], i: number) => T;
  /** Binding strength when printed in infix: higher binds tighter. */
  precedence: number;
  /** Infix symbol for operators printed between their arguments. */
  infix?: string;
  /** LaTeX: a command such as `\sin`, or a function of the printed arguments. */
  latex?: string | ((args: readonly string[]) => string);
  /** Evaluation cost estimate (the Symbolics.jl table: + 1, * 3, / 24, ^ 100, ...). */
  cost: number;
}

export class Operator {
  readonly id: number;
  readonly hash: number;
  readonly name: string;
  readonly kind: OperatorKind;
  readonly minArity: number;
  readonly maxArity: number;
  readonly commutative: boolean;
  readonly associative: boolean;
  readonly identity: number | undefined;
  readonly float: ((...xs: number[]) => number) | undefined;
  readonly decimal: OperatorSpec['decimal'];
  readonly exact: OperatorSpec['exact'];
  readonly derivative: OperatorSpec['derivative'];
  readonly precedence: number;
  readonly infix: string | undefined;
  readonly latex: OperatorSpec['latex'];
  readonly cost: number;
  /** For derived operators: the function differentiated and the argument indices (1-based). */
  readonly base: Operator | undefined;
  readonly indices: readonly number[] | undefined;

  constructor(id: number, spec: OperatorSpec, base?: Operator, indices?: readonly number[]) {
    this.id = id;
    this.name = spec.name;
    this.hash = hashString(spec.name, 0x6f70);
    this.kind = spec.kind;
    const [lo, hi] = typeof spec.arity === 'number' ? [spec.arity, spec.arity] : spec.arity;
    this.minArity = lo;
    this.maxArity = hi;
    this.commutative = spec.commutative ?? false;
    this.associative = spec.associative ?? false;
    this.identity = spec.identity;
    this.float = spec.float;
    this.decimal = spec.decimal;
    this.exact = spec.exact;
    this.derivative = spec.derivative;
    this.precedence = spec.precedence;
    this.infix = spec.infix;
    this.latex = spec.latex;
    this.cost = spec.cost;
    this.base = base;
    this.indices = indices;
  }

  acceptsArity(n: number): boolean {
    return n >= this.minArity && n <= this.maxArity;
  }

  /**
   * What a call with `got` arguments gets told.
   * @example SIN.arityMessage(2) // 'sin takes 1 argument, got 2'
   */
  arityMessage(got: number): string {
    const lo = this.minArity, hi = this.maxArity;
    const want = lo === hi ? `${lo} argument${lo === 1 ? '' : 's'}`
      : hi === Infinity ? `at least ${lo} argument${lo === 1 ? '' : 's'}`
      : `${lo} to ${hi} arguments`;
    return `${this.name} takes ${want}, got ${got}`;
  }

  toString(): string {
    return this.name;
  }
}

const byName = new Map<string, Operator>();
const derived = new Map<string, Operator>();
const all: Operator[] = [];

/** Registers a new operator; names are unique. */
export function defineOperator(spec: OperatorSpec): Operator {
  if (byName.has(spec.name)) throw new Error(`operator ${spec.name} is already defined`);
  const op = new Operator(all.length, spec);
  all.push(op);
  byName.set(spec.name, op);
  return op;
}

/** The operator registered under `name`, if any (built-ins and undefined functions made so far). */
export function getOperator(name: string): Operator | undefined {
  return byName.get(name);
}

/** Operator by its small integer id. */
export function operatorById(id: number): Operator {
  const op = all[id];
  if (!op) throw new RangeError(`no operator with id ${id}`);
  return op;
}

/**
 * The undefined function `name` (any arity), made once and reused.
 * @example fn('f') === fn('f') // true
 */
export function fn(name: string): Operator {
  const existing = byName.get(name);
  if (existing) {
    if (existing.kind !== 'undefined') throw new Error(`${name} is a built-in operator, not an undefined function`);
    return existing;
  }
  return defineOperator({ name, kind: 'undefined', arity: [0, Infinity], precedence: 100, cost: 1 });
}

/**
 * The partial derivative of undefined function `f` with respect to its arguments at the given
 * 1-based `indices` (repeated for higher orders, sorted): `derivedFn(f, [1])` is `f'`.
 */
export function derivedFn(f: Operator, indices: readonly number[]): Operator {
  const sorted = [...indices].sort((a, b) => a - b);
  const key = `${f.id}:${sorted.join(',')}`;
  let op = derived.get(key);
  if (!op) {
    const name = `D[${sorted.join(',')}](${f.name})`;
    op = new Operator(all.length, { name, kind: 'derived', arity: [f.minArity, f.maxArity], precedence: 100, cost: 1 }, f, sorted);
    all.push(op);
    derived.set(key, op);
  }
  return op;
}
