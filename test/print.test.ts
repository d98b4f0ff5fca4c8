import { describe, expect, test } from 'vitest';
import { nestedOps, s as n, q as nq, c as nc } from './support/nested.js';
import { sym, int, num, call, type Term } from '../src/term/term.js';
import { exact, type Value } from '../src/term/number.js';
import { fn, derivedFn, type Operator } from '../src/term/operator.js';
import * as O from '../src/term/operators.js';
import { add, mul, pow, neg, sub, div, apply } from '../src/term/canonical.js';
import { parse } from '../src/term/parse.js';
import { print, printWith, nameText } from '../src/term/print.js';
import { writtenOps, type TermOps } from '../src/term/interface.js';

const x = sym('x'), y = sym('y'), z = sym('z'), a = sym('a'), b = sym('b'), c = sym('c');
const q = (n: number, d: number) => num(exact(n, d));
const f = fn('f'), g = fn('g');
const pi = call(O.PI, []), e = call(O.E, []);
const C = call;

describe('print: canonical terms read naturally', () => {
  test.each<[string, Term]>([
    ['x', x],
    ['3', int(3)],
    ['-3', int(-3)],
    ['1/3', q(1, 3)],
    ['-1/3', q(-1, 3)],
    ['2.0', num(2)],
    ['-2.5', num(-2.5)],
    ['1e+21', num(1e21)],
    ['1.5e-7', num(1.5e-7)],
    ['x - y', sub(x, y)],
    ['-x', neg(x)],
    ['-x + y', add([neg(x), y])],
    ['x/y', div(x, y)],
    ['1/x', pow(x, int(-1))],
    ['x/2', div(x, int(2))],
    ['-x/2', div(neg(x), int(2))],
    ['2*x/3', mul([q(2, 3), x])],
    ['-3*x/y^2', mul([int(-3), x, pow(y, int(-2))])],
    ['x/(2*y)', div(x, mul([int(2), y]))],
    ['1/(x*y)', pow(mul([x, y]), int(-1))],
    ['x/2/(1 + y)', mul([q(1, 2), x, pow(add([int(1), y]), int(-1))])],
    ['x/(1 + y)', div(x, add([int(1), y]))],
    ['sqrt(x)', pow(x, q(1, 2))],
    ['1/sqrt(x)', pow(x, q(-1, 2))],
    ['x/sqrt(y)', div(x, pow(y, q(1, 2)))],
    ['x^(1/3)', pow(x, q(1, 3))],
    ['1/x^(2/3)', pow(x, q(-2, 3))],
    ['x^0.5', pow(x, num(0.5))],
    ['x^(-1.0)', pow(x, num(-1))],
    ['2^(-1/2)', pow(int(2), q(-1, 2))],
    ['sqrt(2)', pow(int(2), q(1, 2))],
    ['2*sqrt(2)', pow(int(2), q(3, 2))],
    ['(-3)^x', pow(int(-3), x)],
    ['(1/2)^x', pow(q(1, 2), x)],
    ['(-2.5)^x', pow(num(-2.5), x)],
    ['(1 + x)^2', pow(add([int(1), x]), int(2))],
    ['x^(1 + y)', pow(x, add([int(1), y]))],
    ['x^(-y)', pow(x, neg(y))],
    ['x^y^z', pow(x, pow(y, z))],
    ['(x^y)^z', C(O.POW, [C(O.POW, [x, y]), z])],
    ['2*x', mul([int(2), x])],
    ['2*x + x^2', add([mul([int(2), x]), pow(x, int(2))])],
    ['2 + x', add([int(2), x])],
    ['-2 + x', add([int(-2), x])],
    ['1/2 + x', add([q(1, 2), x])],
    ['x - 2*y', sub(x, mul([int(2), y]))],
    ['x - y/2', sub(x, div(y, int(2)))],
    ['x - 2.5*y', add([x, mul([num(-2.5), y])])],
    ['x + -1.0*y', add([x, mul([num(-1), y])])],
    ['-1.0*x', mul([num(-1), x])],
    ['x*(1 + y)', mul([x, add([int(1), y])])],
    ['-x*(1 + y)', mul([int(-1), x, add([int(1), y])])],
    ['-1*(x + y)/z', mul([int(-1), add([x, y]), pow(z, int(-1))])],
    ['x - (a + b)/z', sub(x, div(add([a, b]), z))],
    ['x*y*z', mul([x, y, z])],
    ['2*sin(x)', mul([int(2), C(O.SIN, [x])])],
    ['sin(x)^2', pow(C(O.SIN, [x]), int(2))],
    ['exp(x)', apply(O.EXP, [x])],
    ['log(x)', C(O.LOG, [x])],
    ['log(2, x)', C(O.LOG, [int(2), x])],
    ['abs(x)', C(O.ABS, [x])],
    ['x!', apply(O.FACTORIAL, [x])],
    ['(1 + x)!', C(O.FACTORIAL, [add([x, int(1)])])],
    ['(-3)!', C(O.FACTORIAL, [int(-3)])],
    ['(1/2)!', C(O.FACTORIAL, [q(1, 2)])],
    ['x!^2', pow(apply(O.FACTORIAL, [x]), int(2))],
    ['x^y!', pow(x, apply(O.FACTORIAL, [y]))],
    ['pi', pi],
    ['e', e],
    ['2*pi', mul([int(2), pi])],
    ['f(x, y)', C(f, [x, y])],
    ['f()', C(f, [])],
    ["f'(x)", C(derivedFn(f, [1]), [x])],
    ["f''(x)", C(derivedFn(f, [1, 1]), [x])],
    ['D[1,1,1](f)(x)', C(derivedFn(f, [1, 1, 1]), [x])],
    ['D[1](f)(x, y)', C(derivedFn(f, [1]), [x, y])],
    ['D[1,2](g)(x, y)', C(derivedFn(g, [1, 2]), [x, y])],
    ['D[1](D[2](g))(x, y)', C(derivedFn(derivedFn(g, [2]), [1]), [x, y])],
    ["`my f`'(x)", C(derivedFn(fn('my f'), [1]), [x])],
    ['Derivative(f(x), x, 1)', C(O.DERIVATIVE, [C(f, [x]), x, int(1)])],
    ['Integral(x^2, x, 0, 1)', C(O.INTEGRAL, [pow(x, int(2)), x, int(0), int(1)])],
    ['a = b', C(O.EQ, [a, b])],
    ['a != b', C(O.NE, [a, b])],
    ['1 + x <= 2*y', C(O.LE, [add([int(1), x]), mul([int(2), y])])],
    ['a >= b', C(O.GE, [a, b])],
    ['(a = b) = c', C(O.EQ, [C(O.EQ, [a, b]), c])],
    ['f(a = b)', C(f, [C(O.EQ, [a, b])])],
  ])('%s', (want, t) => {
    expect(print(t)).toBe(want);
    expect(parse(want)).toBe(t);
  });

  test('arguments print in their stored order', () => {
    const t = add([z, y, x]);
    expect(print(t)).toBe(t.args.map(print).join(' + '));
    expect(print(t)).toBe('x + y + z');
  });
});

