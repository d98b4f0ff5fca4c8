/**
 * The numeric model a derivation is checked in: every symbol gets values at a few random
 * points, every undefined function a random concrete function of its arguments (a constant
 * plus an exponential, a sine and a square of linear forms, with coefficients fixed by a hash
 * of the function's name and arity, so the model is the same across a derivation and across
 * runs). A term is lowered into the model bottom-up: applications become the concrete
 * function, `Derivative` nodes are differentiated symbolically (`diff`), `Integral` nodes are
 * integrated symbolically (`integrate`) or, when that fails, by Gauss-Legendre quadrature from
 * 1 (a fixed antiderivative, so equal integrals agree). Values are floats, computed at all
 * points in one walk over the lowered term (`evaluate` where an operation needs it).
 *
 * Definitions override the random functions: `define(f, params, body)` makes `f(params) = body`
 * true in the model (used to check a step against the premises and for substitutions).
 *
 * @example const m = new Model(); m.values(parseLatex('\\frac{d}{d x} f{(x)}')) // Float64Array of m.points values
 */
import { type Term, sym, num, SYM, CALL, NUM } from '../term/term.js';
import { collectSymbols, replace } from './terms.js';
import { apply, add, mul, pow, canonicalize } from '../term/canonical.js';
import { EXP, SIN, COS, POW, ABS, DERIVATIVE, INTEGRAL } from '../term/operators.js';
import { diff } from '../term/diff.js';
import { subst } from '../term/subst.js';
import { evaluate, type EnvValue } from '../term/evaluate.js';
import { integrate } from '../rewrite/rules/integrate.js';
import { seededRandom as random } from '../term/random.js';
import { toFloat } from '../term/number.js';
import type { Operator } from '../term/operator.js';

/** A 32-bit FNV-1a hash of a string. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return h >>> 0;
}

const GL_X = [-0.9739065285171717, -0.8650633666889845, -0.6794095682990244, -0.4333953941292472, -0.1488743389816312,
  0.1488743389816312, 0.4333953941292472, 0.6794095682990244, 0.8650633666889845, 0.9739065285171717];
const GL_W = [0.0666713443086881, 0.1494513491505806, 0.2190863625159820, 0.2692667193099963, 0.2955242247147529,
  0.2955242247147529, 0.2692667193099963, 0.2190863625159820, 0.1494513491505806, 0.0666713443086881];

const EULER_GAMMA = 0.5772156649015329;
/**
 * Where quadrature antiderivatives start: 1, inside the range the points are drawn from, so
 * that an integrand singular at 0 (`1/x`, `log x`) still has one (any start gives an
 * antiderivative; the constants of integration absorb the difference).
 */
const QUADRATURE_BASE = 1;
/** Effort of symbolic integration in the model: past it, quadrature is as good and much cheaper. */
const MODEL_INTEGRATION = { maxSteps: 40, maxParts: 2, maxSubstitutions: 1 } as const;

/** Special functions SymPy writes in antiderivatives: their values and derivatives. */
const SPECIAL: ReadonlyMap<string, { value: (x: number) => number; derivative: (u: Term) => Term }> = new Map([
  ['Ci', {
    value: (x: number): number => {
      if (!(x > 0)) return NaN;
      let s = 0, term = 1;
      for (let k = 1; k < 200; k++) {
        term *= -x * x / ((2 * k - 1) * (2 * k));
        const d = term / (2 * k);
        s += d;
        if (Math.abs(d) < 1e-17 * Math.max(1, Math.abs(s))) break;
      }
      return EULER_GAMMA + Math.log(x) + s;
    },
    derivative: (u: Term): Term => mul([apply(COS, [u]), pow(u, num(-1))]),
  }],
  ['Ei', {
    value: (x: number): number => {
      if (x === 0) return NaN;
      let s = 0, term = 1;
      for (let k = 1; k < 400; k++) {
        term *= x / k;
        const d = term / k;
        s += d;
        if (Math.abs(d) < 1e-17 * Math.max(1, Math.abs(s))) break;
      }
      return EULER_GAMMA + Math.log(Math.abs(x)) + s;
    },
    derivative: (u: Term): Term => mul([apply(EXP, [u]), pow(u, num(-1))]),
  }],
]);

