/**
 * Numeric evaluation in three modes, each reading the operator's own field (`float`,
 * `decimal`, `exact` in `operators.ts`):
 * - 'float' (default): a JS number with IEEE semantics (NaN outside a function's domain,
 *   infinities where they arise);
 * - 'decimal': a decimal.js `Decimal` at `precision` significant digits (default 50);
 * - 'exact': a `Fraction` when every operation is exact, else `EquateError('not exact: ...')`.
 *
 * Relations evaluate to 1 (true) or 0 (false). The walk is iterative and evaluates each
 * shared subterm once per call (memoised by term id for hash-consed terms).
 */
import { Decimal } from 'decimal.js';
import { CALL, NUM, type Term } from './term.js';
import { termOps, writtenOps, type TermOps } from './interface.js';
import type { Operator } from './operator.js';
import * as N from './number.js';
import { Fraction, type Value } from './number.js';
import { EquateError } from './errors.js';

/** A function given for an undefined function `f`: called with the arguments' values in the evaluation mode. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EnvFunction = (...xs: any[]) => unknown;
/** The value of a symbol (number, bigint, Fraction or Decimal) or of an undefined function. */
export type EnvValue = number | bigint | Fraction | Decimal | EnvFunction;
/** Values by name: a `Map` or a plain record (read with `Object.hasOwn`, so any name works). */
export type Env = ReadonlyMap<string, EnvValue> | Readonly<Record<string, EnvValue>>;

export interface EvaluateOptions {
  /** 'float' (default), 'decimal' or 'exact'. */
  mode?: 'float' | 'decimal' | 'exact';
  /** Significant digits in decimal mode. Default: 50. */
  precision?: number;
}

/** Default significant digits of decimal mode. */
export const DEFAULT_PRECISION = 50;

/** How one mode computes: values of leaves, of undefined functions and of operators. */
interface Domain<V> {
  number(v: Value): V;
  symbol(name: string, v: Exclude<EnvValue, EnvFunction>): V;
  call(name: string, f: EnvFunction, xs: V[]): V;
  /** `op` applied to `st[start .. start + n)`. */
  apply(op: Operator, st: V[], start: number, n: number): V;
}

function lookup(env: Env, name: string): EnvValue | undefined {
  if (env instanceof Map) return env.get(name);
  const record = env as Readonly<Record<string, EnvValue>>;
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

function describe(op: Operator, args: readonly unknown[]): string {
  if (args.length === 0) return op.name;
  return `${op.name}(${args.map((a) => (a instanceof Fraction ? N.formatValue(a) : String(a))).join(', ')})`;
}

// --- float ------------------------------------------------------------------------------------

function toNumber(name: string, v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Fraction) return N.toFloat(v);
  if (Decimal.isDecimal(v)) return (v as Decimal).toNumber();
  throw new EquateError(`the value of ${name} is not a number`);
}

const floatDomain: Domain<number> = {
  number: N.toFloat,
  symbol: toNumber,
  call: (name, f, xs) => toNumber(`${name}(...)`, f(...xs)),
  apply: (op, st, start, n) => {
    const f = op.float;
    if (f === undefined) throw new EquateError(`${op.name} has no numeric value`);
    switch (n) {
      case 0: return f();
      case 1: return f(st[start]!);
      case 2: return f(st[start]!, st[start + 1]!);
      case 3: return f(st[start]!, st[start + 1]!, st[start + 2]!);
    }
    if (op.associative) {
      // (a + b + c + d) = ((a + b) + c) + d: no argument array needed.
      let acc = f(st[start]!, st[start + 1]!);
      for (let i = 2; i < n; i++) acc = f(acc, st[start + i]!);
      return acc;
    }
    return f(...st.slice(start, start + n));
  },
};

// --- decimal ----------------------------------------------------------------------------------

const decimals = new Map<number, typeof Decimal>();

function decimalConstructor(precision: number): typeof Decimal {
  if (!Number.isSafeInteger(precision) || precision < 1 || precision > 1e9) {
    throw new EquateError(`precision must be a whole number of digits from 1 to 1e9, got ${String(precision)}`);
  }
  let D = decimals.get(precision);
  if (D === undefined) {
    D = Decimal.clone({ precision, rounding: Decimal.ROUND_HALF_UP });
    if (decimals.size < 64) decimals.set(precision, D);
  }
  // decimal.js leaves a raised precision behind when a function throws midway (sin of a huge
  // argument): every evaluation starts from the configured state.
  D.set({ precision, rounding: Decimal.ROUND_HALF_UP });
  return D;
}

