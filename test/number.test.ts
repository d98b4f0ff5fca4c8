import { describe, expect, test } from 'vitest';
import * as N from '../src/term/number.js';
import { exact, formatValue, parseNumeral } from '../src/term/number.js';
import { limits } from '../src/term/limits.js';

const f = (s: string) => new N.Fraction(s);

describe('exact rationals', () => {
  test.each([
    ['1/3 + 1/6', N.add(f('1/3'), f('1/6')), '1/2'],
    ['2/3 * 3/4', N.mul(f('2/3'), f('3/4')), '1/2'],
    ['1/2 - 1/2', N.sub(f('1/2'), f('1/2')), '0'],
    ['(2/3)^-2', N.pow(f('2/3'), exact(-2)), '9/4'],
    ['8^(2/3)', N.pow(exact(8), f('2/3')), '4'],
    ['(4/9)^(1/2)', N.pow(f('4/9'), f('1/2')), '2/3'],
    ['(-8)^3', N.pow(exact(-8), exact(3)), '-512'],
    ['0^0', N.pow(exact(0), exact(0)), 'undefined'],
    ['0^2', N.pow(exact(0), exact(2)), '0'],
    ['0^-1', N.pow(exact(0), exact(-1)), 'undefined'],
    ['2^(1/2)', N.pow(exact(2), f('1/2')), 'undefined'],
    ['(-8)^(1/3)', N.pow(exact(-8), f('1/3')), 'undefined'],
    ['1/0', N.div(exact(1), exact(0)), 'undefined'],
    ['10!', N.factorial(exact(10)), '3628800'],
    ['(-1)!', N.factorial(exact(-1)), 'undefined'],
    ['(1/2)!', N.factorial(f('1/2')), 'undefined'],
  ])('%s', (_name, value, expected) => {
    expect(value === undefined ? 'undefined' : formatValue(value)).toBe(expected);
  });

  test('a perfect power of a big integer has an exact root', () => {
    const big = 3n ** 300n;
    expect(N.intRoot(big ** 3n, 3)).toBe(big);
    expect(N.intRoot(big ** 3n + 1n, 3)).toBeUndefined();
  });
});

describe('absurdly large results stay symbolic, quickly', () => {
  test.each([
    ['2^(10^9)', () => N.pow(exact(2), exact(10 ** 9))],
    ['2^(10^30)', () => N.pow(exact(2), f('1000000000000000000000000000000'))],
    ['100000!', () => N.factorial(exact(100000))],
    ['(3/7)^-(10^8)', () => N.pow(f('3/7'), exact(-(10 ** 8)))],
  ])('%s is undefined (no exact result)', (_name, run) => {
    const t0 = performance.now();
    expect(run()).toBeUndefined();
    expect(performance.now() - t0).toBeLessThan(100);
  });

  test('results within maxExactBits are computed', () => {
    expect(N.bitLength(N.pow(exact(2), exact(limits.maxExactBits - 10)) as N.Fraction)).toBeGreaterThan(limits.maxExactBits - 20);
  });
});

describe('floats are inexact and contagious', () => {
  test.each([
    ['0.5 + 1/3', N.add(0.5, f('1/3')), 0.5 + 1 / 3],
    ['2.0 * 3', N.mul(2, exact(3)), 6],
    ['2.0 ^ 0.5', N.pow(2, 0.5), Math.SQRT2],
  ])('%s', (_name, value, expected) => {
    expect(typeof value).toBe('number');
    expect(value).toBe(expected);
  });
  test('overflow is no result, not Infinity', () => {
    expect(N.mul(1e308, 10)).toBeUndefined();
    expect(N.pow(-2.0, 0.5)).toBeUndefined();
  });
  test('huge exact rationals convert to floats', () => {
    expect(N.toFloat(new N.Fraction(10n ** 400n, 10n ** 399n))).toBeCloseTo(10, 12);
    expect(N.toFloat(new N.Fraction(1n, 10n ** 400n))).toBe(0);
  });
});

describe('numerals', () => {
  test.each([
    ['42', true, '42'],
    ['0.5', false, '0.5'],
    ['2.', false, '2.0'],
    ['1e3', false, '1000.0'],
    ['0.1', true, '1/10'],
    ['2.50', true, '5/2'],
    ['1e-3', true, '1/1000'],
    ['123456789012345678901234567890', false, '123456789012345678901234567890'],
  ])('%s (exactDecimals %s) reads as %s', (text, exactDecimals, expected) => {
    expect(formatValue(parseNumeral(text, exactDecimals))).toBe(expected);
  });
});