/** Derivatives of special functions written out (diff leaves them as derived functions). */
function expandSpecial(t: Term, memo: Map<Term, Term> = new Map()): Term {
  if (t.kind !== CALL) return t;
  const hit = memo.get(t);
  if (hit !== undefined) return hit;
  const args = t.args.map((a) => expandSpecial(a, memo));
  const op = t.op!;
  let r: Term;
  if (op === DERIVATIVE && args[0]!.kind === CALL && SPECIAL.has(args[0]!.op!.name) && args[0]!.args[0] === args[1]) {
    const n = Number(args[2]?.value?.valueOf() ?? 1);
    const f = SPECIAL.get(args[0]!.op!.name)!.derivative(args[1]!);
    r = n > 1 ? diff(f, args[1]!, n - 1) : f;
  } else if (op.kind === 'derived' && SPECIAL.has(op.base!.name) && op.indices!.length === 1) {
    r = SPECIAL.get(op.base!.name)!.derivative(args[0]!);
  } else {
    r = apply(op, args);
  }
  memo.set(t, r);
  return r;
}

export interface ModelOptions {
  /** Number of sample points. Default: 4. */
  points?: number;
  /** Seed of the symbols' values and the functions' coefficients. Default: 1. */
  seed?: number;
  /** The interval symbols' values are drawn from. Default: [0.35, 1.65]. */
  range?: readonly [number, number];
}

/** A failure to lower a term (an integral that cannot be integrated, a non-symbol variable...). */
class Unlowerable extends Error {}

export class Model {
  readonly points: number;
  readonly seed: number;
  readonly range: readonly [number, number];
  private readonly definitions = new Map<Operator, { params: Term[]; body: Term }>();
  private readonly lowered = new Map<Term, Term | null>();
  private readonly cache = new Map<Term, Float64Array>();
  /** Values of the lowered terms' nodes (no overrides). */
  private readonly nodeValues = new Map<Term, Float64Array>();
  private readonly symbolValues = new Map<string, number[]>();
  private readonly quadratures = new Map<string, { integrand: Term; x: string }>();

  constructor(opts: ModelOptions = {}) {
    this.points = opts.points ?? 4;
    this.seed = opts.seed ?? 1;
    this.range = opts.range ?? [0.35, 1.65];
  }

  /** A model with the same points and the definitions of this one plus `f(params) = body`. */
  define(f: Operator, params: Term[], body: Term): Model {
    const m = new Model({ points: this.points, seed: this.seed, range: this.range });
    for (const [k, v] of this.definitions) m.definitions.set(k, v);
    m.definitions.set(f, { params, body });
    return m;
  }

  /** The value of a symbol at point j. */
  symbolValue(name: string, j: number): number {
    let vs = this.symbolValues.get(name);
    if (vs === undefined) {
      const r = random(hashString(name) ^ Math.imul(this.seed, 0x9e3779b1));
      vs = [];
      for (let i = 0; i < this.points; i++) vs.push(this.range[0] + (this.range[1] - this.range[0]) * r());
      this.symbolValues.set(name, vs);
    }
    return vs[j]!;
  }

  /** The random concrete function standing for `f` with `n` arguments: a term in `#1..#n`. */
  private template(f: Operator, n: number): { params: Term[]; body: Term } {
    const def = this.definitions.get(f);
    if (def !== undefined && def.params.length === n) return def;
    const r = random(hashString(`${f.name}/${n}`) ^ Math.imul(this.seed, 0x85ebca6b));
    const params: Term[] = [];
    for (let i = 1; i <= n; i++) params.push(sym(`#${i}`));
    const c = (lo: number, hi: number): Term => num(lo + (hi - lo) * r());
    const lin = (lo: number, hi: number, k: Term | null): Term => add([...(k === null ? [] : [k]), ...params.map((p) => mul([c(lo, hi), p]))]);
    const body = add([
      c(1.5, 2.5),
      mul([c(0.3, 0.7), apply(EXP, [lin(0.2, 0.9, null)])]),
      mul([c(0.2, 0.5), apply(SIN, [lin(0.4, 1.3, c(0, 1))])]),
      mul([c(0.1, 0.3), pow(lin(-0.6, 0.8, null), num(2))]),
    ]);
    return { params, body };
  }

