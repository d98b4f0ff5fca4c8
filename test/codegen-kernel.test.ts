/**
 * Kernels: the API of `compile` on both targets (scalar calls, batches, several outputs),
 * what the generated code computes with (operation counts: common subexpressions, powers,
 * one division per product, folded constants), the semantics of special values, bad input,
 * and that no user text reaches the generated code.
 */
import { describe, expect, test } from 'vitest';
import { parse, evaluate, print, sym, int, num, call, fn, derivedFn, diff, ops as O, EquateError, termOps } from '../src/index.js';
import {
  compile, compileWith, compileAllWith, lowerWith, countOperations, runProgram, ProgramBuilder, emitJs, jsSource, numberLiteral, emitWasm,
  optimizeTerms, cpuCost, powerCost, wasmSimdSupported, wasmRelaxedSimdSupported, ulpDistance, ulpError, exactDecimal, type Kernel,
} from '../src/codegen/index.js';
import { exact } from '../src/term/number.js';
import { Decimal } from 'decimal.js';
import { nestedOps, s, q, c } from './support/nested.js';
import { thrown } from './support/errors.js';

const TARGETS = [
  { name: 'js', opts: { target: 'js' } },
  { name: 'wasm', opts: { target: 'wasm', simd: false } },
  { name: 'wasm simd', opts: { target: 'wasm', simd: true } },
] as const;

/** The batch of `k` at the given points (one array per argument), as plain numbers. */
function batchOf(k: Kernel<unknown>, points: readonly (readonly number[])[]): number[] {
  const arity = k.args.length;
  const inputs = Array.from({ length: arity }, (_, j) => Float64Array.from(points, (p) => p[j]!));
  return Array.from(k.batch(inputs));
}

function sameFloat(a: number, b: number): boolean {
  return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
}

describe('doc examples', () => {
  test('kernel.ts', () => {
    const k = compile(parse('sin(x)*cos(y) + x^2*y'), { args: ['x', 'y'] });
    expect(k(0.5, 2)).toBeCloseTo(Math.sin(0.5) * Math.cos(2) + 0.5, 14);
    expect(k.batch([new Float64Array([0, 1]), new Float64Array([1, 2])]).length).toBe(2);
    const j = compile([parse('x*y'), parse('x + y')], { args: ['x', 'y'], target: 'wasm' });
    expect(j(2, 3)).toEqual([6, 5]);
    expect(compile(parse('x^2 + y'), { args: ['x', 'y'] })(3, 1)).toBe(10);
    expect(compile([parse('x*y'), parse('x + y')], { args: ['x', 'y'] })(2, 3)).toEqual([6, 5]);
    expect(compileWith(termOps, parse('x + 1'), { args: ['x'] })(2)).toBe(3);
    expect(compileAllWith(termOps, [parse('x + 1'), parse('2*x')], { args: ['x'] })(2)).toEqual([3, 4]);
  });
  test('ir.ts and lower.ts', () => {
    const b = new ProgramBuilder(1);
    const x = b.arg(0);
    const p = b.finish([b.add(b.mul(x, x), b.mul(x, x))]);
    expect(p.instrs.length).toBe(3);
    expect(runProgram(p, [2])).toEqual([8]);
    expect(countOperations(lowerWith(termOps, [parse('x^8 + sin(x)')], ['x']))).toEqual({ mul: 3, sin: 1, add: 1 });
    expect(lowerWith(termOps, [parse('x*y')], ['x', 'y']).instrs.length).toBe(3);
  });
  test('js.ts', () => {
    const { scalar, source } = emitJs(lowerWith(termOps, [parse('x^2 + 1')], ['x']));
    expect(scalar(3)).toBe(10);
    expect(source).toContain('const t2 = v0 * v0;');
    expect(numberLiteral(-2.5)).toBe('(-2.5)');
  });
  test('wasm/emit.ts', () => {
    const mod = emitWasm(lowerWith(termOps, [parse('sin(x)*y')], ['x', 'y']), { simd: true });
    expect(mod.layout.chunk).toBeGreaterThanOrEqual(16);
    expect(WebAssembly.validate(mod.bytes)).toBe(true);
  });
  test('accuracy.ts', () => {
    const D = Decimal.clone({ precision: 40 });
    expect(exactDecimal(0.1, D).toString()).toBe('0.1000000000000000055511151231257827021182');
    expect(ulpError(Math.exp(1), exactDecimal(1, D).exp())).toBeLessThan(0.5);
    expect(ulpError(0.1, new Decimal('0.1'))).toBeCloseTo(0.4, 1);
    expect(ulpDistance(1, 1 + Number.EPSILON)).toBe(1);
    expect(ulpDistance(-0, 0)).toBe(0);
    expect(ulpDistance(NaN, NaN)).toBe(0);
    expect(ulpDistance(NaN, 1)).toBe(Infinity);
    expect(ulpError(NaN, new D(NaN))).toBe(0);
    expect(ulpError(1, new D(Infinity))).toBe(Infinity);
  });
  test('optimize.ts and cost.ts', () => {
    expect(print(optimizeTerms([parse('sin(x)^2 + cos(x)^2 + x')])[0]!)).toBe('1 + x');
    expect(powerCost(exact(3))).toBe(2);
    expect(typeof cpuCost).toBe('function');
  });
});