function fractionToDecimal(D: typeof Decimal, f: Fraction): Decimal {
  const n = new D((f.s * f.n).toString());
  return f.d === 1n ? n : n.div(f.d.toString());
}

/** The exact rational value of a finite Decimal. */
function decimalToFraction(d: Decimal): Fraction | undefined {
  if (!d.isFinite()) return undefined;
  const [n, m] = d.toFraction();
  return new Fraction(BigInt(n.toFixed(0)), BigInt(m.toFixed(0)));
}

function decimalDomain(D: typeof Decimal): Domain<Decimal> {
  const precision = D.precision;
  const toDecimal = (name: string, v: unknown): Decimal => {
    if (typeof v === 'number' || typeof v === 'bigint') return new D(v.toString());
    if (v instanceof Fraction) return fractionToDecimal(D, v);
    if (Decimal.isDecimal(v)) return new D(v as Decimal);
    throw new EquateError(`the value of ${name} is not a number`);
  };
  return {
    number: (v) => (typeof v === 'number' ? new D(v) : fractionToDecimal(D, v)),
    symbol: toDecimal,
    call: (name, f, xs) => toDecimal(`${name}(...)`, f(...xs)),
    apply: (op, st, start, n) => {
      const xs = st.slice(start, start + n);
      if (op.decimal) {
        try {
          return op.decimal(D, xs);
        } catch (e) {
          if (e instanceof EquateError) throw e;
          // decimal.js's limits (digits of pi and ln 10 it holds): sin(1e2000) at 50 digits.
          D.set({ precision, rounding: Decimal.ROUND_HALF_UP });
          const why = e instanceof Error ? e.message.replace(/^\[DecimalError\]\s*/, '').toLowerCase() : String(e);
          throw new EquateError(`cannot evaluate ${describe(op, xs.map((x) => x.toString()))} at ${precision} digits: ${why}`);
        }
      }
      if (op.kind === 'relation' && op.float) return new D(op.float(xs[0]!.cmp(xs[1]!), 0));
      if (op.exact) {
        // Exact where the arguments are (factorial of an integer); NaN or infinity as in float.
        const fs = xs.map(decimalToFraction);
        if (fs.every((f) => f !== undefined)) {
          const r = op.exact(fs as Fraction[]);
          if (r !== undefined && N.isExact(r)) return fractionToDecimal(D, r);
        }
        if (op.float) {
          const r = op.float(...xs.map((x) => x.toNumber()));
          if (!Number.isFinite(r)) return new D(r);
        }
      }
      throw new EquateError(`${describe(op, xs.map((x) => x.toString()))} has no decimal value`);
    },
  };
}

// --- exact ------------------------------------------------------------------------------------

function toFraction(name: string, v: unknown): Fraction {
  if (v instanceof Fraction) return v;
  if (typeof v === 'bigint') return new Fraction(v);
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v)) return new Fraction(v);
    throw new EquateError(`not exact: the value of ${name} is the float ${N.formatValue(v)}`);
  }
  if (Decimal.isDecimal(v)) {
    const f = decimalToFraction(v as Decimal);
    if (f !== undefined) return f;
  }
  throw new EquateError(`not exact: the value of ${name} is not an exact number`);
}

const exactDomain: Domain<Fraction> = {
  number: (v) => {
    if (N.isExact(v)) return v;
    throw new EquateError(`not exact: the float ${N.formatValue(v)}`);
  },
  symbol: toFraction,
  call: (name, f, xs) => toFraction(`${name}(...)`, f(...xs)),
  apply: (op, st, start, n) => {
    const xs = st.slice(start, start + n);
    if (op.kind === 'relation' && op.float && !op.exact) return new Fraction(op.float(N.compare(xs[0]!, xs[1]!), 0));
    const r = op.exact?.(xs);
    if (r === undefined || !N.isExact(r)) throw new EquateError(`not exact: ${describe(op, xs)}`);
    return r;
  },
};

// --- the walk ---------------------------------------------------------------------------------

const NONE: readonly never[] = [];

/** The error for a call that has no value whatever the mode, or undefined. */
function unevaluable(op: Operator): EquateError | undefined {
  if (op.kind === 'calculus') {
    const what = op.name === 'Derivative' ? 'an unevaluated derivative' : 'an unevaluated integral';
    return new EquateError(`cannot evaluate ${what} (${op.name})`);
  }
  if (op.kind === 'derived') return new EquateError(`no value for the derivative ${op.name} of an undefined function`);
  return undefined;
}