  /** `t` in the model: a term free of undefined functions, derivatives and integrals (null: cannot). */
  lower(t: Term): Term | null {
    const hit = this.lowered.get(t);
    if (hit !== undefined) return hit;
    let r: Term | null;
    try { r = this.lowerRec(t); } catch { r = null; }
    this.lowered.set(t, r);
    return r;
  }

  private lowerRec(t: Term): Term {
    if (t.kind !== CALL) return t;
    const hit = this.lowered.get(t);
    if (hit !== undefined) { if (hit === null) throw new Unlowerable(); return hit; }
    const op = t.op!;
    let r: Term;
    if (op === DERIVATIVE) {
      const [g, v, order] = t.args as [Term, Term, Term | undefined];
      const n = order !== undefined && order.kind === NUM ? Number(order.value!.valueOf()) : 1;
      if (g.op === INTEGRAL && g.args[1] === v && g.args.length === 2) {
        // the fundamental theorem: d/dx of an antiderivative in x is the integrand
        r = n === 1 ? this.lowerRec(g.args[0]!) : diff(this.lowerRec(g.args[0]!), v, n - 1);
      } else if (v.kind === SYM) {
        r = this.lowerRec(g);
        // one order at a time: a quadrature's derivative is resolved before the next
        for (let i = 0; i < n; i++) {
          r = diff(r, v);
          if (hasSpecial(r)) r = expandSpecial(r);
          if (this.quadratures.size > 0) r = this.quadratureDerivatives(r, new Map());
        }
      } else {
        // with respect to an expression: differentiate in a fresh symbol standing for it
        const s = sym(`#d${v.id}`);
        const g2 = replace(g, v, s);
        r = subst(diff(this.lowerRec(g2), s, n), { [s.name!]: this.lowerRec(v) });
      }
    } else if (op === INTEGRAL) {
      const [g, v, lo, hi] = t.args as [Term, Term, Term | undefined, Term | undefined];
      if (v.kind !== SYM) throw new Unlowerable();
      const body = canonicalize(this.lowerRec(g));
      let F: Term | null = null;
      try { F = integrate(body, v, MODEL_INTEGRATION); } catch { F = null; }
      if (F === null) F = this.quadrature(body, v);
      r = lo !== undefined && hi !== undefined
        ? add([subst(F, { [v.name!]: this.lowerRec(hi) }), mul([num(-1), subst(F, { [v.name!]: this.lowerRec(lo) })])])
        : F;
    } else if (op.kind === 'undefined' && SPECIAL.has(op.name) && t.args.length === 1) {
      r = apply(op, [this.lowerRec(t.args[0]!)]);
    } else if (op === POW && t.args[1]!.kind !== NUM) {
      // a symbolic exponent: b^e as |b|^e, real for negative b too, equal to b^e for b > 0, and
      // keeping (a b)^e = a^e b^e, a^p a^q = a^(p + q) and (a^p)^q = a^(p q)
      const b = this.lowerRec(t.args[0]!), e = this.lowerRec(t.args[1]!);
      r = e.kind === NUM ? pow(b, e) : pow(apply(ABS, [b]), e);
    } else if (op.kind === 'undefined' || op.kind === 'derived') {
      const base = op.kind === 'derived' ? op.base! : op;
      const { params, body } = this.template(base, t.args.length);
      let b = body;
      if (op.kind === 'derived') for (const i of op.indices!) b = diff(b, params[i - 1]!);
      const map: Record<string, Term> = {};
      t.args.forEach((a, i) => { map[params[i]!.name!] = this.lowerRec(a); });
      r = subst(b, map);
    } else {
      r = apply(op, t.args.map((a) => this.lowerRec(a)));
    }
    this.lowered.set(t, r);
    return r;
  }

