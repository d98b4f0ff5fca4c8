import { describe, expect, test } from 'vitest';
import { nestedOps } from './support/nested.js';
import { fromTerm } from './support/convert.js';
import { callTreeArb } from './support/arbitrary.js';
import fc from 'fast-check';
import { sym, num, int, call, type Term } from '../src/term/term.js';
import { exact, type Value } from '../src/term/number.js';
import { fn, derivedFn, defineOperator, type Operator } from '../src/term/operator.js';
import * as O from '../src/term/operators.js';
import { canonicalize, apply, mul } from '../src/term/canonical.js';
import { parseSexpr, toSexpr } from '../src/term/sexpr.js';
import { toLatex, latexWith, latexName } from '../src/term/latex.js';
import { termOps, writtenOps, type TermOps } from '../src/term/interface.js';

const canonical = (src: string) => toLatex(parseSexpr(src));
const written = (src: string) => toLatex(parseSexpr(src, { mode: 'written' }));

describe('LaTeX of canonical terms', () => {
  test.each([
    ['x', 'x'],
    ['(^ x 2)', 'x^{2}'],
    ['(^ x (+ n 1))', 'x^{n + 1}'],
    ['(* 2 x)', '2 x'],
    ['(* x y)', 'x y'],
    ['(* 2 x (^ y 2))', '2 x y^{2}'],
    ['(* x (+ x 1))', 'x \\left(x + 1\\right)'],
    ['(/ 1 x)', '\\frac{1}{x}'],
    ['(/ x y)', '\\frac{x}{y}'],
    ['(/ x 2)', '\\frac{x}{2}'],
    ['(* 2/3 x)', '\\frac{2 x}{3}'],
    ['(/ 2 x)', '\\frac{2}{x}'],
    ['(^ x -2)', '\\frac{1}{x^{2}}'],
    ['(^ x (- n))', '\\frac{1}{x^{n}}'],
    ['(/ (+ x 1) (* 2 y))', '\\frac{x + 1}{2 y}'],
    ['(/ (* x (+ x 1)) y)', '\\frac{x \\left(x + 1\\right)}{y}'],
    ['(/ (sin x) 2)', '\\frac{\\sin{\\left(x \\right)}}{2}'],
    ['(/ (* (sin (^ x 2)) (exp x)) x)', '\\frac{e^{x} \\sin{\\left(x^{2} \\right)}}{x}'],
    ['(sqrt x)', '\\sqrt{x}'],
    ['(^ x 1/2)', '\\sqrt{x}'],
    ['(^ x 1/3)', '\\sqrt[3]{x}'],
    ['(^ x -1/2)', '\\frac{1}{\\sqrt{x}}'],
    ['(^ x 3/2)', 'x^{\\frac{3}{2}}'],
    ['(sqrt 2)', '\\sqrt{2}'],
    ['(^ 2 3/2)', '2 \\sqrt{2}'],
    ['(sqrt (+ x 1))', '\\sqrt{x + 1}'],
    ['(- x y)', 'x - y'],
    ['(- x (* 2 y))', 'x - 2 y'],
    ['(+ x 1)', 'x + 1'],
    ['(- x 1)', 'x - 1'],
    ['(- 1 x)', '1 - x'],
    ['(- (- x) 1)', '-x - 1'],
    ['(+ x (^ x 2) 1)', 'x + x^{2} + 1'],
    ['(- x 1/3)', 'x - \\frac{1}{3}'],
    ['(- x (/ y 2))', 'x - \\frac{y}{2}'],
    ['(- x)', '-x'],
    ['(* -2 x)', '-2 x'],
    ['(- (/ x 2))', '-\\frac{x}{2}'],
    ['(- (^ x 2))', '-x^{2}'],
    ['(* -1 (+ x 1) y)', '-y \\left(x + 1\\right)'],
    ['-3', '-3'],
    ['1/3', '\\frac{1}{3}'],
    ['-1/3', '-\\frac{1}{3}'],
    ['2.5', '2.5'],
    ['2.0', '2.0'],
    ['1.5e-7', '1.5 \\cdot 10^{-7}'],
    ['1e+21', '1.0 \\cdot 10^{21}'],
    ['(* 2.5 x)', '2.5 x'],
    ['(* 1.5e-7 x)', '1.5 \\cdot 10^{-7} x'],
    ['(* -2.5 x)', '-2.5 x'],
    ['(* -2.5 (^ x -1))', '-\\frac{2.5}{x}'],
    ['(^ x -0.5)', '\\frac{1}{x^{0.5}}'],
    ['(+ (/ x 2) (^ (sin x) 2))', '\\frac{x}{2} + \\sin^{2}{\\left(x \\right)}'],
    ['(^ 2 x)', '2^{x}'],
    ['(^ -2 x)', '\\left(-2\\right)^{x}'],
    ['(^ 1/2 x)', '\\left(\\frac{1}{2}\\right)^{x}'],
    ['(^ (+ x 1) 2)', '\\left(x + 1\\right)^{2}'],
    ['(^ (+ x 1) y)', '\\left(x + 1\\right)^{y}'],
    ['(^ (* x y) 1/2)', '\\sqrt{x y}'],
    ['(^ (* x y) z)', '\\left(x y\\right)^{z}'],
    ['(^ pi 2)', '\\pi^{2}'],
    ['(sin x)', '\\sin{\\left(x \\right)}'],
    ['(cos (* 2 x))', '\\cos{\\left(2 x \\right)}'],
    ['(tanh x)', '\\tanh{\\left(x \\right)}'],
    ['(asin x)', '\\operatorname{asin}{\\left(x \\right)}'],
    ['(^ (sin x) 2)', '\\sin^{2}{\\left(x \\right)}'],
    ['(^ (atan x) 2)', '\\operatorname{atan}^{2}{\\left(x \\right)}'],
    ['(/ 1 (sin x))', '\\frac{1}{\\sin{\\left(x \\right)}}'],
    ['(log x)', '\\log{\\left(x \\right)}'],
    ['(ln x)', '\\log{\\left(x \\right)}'],
    ['(log 2 x)', '\\log_{2}{\\left(x \\right)}'],
    ['(^ (log x) 2)', '\\log{\\left(x \\right)}^{2}'],
    ['(exp x)', 'e^{x}'],
    ['(exp (+ x 1))', 'e^{x + 1}'],
    ['(^ (exp x) y)', '\\left(e^{x}\\right)^{y}'],
    ['(^ e x)', 'e^{x}'],
    ['(abs x)', '\\left|x\\right|'],
    ['(^ (abs x) 3)', '\\left|x\\right|^{3}'],
    ['pi', '\\pi'],
    ['e', 'e'],
    ['(* 2 pi)', '2 \\pi'],
    ['(factorial n)', 'n!'],
    ['(factorial (+ n 1))', '\\left(n + 1\\right)!'],
    ['(factorial (* 2 n))', '\\left(2 n\\right)!'],
    ['(f x y)', 'f{\\left(x,y \\right)}'],
    ['(f)', 'f{\\left( \\right)}'],
    ['(^ (f x) 2)', 'f^{2}{\\left(x \\right)}'],
    ['(foo x)', '\\operatorname{foo}{\\left(x \\right)}'],
    ['(phi x)', '\\phi{\\left(x \\right)}'],
    ['(Derivative (f x) x 1)', '\\frac{d}{d x} f{\\left(x \\right)}'],
    ['(Derivative (f x) x 2)', '\\frac{d^{2}}{d x^{2}} f{\\left(x \\right)}'],
    ['(Derivative (^ x 2) x 1)', '\\frac{d}{d x} x^{2}'],
    ['(Derivative (+ (^ x 2) x) x 1)', '\\frac{d}{d x} \\left(x + x^{2}\\right)'],
    ['(Derivative (* x y) x 1)', '\\frac{\\partial}{\\partial x} x y'],
    ['(Derivative (f x y) y 3)', '\\frac{\\partial^{3}}{\\partial y^{3}} f{\\left(x,y \\right)}'],
    ['(Derivative (sin theta) theta 1)', '\\frac{d}{d \\theta} \\sin{\\left(\\theta \\right)}'],
    ['(|D[1](f)| x)', '\\frac{d}{d x} f{\\left(x \\right)}'],
    ['(|D[1,1](f)| x)', '\\frac{d^{2}}{d x^{2}} f{\\left(x \\right)}'],
    ['(|D[1](f)| x y)', '\\frac{\\partial}{\\partial x} f{\\left(x,y \\right)}'],
    ['(|D[1,2](f)| x y)', '\\frac{\\partial^{2}}{\\partial x\\partial y} f{\\left(x,y \\right)}'],
    ['(|D[1](f)| (^ x 2))', '\\left. \\frac{d}{d \\xi_{1}} f{\\left(\\xi_{1} \\right)} \\right|_{\\substack{ \\xi_{1}=x^{2} }}'],
    ['(Integral (^ x 2) x)', '\\int x^{2}\\, dx'],
    ['(Integral (+ x 1) x)', '\\int \\left(x + 1\\right)\\, dx'],
    ['(Integral (sin t) t 0 pi)', '\\int_{0}^{\\pi} \\sin{\\left(t \\right)}\\, dt'],
    ['(= x y)', 'x = y'],
    ['(= (+ x 1) (* 2 y))', 'x + 1 = 2 y'],
    ['(!= x 0)', 'x \\neq 0'],
    ['(< x y)', 'x < y'],
    ['(<= x y)', 'x \\leq y'],
    ['(> x y)', 'x > y'],
    ['(>= x y)', 'x \\geq y'],
    ['(= (= a b) c)', '\\left(a = b\\right) = c'],
    ['(* x (= a b))', 'x \\left(a = b\\right)'],
  ])('%s is %s', (src, want) => {
    expect(canonical(src)).toBe(want);
  });
});