describe('the README example', () => {
  test('runs as written', () => {
    const f = parse('sin(x)*cos(y) + x^2*y - exp(x/(1 + y))');
    const k = compile(f, { args: ['x', 'y'] });
    expect(k(0.5, 2)).toBe(-0.8808718341156948);
    expect(k(0.5, 2)).toBe(evaluate(f, { x: 0.5, y: 2 }));
    const xs = Float64Array.from({ length: 100_000 }, (_, i) => i / 1e5);
    const ys = xs.map((x) => 1 - x);
    const out = k.batch([xs, ys]);
    expect(out.length).toBe(100_000);
    const w = compile(f, { args: ['x', 'y'], target: 'wasm' });
    const simd = w.batch([xs, ys], new Float64Array(100_000));
    let worst = 0;
    simd.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - out[i]!))));
    expect(worst).toBeLessThan(8e-15);
    expect(w.fma).toBe(wasmRelaxedSimdSupported());
    const g = compile([diff(f, sym('x')), diff(f, sym('y'))], { args: ['x', 'y'] });
    expect(g(0.5, 2)).toEqual([1.241009988771836, -0.12030927455922685]);
    expect(g.batch([xs, ys]).length).toBe(200_000);
    expect(g.stats.byKind).toEqual({ mul: 7, cos: 2, add: 3, div: 3, exp: 1, sub: 2, sin: 2 });
    expect(k.source).toContain('Math.exp');
    expect(compile(parse('sin(x)^2 + cos(x)^2 + log(exp(y))'), { args: ['x', 'y'], optimize: true }).stats.byKind).toEqual({ add: 1 });
  });
});