  /**
   * `t` with the derivatives of quadrature antiderivatives computed: with respect to the
   * upper bound, the integrand there; with respect to a parameter, the quadrature of the
   * integrand's derivative (`d/ds ∫_0^x h dt = ∫_0^x ∂h/∂s dt`).
   */
  private quadratureDerivatives(t: Term, memo: Map<Term, Term>): Term {
    if (t.kind !== CALL) return t;
    const hit = memo.get(t);
    if (hit !== undefined) return hit;
    const args = t.args.map((a) => this.quadratureDerivatives(a, memo));
    const op = t.op!;
    let r: Term | null = null;
    if (op === DERIVATIVE && args[0]!.kind === CALL && this.quadratures.has(args[0]!.op!.name) && args[1]!.kind === SYM
      && (args[2] === undefined || (args[2].kind === NUM && Number(args[2].value!.valueOf()) === 1))) {
      // written by diff for distinct symbol arguments: the one equal to the variable
      const i = args[0]!.args.indexOf(args[1]!);
      if (i >= 0) r = this.partialOfQuadrature(args[0]!.op!.name, i, args[0]!.args);
    } else if (op.kind === 'derived' && this.quadratures.has(op.base!.name) && op.indices!.length === 1) {
      r = this.partialOfQuadrature(op.base!.name, op.indices![0]! - 1, args);
    }
    const out = r ?? apply(op, args);
    memo.set(t, out);
    return out;
  }

  /** The partial derivative of quadrature `name` in its argument `i` (0: the upper bound), at `args`. */
  private partialOfQuadrature(name: string, i: number, args: readonly Term[]): Term | null {
    const q = this.quadratures.get(name)!;
    const free = [...collectSymbols(q.integrand, new Set([q.x]))];
    if (args.length !== free.length + 1) return null;
    const at: Record<string, Term> = { [q.x]: args[0]! };
    free.forEach((f, k) => { at[f] = args[k + 1]!; });
    if (i === 0) return subst(q.integrand, at);
    const s = free[i - 1];
    if (s === undefined) return null;
    const inner = this.quadrature(canonicalize(diff(q.integrand, sym(s))), sym(q.x));
    return subst(inner, at);
  }

  /** An antiderivative by quadrature from `QUADRATURE_BASE`: an application of a function the evaluator computes. */
  private quadrature(body: Term, x: Term): Term {
    const name = `#int${body.id}_${x.id}`;
    const free = [...collectSymbols(body, new Set([x.name!]))];
    this.quadratures.set(name, { integrand: body, x: x.name! });
    const f = fnFor(name);
    return apply(f, [x, ...free.map((s) => sym(s))]);
  }

  /** The environment of point j (symbols, quadrature functions). */
  private env(j: number, overrides?: ReadonlyMap<string, number>): Map<string, EnvValue> {
    return new PointEnv(this, j, overrides);
  }

  /** The value of a name in the environment of point j. */
  lookup(name: string, j: number, overrides?: ReadonlyMap<string, number>): EnvValue {
    if (overrides !== undefined && overrides.has(name)) return overrides.get(name)!;
    const sp = SPECIAL.get(name);
    if (sp !== undefined) return sp.value;
    const q = this.quadratures.get(name);
    if (q !== undefined) return (xv: number, ...rest: number[]) => this.integrateNumeric(q, xv, rest, j);
    return this.symbolValue(name, j);
  }

  private integrateNumeric(q: { integrand: Term; x: string }, xv: number, rest: number[], j: number): number {
    const free = [...collectSymbols(q.integrand, new Set([q.x]))];
    const lanes = GL_X.length;
    const nodes = new Float64Array(lanes);
    const half = 0.5 * (xv - QUADRATURE_BASE);
    for (let i = 0; i < lanes; i++) nodes[i] = QUADRATURE_BASE + half * (GL_X[i]! + 1);
    const given = new Map<string, number>();
    free.forEach((s, i) => given.set(s, rest[i]!));
    let ys: Float64Array;
    try {
      ys = this.vector(q.integrand, lanes, (name) => (name === q.x ? nodes : new Float64Array(lanes).fill(given.get(name) ?? NaN)), (name) => this.lookup(name, j, given), new Map());
    } catch {
      const over = new Map(given);
      ys = nodes.map((x) => { over.set(q.x, x); return evalFloat(q.integrand, this.env(j, over)); });
    }
    let s = 0;
    for (let i = 0; i < lanes; i++) s += GL_W[i]! * ys[i]!;
    return half * s;
  }

