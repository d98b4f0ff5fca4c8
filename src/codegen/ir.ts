/**
 * The kernel IR: a straight-line program over float64 values in static single assignment
 * form, shared by the JS and WebAssembly back ends. Each instruction names its operands by
 * the index of the instruction that computed them, so a program is a DAG in topological
 * order.
 *
 * `ProgramBuilder` numbers values as it builds (global value numbering): an instruction equal
 * to an earlier one (same kind, same operands) is the earlier one, which is how common
 * subexpressions are shared across a term and across the outputs of one kernel. It also
 * folds instructions whose operands are all constants (with the same float functions as
 * `evaluate`) and applies a few peepholes that are exact in IEEE arithmetic (`x*1 = x`,
 * `x*(-1) = -x`, `a + (-b) = a - b`, `-(-x) = x`, `(-a)*b = -(a*b)`, `(-a)/b = -(a/b)`,
 * `c*(-x) = (-c)*x`). `finish` drops the instructions no output uses and renumbers the rest.
 *
 * @example
 * const b = new ProgramBuilder(1);
 * const x = b.arg(0);
 * const p = b.finish([b.add(b.mul(x, x), b.mul(x, x))]); // x*x computed once
 * p.instrs.length // 3: arg, mul, add
 */
import type { Operator } from '../term/operator.js';

/** Instruction kinds. */
export const K = {
  CONST: 0,
  ARG: 1,
  ADD: 2,
  SUB: 3,
  MUL: 4,
  DIV: 5,
  NEG: 6,
  SQRT: 7,
  ABS: 8,
  /** A function of `Math` (see `MATH`), `fn` its index. */
  MATH: 9,
  /** An operator's own float function (`Operator.float`), `fn` its index in `Program.externs`. */
  EXTERN: 10,
  /** A comparison (see `RELATIONS`), `fn` its index: 1 when it holds, else 0. */
  CMP: 11,
} as const;
export type Kind = (typeof K)[keyof typeof K];

/** Printable names of the kinds, for statistics and debugging. */
export const KIND_NAMES = ['const', 'arg', 'add', 'sub', 'mul', 'div', 'neg', 'sqrt', 'abs', 'math', 'extern', 'cmp'] as const;

/** The `Math` functions a kernel may call, by index; the names are `Math` property names. */
export const MATH = ['sin', 'cos', 'tan', 'exp', 'log', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'pow'] as const;
export type MathName = (typeof MATH)[number];
/** Index of a `Math` function in `MATH`. */
export const M: { readonly [k in MathName]: number } = Object.fromEntries(MATH.map((n, i) => [n, i])) as never;

/** Comparisons by index, with the JS operator each prints as (fixed text, never user input). */
export const RELATIONS = ['<', '<=', '>', '>=', '===', '!=='] as const;

export interface Instr {
  readonly kind: Kind;
  /** Operand value numbers. */
  readonly args: readonly number[];
  /** MATH, EXTERN or CMP: which function or relation; ARG: the argument's index. */
  readonly fn: number;
  /** CONST: the value. */
  readonly value: number;
}

export interface Program {
  /** Number of kernel arguments. */
  readonly arity: number;
  /** Instructions in topological order (operands before their uses). */
  readonly instrs: readonly Instr[];
  /** Value numbers of the outputs, in order (the same value may appear twice). */
  readonly outputs: readonly number[];
  /** Operators called through their own float function (EXTERN). */
  readonly externs: readonly Operator[];
  /** Number of uses of each value (as an operand or an output). */
  readonly uses: readonly number[];
}

/** The float value of an instruction given its operands' values: the semantics of the IR. */
export function evalInstr(kind: Kind, fn: number, xs: readonly number[], externs: readonly Operator[]): number {
  const a = xs[0]!, b = xs[1]!;
  switch (kind) {
    case K.ADD: return a + b;
    case K.SUB: return a - b;
    case K.MUL: return a * b;
    case K.DIV: return a / b;
    case K.NEG: return -a;
    case K.SQRT: return Math.sqrt(a);
    case K.ABS: return Math.abs(a);
    case K.MATH: return fn === M.pow ? Math.pow(a, b) : (Math[MATH[fn]!] as (x: number) => number)(a);
    case K.EXTERN: return externs[fn]!.float!(...xs);
    case K.CMP: return compare(fn, a, b) ? 1 : 0;
    default: throw new RangeError(`no value for instruction kind ${kind}`);
  }
}