describe('values: both targets agree with evaluate', () => {
  // expression, arguments, point
  const cases: [string, string[], number[]][] = [
    ['x^2*y - 3', ['x', 'y'], [1.5, 2]],
    ['sin(x)*cos(y) + x^2*y - exp(x/(1 + y))', ['x', 'y'], [0.3, 0.7]],
    ['(x + 1)^-3 + sqrt(x) + x^(3/2) + x^(-1/2)', ['x'], [2.25]],
    ['x^(1/3) + x^2.5 + x^y', ['x', 'y'], [1.7, 0.4]],
    ['log(x) + log(2, x) + tan(x) + atan(x) + asin(x/4) + acos(x/4)', ['x'], [1.3]],
    ['sinh(x) + cosh(x) + tanh(x) + sec(x) + csc(x) + cot(x) + abs(-x)', ['x'], [0.8]],
    ['factorial(n) + pi + e', ['n'], [5]],
    ['x^17 + x^-17 + x^16', ['x'], [1.01]],
    ['-x - 2*y + 3*(x - y)', ['x', 'y'], [0.25, 4]],
    ['x/y/z', ['x', 'y', 'z'], [1, 3, 7]],
    ['2', [], []],
  ];
  for (const [src, args, point] of cases) {
    test(src, () => {
      const t = parse(src);
      const env = Object.fromEntries(args.map((a, i) => [a, point[i]!]));
      const want = evaluate(t, env);
      for (const { name, opts } of TARGETS) {
        const k = compile(t, { args, ...opts });
        const got = k(...point);
        expect(ulpDistance(got, want), `${name}: ${got} vs ${want}`).toBeLessThanOrEqual(8);
        const b = batchOf(k, new Array(17).fill(point));
        for (const v of b) expect(ulpDistance(v, want), `${name} batch`).toBeLessThanOrEqual(8);
      }
    });
  }

  test('written terms compile as written (/, -, neg, sqrt)', () => {
    const t = parse('(x - y)/(-x) + sqrt(y)', { mode: 'written' });
    for (const { opts } of TARGETS) expect(compile(t, { args: ['x', 'y'], ...opts })(2, 9)).toBe(evaluate(t, { x: 2, y: 9 }));
  });

  test('arguments may be symbols, and order is the order given', () => {
    const k = compile(parse('x - y'), { args: [sym('y'), sym('x')] });
    expect(k(1, 10)).toBe(9);
    expect(k.args).toEqual(['y', 'x']);
  });

  test('outputs that are arguments or constants', () => {
    for (const { opts } of TARGETS) {
      const k = compile([parse('x'), parse('2'), parse('x*y')], { args: ['x', 'y'], ...opts });
      const xs = Float64Array.from({ length: 21 }, (_, i) => i), ys = new Float64Array(21).fill(3);
      expect(Array.from(k.batch([xs, ys]))).toEqual(Array.from(xs).flatMap((x) => [x, 2, 3 * x]));
      const c = compile(parse('2 + pi'), { args: ['x'], ...opts });
      expect(Array.from(c.batch([xs]))).toEqual(new Array(21).fill(2 + Math.PI));
    }
  });

  test('kernels without arguments', () => {
    for (const { opts } of TARGETS) {
      const k = compile(parse('2 + pi'), { args: [], ...opts });
      expect(k()).toBe(2 + Math.PI);
      expect(Array.from(k.batch([]))).toEqual([2 + Math.PI]);
      expect(Array.from(k.batch([], new Float64Array(3)))).toEqual([2 + Math.PI, 2 + Math.PI, 2 + Math.PI]);
    }
  });

  test('batch: any length, an output array to fill, plain arrays as inputs', () => {
    const t = parse('sin(x) + y');
    for (const { opts } of TARGETS) {
      const k = compile(t, { args: ['x', 'y'], ...opts });
      for (const n of [0, 1, 2, 3, 4, 5, 7, 8, 9, 4095, 4096, 4097, 10001]) {
        const xs = Float64Array.from({ length: n }, (_, i) => i / 7 - 3), ys = Float64Array.from({ length: n }, (_, i) => i % 5);
        const out = new Float64Array(n);
        expect(k.batch([xs, ys], out)).toBe(out);
        for (let i = 0; i < n; i++) {
          // sin(x) + y may cancel: the bound is on the absolute error, relative to |sin(x)| + |y|.
          const x = xs[i]!, y = ys[i]!;
          expect(Math.abs(out[i]! - (Math.sin(x) + y))).toBeLessThanOrEqual(4 * Number.EPSILON * (Math.abs(Math.sin(x)) + Math.abs(y)));
        }
      }
      expect(Array.from(k.batch([[0, 1], [2, 3]]))).toEqual([k(0, 2), k(1, 3)]);
    }
  });
});

describe('several outputs share one kernel', () => {
  test('scalar calls return arrays; batches are interleaved (out[i*m + j])', () => {
    const ts = [parse('x*y'), parse('x + y'), parse('sin(x)*y')];
    for (const { opts } of TARGETS) {
      const k = compile(ts, { args: ['x', 'y'], ...opts });
      expect(k.outputs).toBe(3);
      expect(k(2, 3)).toEqual([6, 5, Math.sin(2) * 3]);
      const pts = Array.from({ length: 19 }, (_, i) => [i + 1, i + 4]);
      const out = k.batch([Float64Array.from(pts, (p) => p[0]!), Float64Array.from(pts, (p) => p[1]!)]);
      expect(out.length).toBe(57);
      const want = pts.flatMap(([x, y]) => [x! * y!, x! + y!, Math.sin(x!) * y!]);
      out.forEach((v, i) => expect(ulpDistance(v, want[i]!)).toBeLessThanOrEqual(2));
    }
  });

  test('a Jacobian: common subexpressions are computed once', () => {
    const f = [parse('exp(x*y)*sin(x)'), parse('exp(x*y)*cos(y)')];
    const jac = f.flatMap((fi) => [sym('x'), sym('y')].map((v) => diff(fi, v)));
    const k = compile(jac, { args: ['x', 'y'] });
    expect(k.stats.byKind.exp).toBe(1);
    // exp(x*y) once; sin and cos of x and of y
    expect(k.stats.byKind.sin).toBe(2);
    expect(k.stats.byKind.cos).toBe(2);
    expect(k.stats.byKind.neg).toBeUndefined();
    const v = k(0.3, 0.5) as number[];
    jac.forEach((t, i) => expect(ulpDistance(v[i]!, evaluate(t, { x: 0.3, y: 0.5 }))).toBeLessThanOrEqual(16));
  });

  test('shared subterms across outputs and repeated outputs', () => {
    const k = compile([parse('sin(x)*y'), parse('sin(x)*z'), parse('sin(x)*y')], { args: ['x', 'y', 'z'] });
    expect(k.stats.byKind).toEqual({ sin: 1, mul: 2 });
    expect(k(1, 2, 3)).toEqual([Math.sin(1) * 2, Math.sin(1) * 3, Math.sin(1) * 2]);
  });
});