  /** Values of `t` at the points (NaN where undefined or not lowerable); `overrides` fixes some symbols. */
  values(t: Term, overrides?: ReadonlyMap<string, number>): Float64Array {
    if (overrides === undefined) {
      const hit = this.cache.get(t);
      if (hit !== undefined) return hit;
    }
    let out: Float64Array = new Float64Array(this.points).fill(NaN);
    const l = this.lower(t);
    if (l !== null) {
      const memo = overrides === undefined ? this.nodeValues : new Map<Term, Float64Array>();
      const symbol = (name: string): Float64Array => {
        const v = new Float64Array(this.points);
        for (let j = 0; j < this.points; j++) {
          const x = this.lookup(name, j, overrides);
          if (typeof x !== 'number') throw new Unlowerable();
          v[j] = x;
        }
        return v;
      };
      try {
        out = this.vector(l, this.points, symbol, (name, j) => this.lookup(name, j, overrides), memo);
      } catch {
        // an operation without a numeric value somewhere: point by point, NaN where it fails
        for (let j = 0; j < this.points; j++) out[j] = evalFloat(l, this.env(j, overrides));
      }
    }
    if (overrides === undefined) this.cache.set(t, out);
    return out;
  }

  /**
   * Values of a lowered term in `lanes` lanes (the points, or the nodes of a quadrature) in one
   * walk over its DAG, an array per node shared through `memo`, with the operators' float
   * semantics as `evaluate` has them; `symbol` gives a symbol's lanes, `fn` an undefined
   * function (special or quadrature) in one lane.
   */
  private vector(t: Term, lanes: number, symbol: (name: string) => Float64Array, fn: (name: string, lane: number) => EnvValue, memo: Map<Term, Float64Array>): Float64Array {
    const hit = memo.get(t);
    if (hit !== undefined) return hit;
    let out: Float64Array = new Float64Array(lanes);
    if (t.kind === NUM) {
      out.fill(toFloat(t.value!));
    } else if (t.kind === SYM) {
      out = symbol(t.name!);
    } else {
      const op = t.op!;
      const args = t.args.map((a) => this.vector(a, lanes, symbol, fn, memo));
      const k = args.length;
      if (op.kind === 'undefined') {
        for (let j = 0; j < lanes; j++) {
          const f = fn(op.name, j);
          if (typeof f !== 'function') throw new Unlowerable();
          const v = f(...args.map((a) => a[j]!));
          out[j] = typeof v === 'number' ? v : NaN;
        }
      } else {
        const f = op.float;
        if (f === undefined) throw new Unlowerable();
        if (k === 0) out.fill(f());
        else if (k === 1) { const a = args[0]!; for (let j = 0; j < lanes; j++) out[j] = f(a[j]!); }
        else if (k === 2) { const a = args[0]!, b = args[1]!; for (let j = 0; j < lanes; j++) out[j] = f(a[j]!, b[j]!); }
        else if (op.associative) {
          for (let j = 0; j < lanes; j++) {
            let acc = f(args[0]![j]!, args[1]![j]!);
            for (let i = 2; i < k; i++) acc = f(acc, args[i]![j]!);
            out[j] = acc;
          }
        } else {
          for (let j = 0; j < lanes; j++) out[j] = f(...args.map((a) => a[j]!));
        }
      }
    }
    memo.set(t, out);
    return out;
  }
}

function evalFloat(t: Term, env: Map<string, EnvValue>): number {
  try { const v = evaluate(t, env); return typeof v === 'number' ? v : NaN; } catch { return NaN; }
}

const fnCache = new Map<string, Operator>();
import { fn } from '../term/operator.js';
function fnFor(name: string): Operator {
  let f = fnCache.get(name);
  if (f === undefined) { f = fn(name); fnCache.set(name, f); }
  return f;
}

/**
 * Whether `name` is a function the model knows (SymPy's special functions of antiderivatives:
 * `Ci`, `Ei`...): not an arbitrary undefined function.
 */
export function isSpecialFunction(name: string): boolean {
  return SPECIAL.has(name);
}

/** The values of point j, looked up lazily. */
class PointEnv extends Map<string, EnvValue> {
  constructor(private readonly model: Model, private readonly j: number, private readonly overrides?: ReadonlyMap<string, number>) { super(); }
  override get(name: string): EnvValue {
    return this.model.lookup(name, this.j, this.overrides);
  }
}

function hasSpecial(t: Term, seen: Set<Term> = new Set()): boolean {
  if (t.kind !== CALL || seen.has(t)) return false;
  seen.add(t);
  const op = t.op!;
  if (SPECIAL.has(op.name) || (op.kind === 'derived' && SPECIAL.has(op.base!.name))) return true;
  return t.args.some((a) => hasSpecial(a, seen));
}