describe('print: written terms keep their structure', () => {
  test.each<[string, Term]>([
    ['a - b', C(O.ADD, [a, C(O.NEG, [b])])],
    ['a + b - c', C(O.ADD, [a, b, C(O.NEG, [c])])],
    ['-a + b', C(O.ADD, [C(O.NEG, [a]), b])],
    ['a + (b + c)', C(O.ADD, [a, C(O.ADD, [b, c])])],
    ['(a + b) + c', C(O.ADD, [C(O.ADD, [a, b]), c])],
    ['a - (b - c)', C(O.ADD, [a, C(O.NEG, [C(O.ADD, [b, C(O.NEG, [c])])])])],
    ['a - -b', C(O.ADD, [a, C(O.NEG, [C(O.NEG, [b])])])],
    ['a - b*c', C(O.ADD, [a, C(O.NEG, [C(O.MUL, [b, c])])])],
    ['a + -b*c', C(O.ADD, [a, C(O.MUL, [C(O.NEG, [b]), c])])],
    ['-3', C(O.NEG, [int(3)])],
    ['-(-a)', C(O.NEG, [C(O.NEG, [a])])],
    ['-(a + b)', C(O.NEG, [C(O.ADD, [a, b])])],
    ['-(a*b)', C(O.NEG, [C(O.MUL, [a, b])])],
    ['-a*b', C(O.MUL, [C(O.NEG, [a]), b])],
    ['a*(-b)', C(O.MUL, [a, C(O.NEG, [b])])],
    ['-a^2', C(O.NEG, [C(O.POW, [a, int(2)])])],
    ['(-a)^2', C(O.POW, [C(O.NEG, [a]), int(2)])],
    ['x^(-1)', C(O.POW, [x, C(O.NEG, [int(1)])])],
    ['a*b*c', C(O.MUL, [a, b, c])],
    ['a*(b*c)', C(O.MUL, [a, C(O.MUL, [b, c])])],
    ['(a*b)*c', C(O.MUL, [C(O.MUL, [a, b]), c])],
    ['1*x', C(O.MUL, [int(1), x])],
    ['x*2', C(O.MUL, [x, int(2)])],
    ['2*3', C(O.MUL, [int(2), int(3)])],
    ['a*b/c', C(O.DIV, [C(O.MUL, [a, b]), c])],
    ['a/b*c', C(O.MUL, [C(O.DIV, [a, b]), c])],
    ['a*(b/c)', C(O.MUL, [a, C(O.DIV, [b, c])])],
    ['a/b/c', C(O.DIV, [C(O.DIV, [a, b]), c])],
    ['a/(b/c)', C(O.DIV, [a, C(O.DIV, [b, c])])],
    ['a/(b*c)', C(O.DIV, [a, C(O.MUL, [b, c])])],
    ['a/(-b)', C(O.DIV, [a, C(O.NEG, [b])])],
    ['-a/b', C(O.DIV, [C(O.NEG, [a]), b])],
    ['-(a/b)', C(O.NEG, [C(O.DIV, [a, b])])],
    ['(a/b)^c', C(O.POW, [C(O.DIV, [a, b]), c])],
    ['x^(1/2)', C(O.POW, [x, C(O.DIV, [int(1), int(2)])])],
    ['sqrt(x)', C(O.SQRT, [x])],
    ['e^x', C(O.POW, [e, x])],
    ['x!!', C(O.FACTORIAL, [C(O.FACTORIAL, [x])])],
    ['(-x)!', C(O.FACTORIAL, [C(O.NEG, [x])])],
    ['-x!', C(O.NEG, [C(O.FACTORIAL, [x])])],
    ['(a = b)*c', C(O.MUL, [C(O.EQ, [a, b]), c])],
    ['-a = b', C(O.EQ, [C(O.NEG, [a]), b])],
    ['0.5 + 2.0', C(O.ADD, [num(0.5), num(2)])],
  ])('%s', (want, t) => {
    expect(print(t)).toBe(want);
    expect(parse(want, { mode: 'written' })).toBe(t);
  });

  test('as-written - and / heads from other readers print too', () => {
    expect(print(C(O.SUB, [a, b]))).toBe('a - b');
    expect(print(C(O.SUB, [a, C(O.SUB, [b, c])]))).toBe('a - (b - c)');
  });
});