describe('operations emitted', () => {
  // expression, arguments, expected counts by kind
  const cases: [string, string[], Record<string, number>][] = [
    ['x^2', ['x'], { mul: 1 }],
    ['x^3', ['x'], { mul: 2 }],
    ['x^7', ['x'], { mul: 4 }],
    ['x^8', ['x'], { mul: 3 }],
    ['x^16', ['x'], { mul: 4 }],
    ['x^17', ['x'], { pow: 1 }],
    ['x^-1', ['x'], { div: 1 }],
    ['x^-3', ['x'], { mul: 2, div: 1 }],
    ['x/(y*z^2)', ['x', 'y', 'z'], { mul: 2, div: 1 }],
    ['x*y^-1*z^-2', ['x', 'y', 'z'], { mul: 2, div: 1 }],
    ['x^(1/2)', ['x'], { sqrt: 1 }],
    ['x^(-1/2)', ['x'], { sqrt: 1, div: 1 }],
    ['x^(5/2)', ['x'], { sqrt: 1, mul: 2 }],
    ['x^(1/3)', ['x'], { pow: 1 }],
    ['x - y', ['x', 'y'], { sub: 1 }],
    ['x - 2*y', ['x', 'y'], { sub: 1, mul: 1 }],
    ['-x', ['x'], { neg: 1 }],
    ['-2*x', ['x'], { mul: 1 }],
    ['sin(2) + x', ['x'], { add: 1 }],
    ['pi*x + e', ['x'], { mul: 1, add: 1 }],
    ['sec(x) + cot(x)', ['x'], { cos: 1, tan: 1, div: 2, add: 1 }],
    ['log(3, x)', ['x'], { log: 1, div: 1 }],
    ['x^2 + x^3 + x^4', ['x'], { mul: 3, add: 2 }],
    ['(x + 1)^2 + sin((x + 1)^2)', ['x'], { add: 2, mul: 1, sin: 1 }],
    ['factorial(x)', ['x'], { factorial: 1 }],
    ['x < y', ['x', 'y'], { cmp: 1 }],
  ];
  for (const [src, args, want] of cases) {
    test(src, () => {
      const k = compile(parse(src), { args });
      expect(k.stats.byKind).toEqual(want);
      expect(k.stats.operations).toBe(Object.values(want).reduce((a, b) => a + b, 0));
    });
  }
});