describe('LaTeX of written terms', () => {
  test.each([
    ['(* 2 3)', '2 \\cdot 3'],
    ['(* 2 1/3)', '2 \\cdot \\frac{1}{3}'],
    ['(* x 2)', 'x \\cdot 2'],
    ['(* (^ x 2) 3)', 'x^{2} \\cdot 3'],
    ['(* x (* y z))', 'x \\left(y z\\right)'],
    ['(* x -2)', 'x \\left(-2\\right)'],
    ['(* x (neg y))', 'x \\left(-y\\right)'],
    ['(+ x x)', 'x + x'],
    ['(+ x (neg y))', 'x - y'],
    ['(+ x (+ y z))', 'x + \\left(y + z\\right)'],
    ['(+ (+ x y) z)', 'x + y + z'],
    ['(+ 1 x)', 'x + 1'],
    ['(- x y)', 'x - y'],
    ['(- 1 x)', '1 - x'],
    ['(- x (+ y z))', 'x - \\left(y + z\\right)'],
    ['(- x (- y z))', 'x - \\left(y - z\\right)'],
    ['(- (- x y) z)', 'x - y - z'],
    ['(- x (neg y))', 'x - \\left(-y\\right)'],
    ['(- x -1)', 'x - \\left(-1\\right)'],
    ['(- x (* 2 y))', 'x - 2 y'],
    ['(neg x)', '-x'],
    ['(neg (neg x))', '-\\left(-x\\right)'],
    ['(neg (+ x y))', '-\\left(x + y\\right)'],
    ['(neg (* 2 x))', '-2 x'],
    ['(neg (^ x 2))', '-x^{2}'],
    ['(/ 1 x)', '\\frac{1}{x}'],
    ['(/ x y)', '\\frac{x}{y}'],
    ['(/ (+ x 1) (- y 1))', '\\frac{x + 1}{y - 1}'],
    ['(* 2 (/ x y))', '2 \\frac{x}{y}'],
    ['(^ (/ x y) 2)', '\\left(\\frac{x}{y}\\right)^{2}'],
    ['(^ x -1)', '\\frac{1}{x}'],
    ['(^ (^ x 2) 3)', '\\left(x^{2}\\right)^{3}'],
    ['(^ x (^ y z))', 'x^{y^{z}}'],
    ['(^ (neg x) 2)', '\\left(-x\\right)^{2}'],
    ['(^ (sqrt x) 2)', '\\left(\\sqrt{x}\\right)^{2}'],
    ['(^ (factorial n) 2)', '\\left(n!\\right)^{2}'],
    ['(^ 2.5 x)', '2.5^{x}'],
    ['(^ 1e-7 x)', '\\left(1.0 \\cdot 10^{-7}\\right)^{x}'],
    ['(sqrt x)', '\\sqrt{x}'],
    ['(exp 0)', 'e^{0}'],
    ['(factorial (neg 1))', '\\left(-1\\right)!'],
    ['(factorial (f x))', '\\left(f{\\left(x \\right)}\\right)!'],
    ['(* 1 x)', 'x'],
    ['(* (Derivative (f x) x 1) y)', '\\left(\\frac{d}{d x} f{\\left(x \\right)}\\right) y'],
    ['(* y (Derivative (f x) x 1))', 'y \\frac{d}{d x} f{\\left(x \\right)}'],
    ['(* (Integral x x) y)', '\\left(\\int x\\, dx\\right) y'],
    ['(^ (Integral x x) 2)', '\\left(\\int x\\, dx\\right)^{2}'],
    ['(Derivative (neg x) x 1)', '\\frac{d}{d x} \\left(-x\\right)'],
  ])('%s is %s', (src, want) => {
    expect(written(src)).toBe(want);
  });
});

