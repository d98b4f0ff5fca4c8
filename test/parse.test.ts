import { describe, expect, test } from 'vitest';
import { sym, int, num, call, type Term } from '../src/term/term.js';
import { exact } from '../src/term/number.js';
import { fn, derivedFn } from '../src/term/operator.js';
import * as O from '../src/term/operators.js';
import { add, mul, pow, neg, sub, div, apply } from '../src/term/canonical.js';
import { parse } from '../src/term/parse.js';
import { toSexpr } from '../src/term/sexpr.js';

const x = sym('x'), y = sym('y'), z = sym('z'), a = sym('a'), b = sym('b'), c = sym('c');
const q = (n: number, d: number) => num(exact(n, d));
const f = fn('f'), g = fn('g');
const pi = call(O.PI, []), e = call(O.E, []);
const sin = (t: Term) => call(O.SIN, [t]);

describe('parse: canonical mode (the default)', () => {
  test.each<[string, Term]>([
    ['x', x],
    ['3', int(3)],
    ['-3', int(-3)],
    ['0.5', num(0.5)],
    ['2.', num(2)],
    ['.25', num(0.25)],
    ['1e-3', num(0.001)],
    ['1E+21', num(1e21)],
    ['123456789012345678901234567890', num(exact(123456789012345678901234567890n))],
    ['1/3', q(1, 3)],
    ['x + x', mul([int(2), x])],
    ['x^2 + 2x', add([mul([int(2), x]), pow(x, int(2))])],
    ['a - b + c', add([a, neg(b), c])],
    ['a - b', sub(a, b)],
    ['x*y/z', mul([x, y, pow(z, int(-1))])],
    ['a/b*c', mul([a, pow(b, int(-1)), c])],
    ['a/b/c', mul([a, pow(b, int(-1)), pow(c, int(-1))])],
    ['2x', mul([int(2), x])],
    ['2 x', mul([int(2), x])],
    ['x y', mul([x, y])],
    ['2(x + 1)', add([int(2), mul([int(2), x])])],
    ['(a)(b)', mul([a, b])],
    ['2x^2', mul([int(2), pow(x, int(2))])],
    ['2 sin(x)', mul([int(2), sin(x)])],
    ['x**2', pow(x, int(2))],
    ['x^-1', pow(x, int(-1))],
    ['-x^2', neg(pow(x, int(2)))],
    ['2^-x', pow(int(2), neg(x))],
    ['2^3^2', int(512)],
    ['(2^3)^2', int(64)],
    ['x^y^z', pow(x, pow(y, z))],
    ['5!', int(120)],
    ['x!^2', pow(apply(O.FACTORIAL, [x]), int(2))],
    ['2^3!', int(64)],
    ['-2!', int(-2)],
    ['sqrt(x)', pow(x, q(1, 2))],
    ['1/sqrt(x)', pow(x, q(-1, 2))],
    ['ln(x)', call(O.LOG, [x])],
    ['log(2, x)', call(O.LOG, [int(2), x])],
    ['exp(0)', int(1)],
    ['e^x', call(O.EXP, [x])],
    ['sin(0)', int(0)],
    ['sin (x)', sin(x)],
    ['pi + e', add([pi, e])],
    ['2pi', mul([int(2), pi])],
    ['pi(x + 1)', mul([pi, add([int(1), x])])],
    ['f(x, y)', call(f, [x, y])],
    ['f()', call(f, [])],
    ['g(f(x))', call(g, [call(f, [x])])],
    ['f (x)', mul([sym('f'), x])],
    ['x(y + 1)', call(fn('x'), [add([int(1), y])])],
    ["f'(x)", call(derivedFn(f, [1]), [x])],
    ["f''(x)", call(derivedFn(f, [1, 1]), [x])],
    ["f'(x, y)", call(derivedFn(f, [1]), [x, y])],
    ['D[1,2](g)(x, y)', call(derivedFn(g, [1, 2]), [x, y])],
    ['D[ 2 , 1 ](g)(x, y)', call(derivedFn(g, [1, 2]), [x, y])],
    ['D[1](D[2](g))(x, y)', call(derivedFn(derivedFn(g, [2]), [1]), [x, y])],
    ["D[2](f')(x, y)", call(derivedFn(derivedFn(f, [1]), [2]), [x, y])],
    ['D(x)', call(fn('D'), [x])],
    ['D + 1', add([int(1), sym('D')])],
    ['Derivative(f(x), x, 1)', call(O.DERIVATIVE, [call(f, [x]), x, int(1)])],
    ['Integral(x^2, x, 0, 1)', call(O.INTEGRAL, [pow(x, int(2)), x, int(0), int(1)])],
    ['neg(x)', neg(x)],
    ['a = b', call(O.EQ, [a, b])],
    ['a == b', call(O.EQ, [a, b])],
    ['a != b', call(O.NE, [a, b])],
    ['x + 1 <= 2y', call(O.LE, [add([int(1), x]), mul([int(2), y])])],
    ['a < b', call(O.LT, [a, b])],
    ['a > b', call(O.GT, [a, b])],
    ['a >= b', call(O.GE, [a, b])],
    ['(a = b) = c', call(O.EQ, [call(O.EQ, [a, b]), c])],
    ['x! = y', call(O.EQ, [apply(O.FACTORIAL, [x]), y])],
    ['x!=y', call(O.NE, [x, y])],
    ['f(a = b)', call(f, [call(O.EQ, [a, b])])],
    ['--x', x],
    ['+x', x],
    ['x+-y', sub(x, y)],
    ['x*-y', neg(mul([x, y]))],
    ['x/(2*(a + b))', div(x, add([mul([int(2), a]), mul([int(2), b])]))],
    ['`my var` + 1', add([int(1), sym('my var')])],
    ['`a\\`b\\\\c`', sym('a`b\\c')],
    ['``', sym('')],
    ['`pi`', sym('pi')],
    ['`sin` + 1', add([int(1), sym('sin')])],
    ['`my f`(x)', call(fn('my f'), [x])],
    ["`my f`'(x)", call(derivedFn(fn('my f'), [1]), [x])],
    ['`ln`(x)', call(fn('ln'), [x])],
    ['x_1 + α + é + 𝑥', add([sym('x_1'), sym('α'), sym('é'), sym('𝑥')])],
    ['1 − 2 × x · y', add([int(1), mul([int(-2), x, y])])],
    ['a ≤ b', call(O.LE, [a, b])],
    ['a ≠ b', call(O.NE, [a, b])],
    [' \t\n x \n+\t1 ', add([int(1), x])],
  ])('%s', (src, want) => {
    expect(toSexpr(parse(src))).toBe(toSexpr(want));
    expect(parse(src)).toBe(want);
  });
});