describe('semantics: NaN where undefined, IEEE infinities, relations 1 or 0', () => {
  // expression, point, expected
  const cases: [string, number, number][] = [
    ['log(x)', -1, NaN],
    ['log(x)', 0, -Infinity],
    ['log(x)', Infinity, Infinity],
    ['sqrt(x)', -1, NaN],
    ['1/x', 0, Infinity],
    ['1/x', -0, -Infinity],
    ['exp(x)', 1000, Infinity],
    ['exp(x)', -1000, 0],
    ['exp(x)', -Infinity, 0],
    ['sin(x)', Infinity, NaN],
    ['sin(x)', -0, -0],
    ['cos(x)', 1e22, Math.cos(1e22)],
    ['tan(x)', 1e300, Math.tan(1e300)],
    ['asin(x)', 2, NaN],
    ['x + 1', NaN, NaN],
    ['x^2', -Infinity, Infinity],
    ['x < 1', 0, 1],
    ['x >= 1', 0, 0],
    ['x = 1', 1, 1],
    ['x != 1', NaN, 1],
    ['factorial(x)', -1, NaN],
    ['factorial(x)', 200, Infinity],
  ];
  for (const [src, x, want] of cases) {
    test(`${src} at ${Object.is(x, -0) ? '-0' : x}`, () => {
      const t = parse(src);
      expect(sameFloat(evaluate(t, { x }), want)).toBe(true);
      for (const { name, opts } of TARGETS) {
        const k = compile(t, { args: ['x'], ...opts });
        expect(sameFloat(k(x), want), `${name} scalar: ${k(x)}`).toBe(true);
        // Special values inside a block of ordinary ones take the scalar path for the block
        // (16 points or more: WebAssembly batches take the SIMD loop).
        const xs = new Float64Array(18).fill(0.5);
        xs[1] = x;
        xs[6] = x;
        xs[17] = x;
        const b = k.batch([xs]);
        for (const i of [1, 6, 17]) expect(sameFloat(b[i]!, want), `${name} batch: ${b[i]}`).toBe(true);
        for (const i of [0, 4, 16]) expect(ulpDistance(b[i]!, evaluate(t, { x: 0.5 }))).toBeLessThanOrEqual(2);
      }
    });
  }

  test('arguments go through Number: missing ones are NaN, strings and BigInts convert', () => {
    for (const { opts } of TARGETS) {
      const k = compile(parse('x + y'), { args: ['x', 'y'], ...opts }) as unknown as (...xs: unknown[]) => number;
      expect(k(1)).toBeNaN();
      expect(k('2', '3')).toBe(5);
      expect(k(2n, 3n)).toBe(5);
    }
  });
});

describe('bad input: one-line EquateErrors', () => {
  const x = sym('x');
  const cases: [string, () => unknown, RegExp][] = [
    ['a free symbol that is not an argument', () => compile(parse('x + z'), { args: ['x', 'y'] }), /the symbol z is not an argument \(the arguments are x, y\)/],
    ['no arguments at all', () => compile(parse('x'), { args: [] }), /symbol x is not an argument \(there are no arguments\)/],
    ['an undefined function', () => compile(parse('f(x)'), { args: ['x'] }), /undefined function f has no numeric definition/],
    ['a derivative of an undefined function', () => compile(call(derivedFn(fn('f'), [1]), [x]), { args: ['x'] }), /derivative D\[1\]\(f\) of an undefined function/],
    ['an unevaluated derivative', () => compile(call(O.DERIVATIVE, [parse('sin(x)'), x, int(1)]), { args: ['x'] }), /unevaluated derivative/],
    ['an unevaluated integral', () => compile(call(O.INTEGRAL, [parse('sin(x)'), x]), { args: ['x'] }), /unevaluated integral/],
    ['an undefined function inside a vector', () => compile([parse('x'), call(fn('g'), [x])], { args: ['x'], target: 'wasm' }), /undefined function g/],
    ['an argument given twice', () => compile(parse('x'), { args: ['x', 'x'] }), /the argument x is given twice/],
    ['an argument that is not a name', () => compile(parse('x'), { args: [3 as unknown as string] }), /argument 1 is not a symbol name/],
    ['args missing', () => compile(parse('x'), {} as never), /args must be an array/],
    ['no options', () => compile(parse('x'), undefined as never), /options \{ args \} are required/],
    ['an unknown target', () => compile(parse('x'), { args: ['x'], target: 'c' as never }), /unknown target 'c' \(known: js, wasm\)/],
    ['an empty vector', () => compile([], { args: ['x'] }), /no expressions to compile/],
  ];
  for (const [what, run, message] of cases) {
    test(what, () => {
      const err = thrown(run);
      expect(err).toBeInstanceOf(EquateError);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).not.toContain('\n');
    });
  }

  test('batch arguments are checked', () => {
    for (const { opts } of TARGETS) {
      const k = compile(parse('x + y'), { args: ['x', 'y'], ...opts });
      const a = new Float64Array(3), b = new Float64Array(4);
      expect(() => k.batch([a])).toThrow(/takes 2 input arrays, got 1/);
      expect(() => k.batch([a, b])).toThrow(/input 2 has 4 values, input 1 has 3/);
      expect(() => k.batch([a, a], new Float64Array(2))).toThrow(/output needs 3 values/);
      expect(() => k.batch([a, a], [0, 0, 0] as never)).toThrow(/output must be a Float64Array/);
      expect(() => k.batch(a as never)).toThrow(/expected an array of 2 input arrays/);
      expect(() => k.batch([a, 3 as never])).toThrow(/input 2 is not an array of numbers/);
      for (const f of [() => k.batch([a]), () => k.batch([a, b])]) {
        try {
          f();
        } catch (e) {
          expect(e).toBeInstanceOf(EquateError);
        }
      }
    }
  });
});