describe('LaTeX of names', () => {
  test.each([
    ['x', 'x'],
    ['alpha', '\\alpha'],
    ['Gamma', '\\Gamma'],
    ['omega', '\\omega'],
    ['varphi', '\\varphi'],
    ['lamda', '\\lambda'],
    ['omicron', 'o'],
    ['Alpha', 'A'],
    ['x_0', 'x_{0}'],
    ['x_12', 'x_{12}'],
    ['x12', 'x_{12}'],
    ['theta_1', '\\theta_{1}'],
    ['alpha_beta', '\\alpha_{\\beta}'],
    ['v_max', 'v_{max}'],
    ['x_i_j', 'x_{i,j}'],
    ['velocity', '\\mathrm{velocity}'],
    ['velocity_0', '\\mathrm{velocity}_{0}'],
    ['\\eta', '\\eta'],
    ['\\mathbf{v}', '\\mathbf{v}'],
    ['?x', '\\mathrm{?x}'],
    ['a b', '\\mathrm{a\\ b}'],
    ['x_', '\\mathrm{x\\_}'],
    ['_x', '\\mathrm{\\_x}'],
    ['#', '\\#'],
    ['100%', '\\mathrm{100\\%}'],
    ['α', 'α'],
    ['', '\\mathrm{}'],
  ])('symbol %j is %s', (name, want) => {
    expect(toLatex(sym(name))).toBe(want);
    expect(latexName(name)).toBe(want);
  });

  test('function names: several letters print as \\operatorname', () => {
    expect(latexName('foo', 'operatorname')).toBe('\\operatorname{foo}');
    expect(toLatex(call(fn('g_1'), [sym('x')]))).toBe('g_{1}{\\left(x \\right)}');
  });
});