describe('parse: written mode keeps what was written', () => {
  const w = (src: string) => parse(src, { mode: 'written' });
  const C = call;
  test.each<[string, Term]>([
    ['x + x', C(O.ADD, [x, x])],
    ['a - b + c', C(O.ADD, [a, C(O.NEG, [b]), c])],
    ['a - b', C(O.ADD, [a, C(O.NEG, [b])])],
    ['-3', C(O.NEG, [int(3)])],
    ['-a + b', C(O.ADD, [C(O.NEG, [a]), b])],
    ['-(a + b)', C(O.NEG, [C(O.ADD, [a, b])])],
    ['a + (b + c)', C(O.ADD, [a, C(O.ADD, [b, c])])],
    ['(a + b) + c', C(O.ADD, [C(O.ADD, [a, b]), c])],
    ['a - (b - c)', C(O.ADD, [a, C(O.NEG, [C(O.ADD, [b, C(O.NEG, [c])])])])],
    ['a - -b', C(O.ADD, [a, C(O.NEG, [C(O.NEG, [b])])])],
    ['a*b*c', C(O.MUL, [a, b, c])],
    ['a*(b*c)', C(O.MUL, [a, C(O.MUL, [b, c])])],
    ['2x y', C(O.MUL, [int(2), x, y])],
    ['2 sin(x)', C(O.MUL, [int(2), sin(x)])],
    ['2x^2', C(O.MUL, [int(2), C(O.POW, [x, int(2)])])],
    ['(a)(b)', C(O.MUL, [a, b])],
    ['a*b/c', C(O.DIV, [C(O.MUL, [a, b]), c])],
    ['a/b*c', C(O.MUL, [C(O.DIV, [a, b]), c])],
    ['a/b/c', C(O.DIV, [C(O.DIV, [a, b]), c])],
    ['a/(b/c)', C(O.DIV, [a, C(O.DIV, [b, c])])],
    ['a*b/c*d*e', C(O.MUL, [C(O.DIV, [C(O.MUL, [a, b]), c]), sym('d'), e])],
    ['1/3', C(O.DIV, [int(1), int(3)])],
    ['x^-1', C(O.POW, [x, C(O.NEG, [int(1)])])],
    ['-x^2', C(O.NEG, [C(O.POW, [x, int(2)])])],
    ['2^-x', C(O.POW, [int(2), C(O.NEG, [x])])],
    ['2^-x^2', C(O.POW, [int(2), C(O.NEG, [C(O.POW, [x, int(2)])])])],
    ['2^-x*3', C(O.MUL, [C(O.POW, [int(2), C(O.NEG, [x])]), int(3)])],
    ['a^b^c', C(O.POW, [a, C(O.POW, [b, c])])],
    ['(a^b)^c', C(O.POW, [C(O.POW, [a, b]), c])],
    ['x**2', C(O.POW, [x, int(2)])],
    ['-a*b', C(O.MUL, [C(O.NEG, [a]), b])],
    ['a*-b', C(O.MUL, [a, C(O.NEG, [b])])],
    ['-a/b', C(O.DIV, [C(O.NEG, [a]), b])],
    ['5!', C(O.FACTORIAL, [int(5)])],
    ['x!!', C(O.FACTORIAL, [C(O.FACTORIAL, [x])])],
    ['-x!', C(O.NEG, [C(O.FACTORIAL, [x])])],
    ['x^y!', C(O.POW, [x, C(O.FACTORIAL, [y])])],
    ['sqrt(x)', C(O.SQRT, [x])],
    ['exp(0)', C(O.EXP, [int(0)])],
    ['e^x', C(O.POW, [e, x])],
    ['ln(x)', C(O.LOG, [x])],
    ['0.5 + 2.', C(O.ADD, [num(0.5), num(2)])],
    ['a = b', C(O.EQ, [a, b])],
    ['a + 1 < b', C(O.LT, [C(O.ADD, [a, int(1)]), b])],
    ['f(x, y)', C(f, [x, y])],
    ["f'(x)", C(derivedFn(f, [1]), [x])],
  ])('%s', (src, want) => {
    expect(toSexpr(w(src))).toBe(toSexpr(want));
    expect(w(src)).toBe(want);
  });
});

