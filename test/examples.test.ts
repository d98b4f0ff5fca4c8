/** The `@example`s of the term core, the public entry and `simplify`, run as written in their doc comments. */
import { describe, expect, test } from 'vitest';
import {
  sym, num, int, exact, fn, ops, add, mul, pow, div, canonicalize, recordCancellations, parse, print, simplify, diff,
  simplifyClassic, equivalent, parseLatexEquations, verifyDerivation, isPositive, isReal, isNonnegative, isNonzero, isNegative, isIntegerValued, withDomain, sumRule, productRule,
} from '../src/index.js';
import * as N from '../src/term/number.js';
import { seededRandom } from '../src/term/random.js';

const x = sym('x');

describe('doc examples', () => {
  test('term.ts', () => {
    expect(sym('x') === sym('x')).toBe(true);
    expect(num(exact(1, 2)) === num(exact(2, 4))).toBe(true);
  });
  test('number.ts', () => {
    expect(N.formatValue(N.add(exact(1, 3), exact(1, 6))!)).toBe('1/2');
  });
  test('operator.ts', () => {
    expect(fn('f') === fn('f')).toBe(true);
    expect(ops.SIN.arityMessage(2)).toBe('sin takes 1 argument, got 2');
  });
  test('canonical.ts', () => {
    const { result, nonzero } = recordCancellations(() => div(x, x));
    expect([print(result), nonzero]).toEqual(['1', [x]]);
    expect(print(add([x, x, int(1)]))).toBe('1 + 2*x');
    expect(print(mul([x, x, int(3)]))).toBe('3*x^2');
    expect(print(pow(int(8), num(exact(2, 3))))).toBe('4');
    expect(print(canonicalize(parse('x + x', { mode: 'written' })))).toBe('2*x');
  });
  test('simplify.ts', () => {
    expect(print(simplify(parse('x + x - 2*y/2', { mode: 'written' }), { engine: 'canonical' }))).toBe('2*x - y');
    expect(print(simplify(parse('cos(x)^2 + 1 + sin(x)^2')))).toBe('2');
    expect(print(simplify(parse('exp(a)*exp(-a)')))).toBe('1');
    expect(print(simplify(parse('cos(x)^2 + 1 + sin(x)^2'), { engine: 'egraph' }))).toBe('2');
  });
  test('term/random.ts', () => {
    const a = seededRandom(1), b = seededRandom(1);
    const first = [a(), a(), a()];
    expect(first[0]).toBeCloseTo(0.627, 3);
    expect([b(), b(), b()]).toEqual(first);
  });
  test('parseLatex from the index', () => {
    expect(print(parseLatexEquations('\\frac{d}{d a} \\eta{(a)} = \\cos^{2}{(a)}')[0]!)).toBe('Derivative(eta(a), a, 1) = cos(a)^2');
  });
  test('README: verifying a derivation', () => {
    const report = verifyDerivation([
      '\\eta{(a)} = e^{a}',
      '\\frac{d}{d a} \\eta{(a)} = \\frac{d}{d a} e^{a}',
      '\\frac{d}{d a} \\eta{(a)} = e^{a}',
      '\\frac{d}{d a} \\eta{(a)} = 2 \\eta{(a)}',
    ]);
    expect(report.steps.map((s) => s.status)).toEqual(['premise', 'valid', 'valid', 'invalid']);
    expect(report.steps[1]!.justification).toEqual({ rule: 'differentiate', from: [1], detail: 'a' });
    const c = report.steps[3]!.counterexample!;
    expect(c.rhs).toBeCloseTo(2 * c.lhs, 9);
  });
  test('equivalent.ts', () => {
    expect(equivalent(parse('(x + 1)^2'), parse('x^2 + 2*x + 1')).result).toBe(true);
    expect(equivalent(parse('sin(x)'), parse('cos(x)')).counterexample).not.toBe(null);
    expect(equivalent(parse('exp(a)*exp(-a)'), parse('1')).method).toBe('egraph');
  });
  test('rewrite/domain.ts', () => {
    expect(isPositive(parse('exp(x) + 1'))).toBe(false);
    expect(withDomain({ real: true }, () => isPositive(parse('exp(x) + 1')))).toBe(true);
    expect(withDomain({ real: true }, () => isReal(parse('x')))).toBe(true);
    expect(isReal(sym('x', ['real']))).toBe(true);
    expect(isPositive(parse('exp(2)'))).toBe(true);
    expect(isNonnegative(parse('abs(x)'))).toBe(true);
    expect(isNonzero(parse('exp(x)'))).toBe(true);
    expect(isNegative(int(-2))).toBe(true);
    expect(isIntegerValued(sym('n', ['integer']))).toBe(true);
  });
  test('rewrite/simplifier.ts and the rule families', () => {
    const r = simplifyClassic(parse('x/x', { mode: 'written' }));
    expect([print(r.term), r.nonzero.map(print), r.stopped]).toEqual(['1', ['x'], 'fixpoint']);
    expect(print(simplifyClassic(parse('sqrt(x^2)'), { real: true }).term)).toBe('abs(x)');
    expect(print(simplify(parse('log(exp(x))')))).toBe('log(exp(x))');
    expect(print(simplify(parse('log(exp(x))'), { real: true }))).toBe('x');
    expect(withDomain({ real: true }, () => print(simplify(parse('sqrt(x^2)'))))).toBe('abs(x)');
    expect(sumRule('noop', () => null).apply(parse('a + b'))).toBe(null);
    expect(productRule('noop', () => null).apply(parse('a * b'))).toBe(null);
  });
  test('index.ts', () => {
    expect(print(diff(parse('x^3 + sin(x)'), sym('x')))).toBe('3*x^2 + cos(x)');
  });
});