describe('injection safety: no user text in generated code', () => {
  const names = [
    'x); process.exit(1); (', '__proto__', 'constructor', 'toString', 'α', '变量', 'x y', '`${process.exit(1)}`',
    "'); throw 1; ('", '"', '\\', '\n', '</script>', 'Math', 'v0', 't1', 'F', 'k', 'loop', 'out', 'n', 'i',
  ];
  test('kernels over hostile names compute the right values', () => {
    const vars = names.map((n) => sym(n));
    // sum of (i + 1) * name_i^2 + sin(name_0)
    const terms = vars.map((v, i) => call(O.MUL, [int(i + 1), call(O.POW, [v, int(2)])]));
    const expr = call(O.ADD, [...terms, call(O.SIN, [vars[0]!])]);
    const point = names.map((_, i) => (i + 1) / 10);
    const env = new Map(names.map((n, i) => [n, point[i]!]));
    const want = evaluate(expr, env);
    for (const { opts } of TARGETS) {
      const k = compile(expr, { args: names, ...opts });
      expect(ulpDistance(k(...point), want)).toBeLessThanOrEqual(4);
      const b = batchOf(k, new Array(16).fill(point));
      for (const v of b) expect(ulpDistance(v, want)).toBeLessThanOrEqual(4);
    }
  });

  test('the JS source holds only fixed text, generated identifiers and numbers', () => {
    const vars = names.map((n) => sym(n));
    const expr = call(O.ADD, vars.map((v, i) => call(O.MUL, [num(i + 0.5), call(O.EXP, [v])])));
    const k = compile(expr, { args: names });
    const source = k.source!;
    for (const n of names.filter((n) => /[^A-Za-z0-9_]/.test(n) && n.length > 1)) expect(source.includes(n), n).toBe(false);
    // Every identifier in the source is one the generator makes.
    const identifiers = new Set(source.match(/[A-Za-z_$][A-Za-z0-9_$]*/g));
    const allowed = /^(?:v\d+|t\d+|f\d+|a\d+|use|strict|function|k|loop|n|out|for|let|i|const|return|Math|Number|exp|sin|cos|tan|log|sqrt|abs|pow|asin|acos|atan|sinh|cosh|tanh|F|o|e\d*)$/;
    for (const id of identifiers) expect(id, id).toMatch(allowed);
    expect(jsSource(lowerWith(termOps, [expr], names))).toBe(source);
  });

  test('the WASM module has no user text', () => {
    const k = compile(call(O.ADD, names.map((n) => call(O.SIN, [sym(n)]))), { args: names, target: 'wasm' });
    const text = new TextDecoder('latin1').decode(k.wasm!);
    for (const n of names.filter((n) => /[^A-Za-z0-9_]/.test(n) && n.length > 1)) expect(text.includes(n), n).toBe(false);
  });
});
describe('large kernels', () => {
  test('a chain 1,500 functions deep: locals are reused, both targets agree', () => {
    let t = sym('x');
    for (let i = 0; i < 1500; i++) t = call(O.SIN, [call(O.ADD, [t, int(1)])]);
    const want = evaluate(t, { x: 0.3 });
    for (const { opts } of TARGETS) {
      const k = compile(t, { args: ['x'], ...opts });
      expect(k(0.3)).toBe(want);
      const b = k.batch([new Float64Array(19).fill(0.3)]);
      for (const v of b) expect(Math.abs(v - want)).toBeLessThan(1e-12);
    }
  });
});