function run<T, V>(ops: TermOps<T>, root: T, env: Env, dom: Domain<V>): V {
  const byId = ops === termOps || ops === writtenOps;
  const memoById = new Map<number, V>();
  const memo = new Map<T, V>();
  const nodes: T[] = [root];
  const kids: (readonly T[])[] = [NONE];
  const next: number[] = [0];
  const st: V[] = [];
  while (nodes.length > 0) {
    const k = nodes.length - 1;
    const t = nodes[k]!;
    const i = next[k]!;
    let args: readonly T[];
    if (i === 0) {
      const hit = byId ? memoById.get((t as unknown as Term).id) : memo.get(t);
      if (hit !== undefined) {
        nodes.pop(); kids.pop(); next.pop();
        st.push(hit);
        continue;
      }
      if (!ops.isCall(t)) {
        let v: V;
        if (ops.isSymbol(t)) {
          const name = ops.symbolName(t);
          const given = lookup(env, name);
          if (given === undefined) throw new EquateError(`no value for symbol ${name}`);
          if (typeof given === 'function') throw new EquateError(`the value of ${name} is a function, not a number`);
          v = dom.symbol(name, given);
        } else v = dom.number(ops.numberValue(t));
        if (byId) memoById.set((t as unknown as Term).id, v);
        else memo.set(t, v);
        nodes.pop(); kids.pop(); next.pop();
        st.push(v);
        continue;
      }
      const op = ops.operation(t);
      const err = unevaluable(op);
      if (err) throw err;
      args = kids[k] = ops.args(t);
    } else args = kids[k]!;
    if (i < args.length) {
      next[k] = i + 1;
      nodes.push(args[i]!);
      kids.push(NONE);
      next.push(0);
      continue;
    }
    const n = args.length;
    const start = st.length - n;
    const op = ops.operation(t);
    let v: V;
    if (op.kind === 'undefined') {
      const f = lookup(env, op.name);
      if (typeof f !== 'function') throw new EquateError(`no value for function ${op.name}`);
      v = dom.call(op.name, f, st.slice(start));
    } else v = dom.apply(op, st, start, n);
    st.length = start;
    st.push(v);
    if (byId) memoById.set((t as unknown as Term).id, v);
    else memo.set(t, v);
    nodes.pop(); kids.pop(); next.pop();
  }
  return st[0]!;
}

// --- float over hash-consed terms: the hot path -----------------------------------------------

/** Float values by term id: open addressing over typed arrays (ids are positive integers). */
class FloatsById {
  private mask: number;
  private keys: Float64Array;
  private vals: Float64Array;
  private count = 0;
  /** Slot of the last successful `find`. */
  slot = 0;

  constructor(capacity: number) {
    this.mask = capacity - 1;
    this.keys = new Float64Array(capacity);
    this.vals = new Float64Array(capacity);
  }

  /** Whether `id` has a value; if so it is `value()`. */
  find(id: number): boolean {
    const keys = this.keys, mask = this.mask;
    let h = Math.imul(id, 0x9e3779b1) & mask;
    for (;;) {
      const k = keys[h]!;
      if (k === id) {
        this.slot = h;
        return true;
      }
      if (k === 0) return false;
      h = (h + 1) & mask;
    }
  }

  value(): number {
    return this.vals[this.slot]!;
  }

  set(id: number, v: number): void {
    if (2 * (this.count + 1) > this.mask) this.grow();
    const keys = this.keys, mask = this.mask;
    let h = Math.imul(id, 0x9e3779b1) & mask;
    while (keys[h] !== 0 && keys[h] !== id) h = (h + 1) & mask;
    if (keys[h] === 0) this.count++;
    keys[h] = id;
    this.vals[h] = v;
  }

  private grow(): void {
    const keys = this.keys, vals = this.vals;
    this.mask = keys.length * 2 - 1;
    this.keys = new Float64Array(keys.length * 2);
    this.vals = new Float64Array(keys.length * 2);
    this.count = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.set(keys[i]!, vals[i]!);
  }
}

function floatLeaf(t: Term, env: Env): number {
  if (t.kind === NUM) return N.toFloat(t.value!);
  const name = t.name!;
  const given = lookup(env, name);
  if (given === undefined) throw new EquateError(`no value for symbol ${name}`);
  if (typeof given === 'function') throw new EquateError(`the value of ${name} is a function, not a number`);
  return typeof given === 'number' ? given : toNumber(name, given);
}

/** A call whose operator has no `float` field: an undefined function, or an error. */
function floatSpecial(op: Operator, st: number[], start: number, sp: number, env: Env): number {
  const err = unevaluable(op);
  if (err) throw err;
  if (op.kind === 'undefined') {
    const f = lookup(env, op.name);
    if (typeof f !== 'function') throw new EquateError(`no value for function ${op.name}`);
    return floatDomain.call(op.name, f, st.slice(start, sp));
  }
  return floatDomain.apply(op, st, start, sp - start);
}

