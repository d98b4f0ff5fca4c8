/**
 * The built-in operators. Every layer refers to them by these constants (or by name through
 * `getOperator`); nothing else defines arithmetic, functions, relations or calculus heads.
 */
import type { Decimal } from 'decimal.js';
import { defineOperator, type Builder, type Operator } from './operator.js';
import * as N from './number.js';
import { exact, type Value } from './number.js';

const one = exact(1);
const half = exact(1, 2);

function k<T>(b: Builder<T>, n: number, d = 1): T {
  return b.num(exact(n, d));
}
function times<T>(b: Builder<T>, ...xs: T[]): T {
  return b.call(MUL, xs);
}
function power<T>(b: Builder<T>, x: T, y: T): T {
  return b.call(POW, [x, y]);
}
function inv<T>(b: Builder<T>, x: T): T {
  return power(b, x, k(b, -1));
}

/** Exact value of a unary function at a few exact points; undefined elsewhere. */
function at(table: readonly [number, number][]): (xs: Value[]) => Value | undefined {
  return ([x]) => {
    if (!N.isExact(x!)) return undefined;
    for (const [a, r] of table) if (N.equals(x!, exact(a))) return exact(r);
    return undefined;
  };
}

// --- arithmetic -------------------------------------------------------------------------

export const ADD: Operator = defineOperator({
  name: '+', kind: 'arithmetic', arity: [2, Infinity], commutative: true, associative: true, identity: 0,
  float: (...xs) => { let s = 0; for (const x of xs) s += x; return s; },
  decimal: (D, xs) => xs.reduce((a, x) => a.plus(x), new D(0)),
  exact: (xs) => xs.reduce<Value | undefined>((a, x) => (a === undefined ? undefined : N.add(a, x)), exact(0)),
  derivative: (b) => k(b, 1),
  precedence: 10, infix: '+', cost: 1,
});

export const MUL: Operator = defineOperator({
  name: '*', kind: 'arithmetic', arity: [2, Infinity], commutative: true, associative: true, identity: 1,
  float: (...xs) => { let p = 1; for (const x of xs) p *= x; return p; },
  decimal: (D, xs) => xs.reduce((a, x) => a.times(x), new D(1)),
  exact: (xs) => xs.reduce<Value | undefined>((a, x) => (a === undefined ? undefined : N.mul(a, x)), exact(1)),
  derivative: (b, args, i) => {
    const rest = args.filter((_, j) => j !== i);
    return rest.length === 1 ? rest[0]! : b.call(MUL, rest);
  },
  precedence: 20, infix: '*', cost: 3,
});

/** Binary minus, as written (canonical form has `a + (-1) b` instead). */
export const SUB: Operator = defineOperator({
  name: '-', kind: 'arithmetic', arity: 2,
  float: (a, b) => a! - b!,
  decimal: (_D, [a, b]) => a!.minus(b!),
  exact: ([a, b]) => N.sub(a!, b!),
  derivative: (b, _args, i) => k(b, i === 0 ? 1 : -1),
  precedence: 10, infix: '-', cost: 1,
});

/** Unary minus, as written (canonical form has `(-1) x`). */
export const NEG: Operator = defineOperator({
  name: 'neg', kind: 'arithmetic', arity: 1,
  float: (a) => -a!,
  decimal: (_D, [a]) => a!.neg(),
  exact: ([a]) => N.neg(a!),
  derivative: (b) => k(b, -1),
  precedence: 25, cost: 1,
  latex: ([a]) => `-${a}`,
});

/** Division, as written (canonical form has `a b^-1`). */
export const DIV: Operator = defineOperator({
  name: '/', kind: 'arithmetic', arity: 2,
  float: (a, b) => a! / b!,
  decimal: (_D, [a, b]) => a!.div(b!),
  exact: ([a, b]) => N.div(a!, b!),
  derivative: (b, [x, y], i) => (i === 0 ? inv(b, y!) : times(b, k(b, -1), x!, power(b, y!, k(b, -2)))),
  precedence: 20, infix: '/', cost: 24,
  latex: ([a, b]) => `\\frac{${a}}{${b}}`,
});

export const POW: Operator = defineOperator({
  name: '^', kind: 'arithmetic', arity: 2,
  float: (a, b) => Math.pow(a!, b!),
  decimal: (_D, [a, b]) => a!.pow(b!),
  exact: ([a, b]) => N.pow(a!, b!),
  derivative: (b, [x, y], i) =>
    i === 0
      ? times(b, y!, power(b, x!, b.call(ADD, [y!, k(b, -1)])))
      : times(b, power(b, x!, y!), b.call(LOG, [x!])),
  precedence: 30, infix: '^', cost: 100,
});