describe('term representations', () => {
  test('compileWith reads any representation through TermOps', () => {
    // 3*x^2 + sin(x)/y, as nested arrays
    const t = c('+', c('*', q(3), c('^', s('x'), q(2))), c('*', c('sin', s('x')), c('^', s('y'), q(-1))));
    for (const { opts } of TARGETS) {
      const k = compileWith(nestedOps, t, { args: ['x', 'y'], ...opts });
      expect(compileAllWith(nestedOps, [t, s('x')], { args: ['x', 'y'], ...opts })(0.5, 2)).toEqual([k(0.5, 2), 0.5]);
      expect(ulpDistance(k(0.5, 2), 3 * 0.25 + Math.sin(0.5) / 2)).toBeLessThanOrEqual(1);
    }
    expect(() => compileWith(nestedOps, t, { args: ['x', 'y'], optimize: true })).toThrow(/optimize needs hash-consed terms/);
  });
});

describe('optimize: the e-graph with the CPU cost model first', () => {
  test('an equal, cheaper expression', () => {
    const t = parse('sin(x)^2 + cos(x)^2 + x*y + x*z');
    const plain = compile(t, { args: ['x', 'y', 'z'] });
    const opt = compile(t, { args: ['x', 'y', 'z'], optimize: { timeLimit: 2000 } });
    expect(opt.stats.byKind.sin).toBeUndefined();
    expect(opt.stats.operations).toBeLessThan(plain.stats.operations);
    expect(opt(0.3, 2, 5)).toBeCloseTo(plain(0.3, 2, 5) as number, 12);
  });
  test('wasm too', () => {
    const k = compile(parse('exp(x)*exp(-x) + log(exp(y))'), { args: ['x', 'y'], target: 'wasm', optimize: true });
    expect(k(3, 0.5)).toBeCloseTo(1.5, 14);
  });
});

describe('targets', () => {
  test('SIMD is detected and used by default', () => {
    expect(wasmSimdSupported()).toBe(true);
    expect(compile(parse('x'), { args: ['x'], target: 'wasm' }).simd).toBe(true);
    expect(compile(parse('x'), { args: ['x'], target: 'wasm', simd: false }).simd).toBe(false);
    expect(compile(parse('x'), { args: ['x'] }).simd).toBe(false);
  });
  test('fused multiply-adds where the engine has relaxed SIMD, and a clear error where it has not', () => {
    const relaxed = wasmRelaxedSimdSupported();
    expect(compile(parse('sin(x)'), { args: ['x'], target: 'wasm' }).fma).toBe(relaxed);
    expect(compile(parse('sin(x)'), { args: ['x'], target: 'wasm', fma: false }).fma).toBe(false);
    expect(compile(parse('sin(x)'), { args: ['x'], target: 'wasm', simd: false }).fma).toBe(false);
    expect(compile(parse('sin(x)'), { args: ['x'] }).fma).toBe(false);
    if (!relaxed) expect(() => compile(parse('sin(x)'), { args: ['x'], target: 'wasm', fma: true })).toThrow(/^compile: fma needs WebAssembly relaxed SIMD, which this engine lacks \(Node 22/);
    expect(() => compile(parse('sin(x)'), { args: ['x'], target: 'wasm', simd: false, fma: true })).toThrow(/^compile: fma needs the SIMD loop, which simd: false turns off$/);
    expect(() => compile(parse('sin(x)'), { args: ['x'], fma: true })).toThrow(/^compile: fma needs the SIMD loop \(target wasm\)$/);
  });
  test('kernels carry their description', () => {
    const k = compile(parse('x + 1'), { args: ['x'] });
    expect([k.target, k.outputs, k.args, typeof k.source, k.wasm]).toEqual(['js', 1, ['x'], 'string', undefined]);
    const w = compile(parse('x + 1'), { args: ['x'], target: 'wasm' });
    expect([w.target, w.source, w.wasm instanceof Uint8Array]).toEqual(['wasm', undefined, true]);
    expect(w.program.outputs.length).toBe(1);
  });
  test('the JS kernel and the scalar WASM kernel run the same operations: identical results', () => {
    const t = parse('sin(x)*cos(y) + x^2*y - exp(x/(1 + y)) + log(x)*atan(y)^3 + x^(5/2)');
    const js = compile(t, { args: ['x', 'y'] });
    const wasm = compile(t, { args: ['x', 'y'], target: 'wasm', simd: false });
    for (let i = 0; i < 200; i++) {
      const x = (i * 0.618) % 5, y = (i * 0.414) % 3 - 1;
      expect(sameFloat(js(x, y) as number, wasm(x, y) as number)).toBe(true);
    }
  });
});