/**
 * Float evaluation of a hash-consed term: an explicit stack over the term's own fields, a
 * value stack with a stack pointer, and values memoised by term id in typed arrays.
 */
function floatTerm(root: Term, env: Env): number {
  if (root.kind !== CALL) return floatLeaf(root, env);
  const memo = new FloatsById(root.size < 512 ? 1024 : 8192);
  const nodes: Term[] = [root];
  const next: number[] = [0];
  const st: number[] = [];
  let sp = 0, top = 0;
  while (top >= 0) {
    const t = nodes[top]!;
    const args = t.args;
    let i = next[top]!;
    if (i === 0) {
      if (memo.find(t.id)) {
        top--;
        st[sp++] = memo.value();
        continue;
      }
      const err = unevaluable(t.op!);
      if (err) throw err;
    }
    // Leaves go straight onto the value stack; descend into the next call.
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a.kind === CALL) break;
      let v: number;
      if (memo.find(a.id)) v = memo.value();
      else {
        v = floatLeaf(a, env);
        memo.set(a.id, v);
      }
      st[sp++] = v;
    }
    if (i < args.length) {
      next[top] = i + 1;
      top++;
      nodes[top] = args[i]!;
      next[top] = 0;
      continue;
    }
    const op = t.op!;
    const f = op.float;
    const n = args.length, start = sp - n;
    let v: number;
    if (f === undefined) v = floatSpecial(op, st, start, sp, env);
    else if (n === 1) v = f(st[start]!);
    else if (n === 2) v = f(st[start]!, st[start + 1]!);
    else v = floatDomain.apply(op, st, start, n);
    sp = start;
    st[sp++] = v;
    memo.set(t.id, v);
    top--;
  }
  return st[0]!;
}

/**
 * Evaluates `t`, of any term representation, with values for its symbols (and functions for
 * its undefined functions) from `env`.
 * @example evaluateWith(termOps, parse('x^2 + 1'), { x: 3 }) // 10
 */
export function evaluateWith<T>(ops: TermOps<T>, t: T, env?: Env, opts?: EvaluateOptions & { mode?: 'float' }): number;
export function evaluateWith<T>(ops: TermOps<T>, t: T, env: Env | undefined, opts: EvaluateOptions & { mode: 'decimal' }): Decimal;
export function evaluateWith<T>(ops: TermOps<T>, t: T, env: Env | undefined, opts: EvaluateOptions & { mode: 'exact' }): Fraction;
export function evaluateWith<T>(ops: TermOps<T>, t: T, env?: Env, opts?: EvaluateOptions): number | Decimal | Fraction;
export function evaluateWith<T>(ops: TermOps<T>, t: T, env: Env = {}, opts: EvaluateOptions = {}): number | Decimal | Fraction {
  const mode = opts.mode ?? 'float';
  if (env === null || typeof env !== 'object') throw new EquateError('evaluate: the environment must be a record or a Map');
  switch (mode) {
    case 'float': return ops === termOps || ops === writtenOps ? floatTerm(t as unknown as Term, env) : run(ops, t, env, floatDomain);
    case 'decimal': return run(ops, t, env, decimalDomain(decimalConstructor(opts.precision ?? DEFAULT_PRECISION)));
    case 'exact': return run(ops, t, env, exactDomain);
    default: throw new EquateError(`unknown evaluation mode '${String(mode)}'`);
  }
}

/**
 * Evaluates a hash-consed term: a float by default, a `Decimal` with `{ mode: 'decimal' }`,
 * an exact `Fraction` with `{ mode: 'exact' }`.
 * @example evaluate(parse('sin(x)^2 + cos(x)^2'), { x: 0.3 }) // 1 (within rounding)
 * @example evaluate(parse('(1/3 + 1/6)^2'), {}, { mode: 'exact' }) // Fraction 1/4
 * @example evaluate(parse('pi'), {}, { mode: 'decimal', precision: 30 }).toString() // '3.14159265358979323846264338328'
 */
export function evaluate(t: Term, env?: Env, opts?: EvaluateOptions & { mode?: 'float' }): number;
export function evaluate(t: Term, env: Env | undefined, opts: EvaluateOptions & { mode: 'decimal' }): Decimal;
export function evaluate(t: Term, env: Env | undefined, opts: EvaluateOptions & { mode: 'exact' }): Fraction;
export function evaluate(t: Term, env?: Env, opts?: EvaluateOptions): number | Decimal | Fraction;
export function evaluate(t: Term, env?: Env, opts?: EvaluateOptions): number | Decimal | Fraction {
  return evaluateWith(termOps, t, env, opts);
}