describe('parse options', () => {
  test('decimals are floats by default and exact with exactDecimals', () => {
    expect(parse('0.1')).toBe(num(0.1));
    expect(parse('0.1', { exactDecimals: true })).toBe(q(1, 10));
    expect(parse('2.5e-3', { exactDecimals: true })).toBe(q(1, 400));
    expect(parse('1e3', { exactDecimals: true })).toBe(int(1000));
    expect(parse('0.1 + 0.2', { exactDecimals: true })).toBe(q(3, 10));
    expect(parse('0.5 x', { exactDecimals: true, mode: 'written' })).toBe(call(O.MUL, [q(1, 2), x]));
  });

  test('constants: false reads pi and e as symbols', () => {
    expect(parse('pi + e', { constants: false })).toBe(add([sym('pi'), sym('e')]));
    expect(parse('e^x', { constants: false })).toBe(pow(sym('e'), x));
    expect(parse('e^x')).toBe(call(O.EXP, [x]));
    expect(parse('`pi`', { constants: false })).toBe(sym('pi'));
  });

  test('names that are properties of plain objects are ordinary symbols and functions', () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype']) {
      expect(parse(name)).toBe(sym(name));
      expect(parse(`${name}(x)`)).toBe(call(fn(name), [x]));
    }
    expect(parse('`__proto__`')).toBe(sym('__proto__'));
    expect(parse('__proto__ + constructor*toString')).toBe(add([sym('__proto__'), mul([sym('constructor'), sym('toString')])]));
    expect(parse('__proto__(x)')).toBe(call(fn('__proto__'), [x]));
    expect(parse('`__proto__`(x) + `__proto__`')).toBe(add([sym('__proto__'), call(fn('__proto__'), [x])]));
  });
});

describe('long chains are one n-ary call', () => {
  const n = 100_000;
  const names = Array.from({ length: n }, (_, i) => `x${i}`);

  test('a sum of 100,000 terms', () => {
    const src = names.join(' + ');
    const t0 = performance.now();
    const t = parse(src);
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(t.op).toBe(O.ADD);
    expect(t.args.length).toBe(n);
    const w = parse(src, { mode: 'written' });
    expect(w.op).toBe(O.ADD);
    expect(w.args.length).toBe(n);
    expect(w.depth).toBe(2);
  });

  test('an alternating sum and a product of 100,000 factors', () => {
    const alt = names.map((s, i) => (i === 0 ? s : (i % 2 ? ' - ' : ' + ') + s)).join('');
    const t0 = performance.now();
    const t = parse(alt);
    const w = parse(alt, { mode: 'written' });
    const p = parse(names.join('*'));
    const pw = parse(names.join(' '), { mode: 'written' });
    // Linear-ish work: a quadratic parser would take minutes here.
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(t.args.length).toBe(n);
    expect(w.args.filter((u) => u.op === O.NEG).length).toBe(n / 2);
    expect(p.args.length).toBe(n);
    expect(pw.op).toBe(O.MUL);
    expect(pw.args.length).toBe(n);
  });
});