function compare(rel: number, a: number, b: number): boolean {
  switch (rel) {
    case 0: return a < b;
    case 1: return a <= b;
    case 2: return a > b;
    case 3: return a >= b;
    case 4: return a === b;
    default: return a !== b;
  }
}

const COMMUTATIVE: ReadonlySet<Kind> = new Set<Kind>([K.ADD, K.MUL]);

/** Builds a `Program` with value numbering, constant folding and exact peepholes. */
export class ProgramBuilder {
  readonly arity: number;
  private readonly instrs: Instr[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly externs: Operator[] = [];
  private readonly externIndex = new Map<Operator, number>();

  constructor(arity: number) {
    this.arity = arity;
  }

  /** The instruction that computes value `v`. */
  instr(v: number): Instr {
    return this.instrs[v]!;
  }

  isConst(v: number): boolean {
    return this.instrs[v]!.kind === K.CONST;
  }

  /** Whether `v` is the constant `c` (compared with `Object.is`, so 0 is not -0). */
  isConstant(v: number, c: number): boolean {
    const i = this.instrs[v]!;
    return i.kind === K.CONST && Object.is(i.value, c);
  }

  const(value: number): number {
    const key = Object.is(value, -0) ? 'c-0' : `c${value}`;
    return this.intern(key, { kind: K.CONST, args: [], fn: 0, value });
  }

  arg(index: number): number {
    return this.intern(`a${index}`, { kind: K.ARG, args: [], fn: index, value: 0 });
  }

  add(a: number, b: number): number {
    if (!this.isConst(a) || !this.isConst(b)) {
      const nb = this.negated(b);
      if (nb >= 0) return this.op(K.SUB, [a, nb]);
      const na = this.negated(a);
      if (na >= 0) return this.op(K.SUB, [b, na]);
    }
    return this.op(K.ADD, [a, b]);
  }

  sub(a: number, b: number): number {
    if (!this.isConst(a) || !this.isConst(b)) {
      const nb = this.negated(b);
      if (nb >= 0) return this.add(a, nb);
    }
    return this.op(K.SUB, [a, b]);
  }

  /**
   * A value w with v = -w exactly, when one is at hand without a negation: the operand of
   * `-w`, a product with a negative constant factor (`(-2)*x` is `-(2*x)`), a negative
   * constant. Otherwise -1.
   */
  private negated(v: number): number {
    const i = this.instrs[v]!;
    if (i.kind === K.NEG) return i.args[0]!;
    if (i.kind === K.CONST) return i.value < 0 ? this.const(-i.value) : -1;
    if (i.kind === K.MUL) {
      const [a, b] = i.args as [number, number];
      const ia = this.instrs[a]!, ib = this.instrs[b]!;
      if (ia.kind === K.CONST && ia.value < 0) return this.mul(this.const(-ia.value), b);
      if (ib.kind === K.CONST && ib.value < 0) return this.mul(a, this.const(-ib.value));
    }
    return -1;
  }

  mul(a: number, b: number): number {
    if (this.isConstant(a, 1)) return b;
    if (this.isConstant(b, 1)) return a;
    if (this.isConstant(a, -1)) return this.neg(b);
    if (this.isConstant(b, -1)) return this.neg(a);
    const ia = this.instrs[a]!, ib = this.instrs[b]!;
    if (ia.kind === K.NEG && ib.kind === K.NEG) return this.mul(ia.args[0]!, ib.args[0]!);
    if (ia.kind === K.CONST && ib.kind === K.NEG) return this.mul(this.const(-ia.value), ib.args[0]!);
    if (ib.kind === K.CONST && ia.kind === K.NEG) return this.mul(ia.args[0]!, this.const(-ib.value));
    // (-a)*b = -(a*b): the negation moves out, where a sum turns it into a subtraction.
    if (ia.kind === K.NEG && ib.kind !== K.CONST) return this.neg(this.mul(ia.args[0]!, b));
    if (ib.kind === K.NEG && ia.kind !== K.CONST) return this.neg(this.mul(a, ib.args[0]!));
    return this.op(K.MUL, [a, b]);
  }

  div(a: number, b: number): number {
    if (this.isConstant(b, 1)) return a;
    const ia = this.instrs[a]!;
    // (-a)/b = -(a/b), for the sum around it to subtract.
    if (ia.kind === K.NEG) return this.neg(this.div(ia.args[0]!, b));
    return this.op(K.DIV, [a, b]);
  }

  neg(a: number): number {
    const ia = this.instrs[a]!;
    if (ia.kind === K.NEG) return ia.args[0]!;
    return this.op(K.NEG, [a]);
  }

  sqrt(a: number): number {
    return this.op(K.SQRT, [a]);
  }

  abs(a: number): number {
    return this.op(K.ABS, [a]);
  }

  /** A call of `Math[MATH[fn]]`. */
  math(fn: number, args: readonly number[]): number {
    return this.op(K.MATH, args, fn);
  }

  /** A call of `op.float` (an operator without a native form, such as `factorial`). */
  extern(op: Operator, args: readonly number[]): number {
    let i = this.externIndex.get(op);
    if (i === undefined) {
      i = this.externs.length;
      this.externs.push(op);
      this.externIndex.set(op, i);
    }
    return this.op(K.EXTERN, args, i);
  }

  /** 1 if `a rel b` holds, else 0 (`rel` indexes `RELATIONS`). */
  cmp(rel: number, a: number, b: number): number {
    return this.op(K.CMP, [a, b], rel);
  }

  private op(kind: Kind, args: readonly number[], fn = 0): number {
    let allConst = true;
    for (const a of args) if (this.instrs[a]!.kind !== K.CONST) allConst = false;
    if (allConst) {
      const xs = args.map((a) => this.instrs[a]!.value);
      return this.const(evalInstr(kind, fn, xs, this.externs));
    }
    const ordered = COMMUTATIVE.has(kind) && args[0]! > args[1]! ? [args[1]!, args[0]!] : args;
    return this.intern(`${kind}:${fn}:${ordered.join(',')}`, { kind, args: ordered, fn, value: 0 });
  }

  private intern(key: string, instr: Instr): number {
    const hit = this.byKey.get(key);
    if (hit !== undefined) return hit;
    const v = this.instrs.length;
    this.instrs.push(instr);
    this.byKey.set(key, v);
    return v;
  }

  /** The program computing `outputs`: instructions no output needs are dropped, the rest renumbered. */
  finish(outputs: readonly number[]): Program {
    const n = this.instrs.length;
    const live = new Uint8Array(n);
    for (const o of outputs) live[o] = 1;
    for (let v = n - 1; v >= 0; v--) if (live[v]) for (const a of this.instrs[v]!.args) live[a] = 1;
    const renumber = new Int32Array(n).fill(-1);
    const instrs: Instr[] = [];
    const externs: Operator[] = [];
    const externRenumber = new Map<number, number>();
    for (let v = 0; v < n; v++) {
      if (!live[v]) continue;
      const i = this.instrs[v]!;
      let fn = i.fn;
      if (i.kind === K.EXTERN) {
        let e = externRenumber.get(fn);
        if (e === undefined) {
          e = externs.length;
          externs.push(this.externs[fn]!);
          externRenumber.set(fn, e);
        }
        fn = e;
      }
      renumber[v] = instrs.length;
      instrs.push({ kind: i.kind, args: i.args.map((a) => renumber[a]!), fn, value: i.value });
    }
    const outs = outputs.map((o) => renumber[o]!);
    const uses = new Array<number>(instrs.length).fill(0);
    for (const i of instrs) for (const a of i.args) uses[a]!++;
    for (const o of outs) uses[o]!++;
    return { arity: this.arity, instrs, outputs: outs, externs, uses };
  }
}

/** Counts of the instructions of `p` by kind, with `Math` calls by function name ('sin', 'pow', ...). */
export function countOperations(p: Program): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of p.instrs) {
    if (i.kind === K.CONST || i.kind === K.ARG) continue;
    const name = i.kind === K.MATH ? MATH[i.fn]! : i.kind === K.EXTERN ? p.externs[i.fn]!.name : KIND_NAMES[i.kind];
    out[name] = (out[name] ?? 0) + 1;
  }
  return out;
}

/**
 * Runs `p` on one point: the reference semantics of every back end.
 * @example runProgram(p, [2]) // [8] for the program of x*x + x*x
 */
export function runProgram(p: Program, point: readonly number[]): number[] {
  const vals = new Float64Array(p.instrs.length);
  p.instrs.forEach((i, v) => {
    if (i.kind === K.CONST) vals[v] = i.value;
    else if (i.kind === K.ARG) vals[v] = +point[i.fn]!;
    else vals[v] = evalInstr(i.kind, i.fn, i.args.map((a) => vals[a]!), p.externs);
  });
  return p.outputs.map((o) => vals[o]!);
}