describe('options', () => {
  test.each([
    ['(/ x y)', 'x y^{-1}'],
    ['(^ x -2)', 'x^{-2}'],
    ['(* 1/2 x)', '\\frac{1}{2} x'],
    ['(* 3/2 x)', '3 \\cdot \\frac{1}{2} x'],
  ])('fractions: false prints %s as %s', (src, want) => {
    expect(latexWith(termOps, parseSexpr(src), { fractions: false })).toBe(want);
  });

  test('constantLast: false keeps the canonical order', () => {
    expect(latexWith(termOps, parseSexpr('(+ x 1)'), { constantLast: false })).toBe('1 + x');
  });
});

describe('operators outside the built-ins print through the registry', () => {
  const op1 = defineOperator({ name: 'erf', kind: 'function', arity: 1, precedence: 100, cost: 1, latex: '\\operatorname{erf}' });
  const op2 = defineOperator({ name: 'gcd', kind: 'function', arity: 2, precedence: 100, cost: 1 });
  const op3 = defineOperator({ name: 'dot', kind: 'arithmetic', arity: 2, precedence: 20, infix: '\\cdot', cost: 1 });
  const op4 = defineOperator({ name: 'conj', kind: 'function', arity: 1, precedence: 100, cost: 1, latex: ([a]) => `\\overline{${a}}` });
  const x = sym('x'), y = sym('y');
  test.each<[string, Term, string]>([
    ['command', call(op1, [x]), '\\operatorname{erf}{\\left(x \\right)}'],
    ['command, squared', call(O.POW, [call(op1, [x]), num(exact(2))]), '\\operatorname{erf}^{2}{\\left(x \\right)}'],
    ['no latex field', call(op2, [x, y]), '\\operatorname{gcd}{\\left(x,y \\right)}'],
    ['infix', call(op3, [x, call(O.ADD, [x, y])]), 'x \\cdot \\left(x + y\\right)'],
    ['function of the arguments', call(op4, [x]), '\\overline{x}'],
    ['function of the arguments, squared', call(O.POW, [call(op4, [x]), num(exact(2))]), '\\left(\\overline{x}\\right)^{2}'],
  ])('%s', (_name, t, want) => {
    expect(toLatex(t)).toBe(want);
  });
});