export const FACTORIAL: Operator = defineOperator({
  name: 'factorial', kind: 'function', arity: 1,
  float: (x) => {
    const r = N.factorial(x!);
    return typeof r === 'number' ? r : Number.isInteger(x) && x! >= 0 ? Infinity : NaN;
  },
  exact: ([x]) => N.factorial(x!),
  precedence: 40, cost: 1,
  latex: ([a]) => `${a}!`,
});

// --- elementary functions -----------------------------------------------------------------

export const SQRT: Operator = defineOperator({
  name: 'sqrt', kind: 'function', arity: 1,
  float: Math.sqrt,
  decimal: (_D, [a]) => a!.sqrt(),
  exact: ([a]) => N.pow(a!, half),
  derivative: (b, [u]) => inv(b, times(b, k(b, 2), b.call(SQRT, [u!]))),
  precedence: 100, cost: 1,
  latex: ([a]) => `\\sqrt{${a}}`,
});

export const ABS: Operator = defineOperator({
  name: 'abs', kind: 'function', arity: 1,
  float: Math.abs,
  decimal: (_D, [a]) => a!.abs(),
  exact: ([a]) => (N.sign(a!) < 0 ? N.neg(a!) : a!),
  derivative: (b, [u]) => times(b, u!, inv(b, b.call(ABS, [u!]))),
  precedence: 100, cost: 2,
  latex: ([a]) => `\\left|${a}\\right|`,
});

export const EXP: Operator = defineOperator({
  name: 'exp', kind: 'function', arity: 1,
  float: Math.exp,
  decimal: (_D, [a]) => a!.exp(),
  exact: at([[0, 1]]),
  derivative: (b, [u]) => b.call(EXP, [u!]),
  precedence: 100, cost: 18,
  latex: ([a]) => `e^{${a}}`,
});

/** Natural logarithm `log(x)`, or `log(b, x)`: the logarithm of x to base b. */
export const LOG: Operator = defineOperator({
  name: 'log', kind: 'function', arity: [1, 2],
  float: (a, x) => (x === undefined ? Math.log(a!) : Math.log(x) / Math.log(a!)),
  decimal: (D, [a, x]) => (x === undefined ? a!.ln() : x.ln().div(a!.ln())),
  exact: ([a, x]) => {
    if (x === undefined) return N.isExact(a!) && N.isOne(a!) ? exact(0) : undefined;
    return N.isExact(x) && N.isOne(x) && N.isExact(a!) && N.sign(a!) > 0 && !N.isOne(a!) ? exact(0) : undefined;
  },
  derivative: (b, args, i) => {
    if (args.length === 1) return inv(b, args[0]!);
    const [base, x] = args as [typeof args[0], typeof args[0]];
    return i === 1
      ? inv(b, times(b, x, b.call(LOG, [base])))
      : times(b, k(b, -1), b.call(LOG, [x]), inv(b, times(b, base, power(b, b.call(LOG, [base]), k(b, 2)))));
  },
  precedence: 100, cost: 18,
  latex: (args) => (args.length === 1 ? `\\log{\\left(${args[0]} \\right)}` : `\\log_{${args[0]}}{\\left(${args[1]} \\right)}`),
});

function trig(
  name: string, float: (x: number) => number, decimal: (D: typeof Decimal, x: Decimal) => Decimal,
  table: readonly [number, number][], cost: number, derivative: NonNullable<Parameters<typeof defineOperator>[0]['derivative']>,
): Operator {
  // LaTeX has no \asin, \acos, \atan: those print as \operatorname{asin} (as SymPy does).
  const command = name.startsWith('a') ? `\\operatorname{${name}}` : `\\${name}`;
  return defineOperator({
    name, kind: 'function', arity: 1, float, decimal: (D, [x]) => decimal(D, x!), exact: at(table), derivative,
    precedence: 100, cost, latex: ([a]) => `${command}{\\left(${a} \\right)}`,
  });
}

export const SIN: Operator = trig('sin', Math.sin, (_D, x) => x.sin(), [[0, 0]], 134, (b, [u]) => b.call(COS, [u!]));
export const COS: Operator = trig('cos', Math.cos, (_D, x) => x.cos(), [[0, 1]], 134, (b, [u]) => times(b, k(b, -1), b.call(SIN, [u!])));
export const TAN: Operator = trig('tan', Math.tan, (_D, x) => x.tan(), [[0, 0]], 156, (b, [u]) => power(b, b.call(SEC, [u!]), k(b, 2)));
export const SEC: Operator = trig('sec', (x) => 1 / Math.cos(x), (D, x) => new D(1).div(x.cos()), [[0, 1]], 1,
  (b, [u]) => times(b, b.call(SEC, [u!]), b.call(TAN, [u!])));