describe('print: names', () => {
  test.each<[string, string]>([
    ['x', 'x'],
    ['x_1', 'x_1'],
    ['α', 'α'],
    ['theta2', 'theta2'],
    ['D', 'D'],
    ['constructor', 'constructor'],
    ['__proto__', '__proto__'],
    ['_x', '_x'],
    ['my var', '`my var`'],
    ['', '``'],
    ['3', '`3`'],
    ['a`b', '`a\\`b`'],
    ['c\\d', '`c\\\\d`'],
    ['pi', '`pi`'],
    ['e', '`e`'],
    ['sin', '`sin`'],
    ['ln', '`ln`'],
    ['sqrt', '`sqrt`'],
    ['Derivative', '`Derivative`'],
    ['neg', '`neg`'],
    ['f(x)', '`f(x)`'],
  ])('symbol %j prints %s', (name, want) => {
    expect(nameText(name)).toBe(want);
    expect(print(sym(name))).toBe(want);
    expect(parse(want)).toBe(sym(name));
  });

  test('undefined functions with unusual names print in backquotes', () => {
    for (const [op, want] of [[fn('my f'), '`my f`(x)'], [fn('ln'), '`ln`(x)'], [fn('__proto__'), '__proto__(x)'], [fn('3'), '`3`(x)']] as const) {
      const t = C(op, [x]);
      expect(print(t)).toBe(want);
      expect(parse(want)).toBe(t);
    }
  });
});

describe('printWith', () => {
  test('works on another term representation (nested data)', () => {
    expect(printWith(nestedOps, nc('+', n('x'), nc('*', nq(-2), n('y'), nc('^', n('z'), nq(-1))), nc('pi')))).toBe('x - 2*y/z + pi');
    expect(printWith(nestedOps, nc('^', n('x'), nc('+', nq(1), n('y'))))).toBe('x^(1 + y)');
    expect(printWith(nestedOps, n('my var'))).toBe('`my var`');
  });

  test('writtenOps prints the same text as print', () => {
    const t = C(O.ADD, [a, C(O.NEG, [C(O.MUL, [b, c])])]);
    expect(printWith(writtenOps, t)).toBe(print(t));
  });

  test('a term 10,000 levels deep prints without exhausting the stack', () => {
    let t: Term = x;
    for (let i = 0; i < 9_999; i++) t = C(O.SIN, [t]);
    const s = print(t);
    expect(s.length).toBe(9_999 * 5 + 1);
    expect(parse(s)).toBe(t);
    let p: Term = x;
    for (let i = 0; i < 9_999; i++) p = C(O.POW, [y, p]);
    expect(parse(print(p))).toBe(p);
    let n: Term = x;
    for (let i = 0; i < 9_999; i++) n = C(i % 2 ? O.ADD : O.MUL, [n, y]);
    expect(parse(print(n), { mode: 'written' })).toBe(n);
  });
});