describe('deep terms', () => {
  /** `make` applied until the term is 9,998 levels deep (a step may add two). */
  const deep = (make: (t: Term) => Term): Term => {
    let t: Term = sym('x');
    while (t.depth < 9_998) t = make(t);
    return t;
  };
  test.each<[string, (t: Term) => Term, string, string]>([
    ['sin', (t) => call(O.SIN, [t]), '\\sin{\\left(', ' \\right)}'],
    ['neg', (t) => call(O.NEG, [t]), '-\\left(', '\\right)'],
    ['sum', (t) => call(O.ADD, [sym('y'), t]), 'y + \\left(', '\\right)'],
    ['power', (t) => call(O.POW, [t, sym('y')]), '\\left(', '\\right)^{y}'],
    ['fraction', (t) => call(O.DIV, [t, sym('y')]), '\\frac{', '}{y}'],
    ['sum of negatives', (t) => call(O.ADD, [sym('y'), call(O.NEG, [t])]), 'y - \\left(', '\\right)'],
    ['squared sine', (t) => call(O.POW, [call(O.SIN, [t]), int(2)]), '\\sin^{2}{\\left(', ' \\right)}'],
    ['product', (t) => call(O.MUL, [int(2), t]), '2 \\left(', '\\right)'],
    ['f', (t) => call(fn('f'), [t]), 'f{\\left(', ' \\right)}'],
    ['factorial', (t) => call(O.FACTORIAL, [t]), '\\left(', '\\right)!'],
    ['derivative', (t) => call(O.DERIVATIVE, [t, sym('x'), int(1)]), '\\frac{d}{d x} ', 'x'],
    ['canonical exp', (t) => apply(O.EXP, [mul([int(2), t])]), 'e^{2 e^{', '}}'],
  ])('%s nested 10,000 levels deep prints without overflow, quickly', (_name, make, open, close) => {
    const t = deep(make);
    const start = Date.now();
    const s = toLatex(t);
    expect(Date.now() - start).toBeLessThan(2_000);
    expect(s.startsWith(open)).toBe(true);
    expect(s.endsWith(close)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------
// Properties over random terms

const values: fc.Arbitrary<Value> = fc.oneof(
  fc.integer({ min: -20, max: 20 }).map((n) => exact(n)),
  fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 50 })).map(([n, d]) => exact(n, d)),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const leaf: fc.Arbitrary<Term> = fc.oneof(
  fc.constantFrom('x', 'y', 'alpha', 'x_1', 'speed', '?a').map((n) => sym(n)),
  values.map((v) => num(v)),
  fc.constantFrom(call(O.PI, []), call(O.E, [])),
);
const fixed: Operator[] = [O.SUB, O.NEG, O.DIV, O.POW, O.SQRT, O.ABS, O.EXP, O.SIN, O.ASIN, O.FACTORIAL, O.EQ, O.LE];
const undef = [fn('f'), fn('g'), derivedFn(fn('f'), [1]), derivedFn(fn('g'), [1, 2])];
const writtenTerm = callTreeArb({ leaf, fixed, functions: undef, functionArgs: { minLength: 1, maxLength: 2 } });

/** Braces and \left / \right pairs balance. */
function balanced(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') {
      i++; // an escaped character (\{, \}, \\) is not a group
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  const lefts = s.match(/\\left[(|.]/g)?.length ?? 0;
  const rights = s.match(/\\right[)|]/g)?.length ?? 0;
  return depth === 0 && lefts === rights;
}

describe('properties', () => {
  test('every term prints, with balanced groups (written and canonical)', () => {
    fc.assert(fc.property(writtenTerm, (t) => {
      const a = toLatex(t), b = toLatex(canonicalize(t));
      return balanced(a) && balanced(b) && !a.includes('undefined') && !b.includes('undefined');
    }), { numRuns: 1_000 });
  });

  test('latexWith reaches terms only through TermOps: nested data prints the same', () => {
    fc.assert(fc.property(writtenTerm, (t) => latexWith(nestedOps, fromTerm(t)) === latexWith(writtenOps, t)), { numRuns: 1_000 });
  });

  test('the printer sees the term, not its S-expression text: equal terms print equally', () => {
    fc.assert(fc.property(writtenTerm, (t) => toLatex(parseSexpr(toSexpr(t), { mode: 'written' })) === toLatex(t)), { numRuns: 300 });
  });
});