export const CSC: Operator = trig('csc', (x) => 1 / Math.sin(x), (D, x) => new D(1).div(x.sin()), [], 1,
  (b, [u]) => times(b, k(b, -1), b.call(CSC, [u!]), b.call(COT, [u!])));
export const COT: Operator = trig('cot', (x) => 1 / Math.tan(x), (D, x) => new D(1).div(x.tan()), [], 1,
  (b, [u]) => times(b, k(b, -1), power(b, b.call(CSC, [u!]), k(b, 2))));
export const ASIN: Operator = trig('asin', Math.asin, (_D, x) => x.asin(), [[0, 0]], 1,
  (b, [u]) => power(b, b.call(ADD, [k(b, 1), times(b, k(b, -1), power(b, u!, k(b, 2)))]), k(b, -1, 2)));
export const ACOS: Operator = trig('acos', Math.acos, (_D, x) => x.acos(), [[1, 0]], 1,
  (b, [u]) => times(b, k(b, -1), power(b, b.call(ADD, [k(b, 1), times(b, k(b, -1), power(b, u!, k(b, 2)))]), k(b, -1, 2))));
export const ATAN: Operator = trig('atan', Math.atan, (_D, x) => x.atan(), [[0, 0]], 1,
  (b, [u]) => inv(b, b.call(ADD, [k(b, 1), power(b, u!, k(b, 2))])));
// decimal.js's own sinh, cosh and tanh take seconds or hang for large arguments: beyond
// |x| = 1 they go through exp, where the formulas lose no digits.
function big(x: Decimal): boolean {
  return x.abs().gt(1);
}
export const SINH: Operator = trig('sinh', Math.sinh, (_D, x) => (big(x) ? x.exp().minus(x.neg().exp()).div(2) : x.sinh()), [[0, 0]], 1,
  (b, [u]) => b.call(COSH, [u!]));
export const COSH: Operator = trig('cosh', Math.cosh, (_D, x) => (big(x) ? x.exp().plus(x.neg().exp()).div(2) : x.cosh()), [[0, 1]], 1,
  (b, [u]) => b.call(SINH, [u!]));
export const TANH: Operator = trig('tanh', Math.tanh,
  (D, x) => (big(x) ? new D(1).minus(new D(2).div(x.abs().times(2).exp().plus(1))).times(x.s) : x.tanh()), [[0, 0]], 1,
  (b, [u]) => b.call(ADD, [k(b, 1), times(b, k(b, -1), power(b, b.call(TANH, [u!]), k(b, 2)))]));

// --- constants --------------------------------------------------------------------------------

export const PI: Operator = defineOperator({
  name: 'pi', kind: 'constant', arity: 0, float: () => Math.PI, decimal: (D) => D.acos(-1),
  precedence: 100, cost: 0, latex: '\\pi',
});

export const E: Operator = defineOperator({
  name: 'e', kind: 'constant', arity: 0, float: () => Math.E, decimal: (D) => D.exp(1),
  precedence: 100, cost: 0, latex: 'e',
});

// --- relations ------------------------------------------------------------------------------

function relation(name: string, latex: string, test: (a: number, b: number) => boolean): Operator {
  return defineOperator({
    name, kind: 'relation', arity: 2, float: (a, b) => (test(a!, b!) ? 1 : 0),
    precedence: 1, infix: name, latex: ([a, b]) => `${a} ${latex} ${b}`, cost: 1,
  });
}

export const EQ: Operator = relation('=', '=', (a, b) => a === b);
export const NE: Operator = relation('!=', '\\neq', (a, b) => a !== b);
export const LT: Operator = relation('<', '<', (a, b) => a < b);
export const LE: Operator = relation('<=', '\\leq', (a, b) => a <= b);
export const GT: Operator = relation('>', '>', (a, b) => a > b);
export const GE: Operator = relation('>=', '\\geq', (a, b) => a >= b);

// --- calculus (unevaluated) ------------------------------------------------------------------

/** `Derivative(f, x, n)`: the n-th derivative of f with respect to x, unevaluated. */
export const DERIVATIVE: Operator = defineOperator({
  name: 'Derivative', kind: 'calculus', arity: 3, precedence: 100, cost: 1,
  latex: ([f, x, n]) =>
    n === '1' ? `\\frac{d}{d ${x}} ${f}` : `\\frac{d^{${n}}}{d ${x}^{${n}}} ${f}`,
});

/** `Integral(f, x)` (indefinite) or `Integral(f, x, a, b)` (definite), unevaluated. */
export const INTEGRAL: Operator = defineOperator({
  name: 'Integral', kind: 'calculus', arity: [2, 4], precedence: 100, cost: 1,
  latex: (args) =>
    args.length === 4 ? `\\int_{${args[2]}}^{${args[3]}} ${args[0]}\\, d${args[1]}` : `\\int ${args[0]}\\, d${args[1]}`,
});

export { one };
