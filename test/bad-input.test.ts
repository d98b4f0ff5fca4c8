import { describe, expect, test } from 'vitest';
import { sym, call } from '../src/term/term.js';
import { fn } from '../src/term/operator.js';
import { parse } from '../src/term/parse.js';
import { ParseError, LimitError, EquateError } from '../src/term/errors.js';
import { limits } from '../src/term/limits.js';
import { thrown, expectParseError } from './support/errors.js';

function failure(src: string, mode: 'canonical' | 'written' = 'canonical'): unknown {
  return thrown(() => parse(src, { mode }));
}

describe('every error names what and where', () => {
  test.each<[string, string, number]>([
    ['', 'empty input', 1],
    ['   ', 'empty input', 1],
    ['x +', "expected an expression after '+'", 4],
    ['sin(x + * 2)', "expected an expression after '+'", 8],
    ['x ^', "expected an expression after '^'", 4],
    ['2*(x + 1', "missing ')' to close '('", 3],
    ['(((x)', "missing ')' to close '('", 2],
    ['f(x', "missing ')' to close '('", 2],
    ['sin(x', "missing ')' to close '('", 4],
    [')', "unexpected ')'", 1],
    ['x + 1)', "unexpected ')'", 6],
    ['()', "expected an expression after '('", 2],
    ['f(x,)', "expected an expression after ','", 5],
    ['f(,x)', "expected an expression after '('", 3],
    ['x , y', "unexpected ','", 3],
    ['(x, y)', "unexpected ','", 3],
    ['* x', "unexpected '*'", 1],
    ['!x', "unexpected '!'", 1],
    ['[x]', "unexpected '['", 1],
    ['x ]', "unexpected ']'", 3],
    ['2 3', "missing operator before '3'", 3],
    ['x 2', "missing operator before '2'", 3],
    ['#', "unknown character '#'", 1],
    ['x @ y', "unknown character '@'", 3],
    ['x²', "unknown character '²'", 2],
    ['a\u0000', 'unknown character U+0000', 2],
    ['"x"', `unknown character '"'`, 1],
    ['`abc', "unterminated name: missing closing '`'", 1],
    ['x + `a\\`', "unterminated name: missing closing '`'", 5],
    ['1.2.3', "malformed number '1.2.3'", 1],
    ['1e999', 'number out of range: 1e999', 1],
    ['a = b = c', "unexpected '=' after a relation (relations do not chain)", 7],
    ['a < b <= c', "unexpected '<=' after a relation (relations do not chain)", 7],
    ['sin + 1', "expected '(' after the function name sin", 4],
    ['2 sin', "expected '(' after the function name sin", 6],
    ['ln x', "expected '(' after the function name ln", 3],
    ['Derivative', "expected '(' after the function name Derivative", 11],
    ['sin(x, y)', 'sin takes 1 argument, got 2', 1],
    ['x + sin()', 'sin takes 1 argument, got 0', 5],
    ['log(1, 2, 3)', 'log takes 1 to 2 arguments, got 3', 1],
    ['Derivative(f(x), x)', 'Derivative takes 3 arguments, got 2', 1],
    ['Integral(x)', 'Integral takes 2 to 4 arguments, got 1', 1],
    ["x'", "expected '(' after x'", 3],
    ["f'' + 1", "expected '(' after f''", 4],
    ["sin'(x)", 'sin is a built-in operator, not an undefined function', 1],
    ['`sin`(x)', 'sin is a built-in operator, not an undefined function', 1],
    ['D[1](sin)(x)', 'sin is a built-in operator, not an undefined function', 6],
    ['D[0](f)(x)', 'expected an argument index (1, 2, ...) in D[...]', 3],
    ['D[x](f)(x)', 'expected an argument index (1, 2, ...) in D[...]', 3],
    ['D[1 2](f)(x)', "expected ',' or ']' in D[...]", 5],
    ['D[1]', "expected '(' after D[1]", 5],
    ['D[1](f', "expected ')' to close 'D[1]('", 7],
    ['D[1](2)(x)', 'expected a function name in D[...](...)', 6],
    ['D[1](f) + 1', "expected '(' after D[1](f)", 9],
  ])('%j: %s at column %i', (src, what, column) => {
    for (const mode of ['canonical', 'written'] as const) {
      const pe = expectParseError(() => parse(src, { mode }), what, column);
      const [line, caret] = pe.excerpt.split('\n');
      expect(line).toBe(src.replace(/[\r\n\t]/g, ' '));
      expect(caret).toBe(' '.repeat(column - 1) + '^');
    }
  });

  test('the excerpt of a long input is a window around the error', () => {
    const src = 'x + '.repeat(100) + ')' + ' + y'.repeat(100);
    const pe = failure(src) as ParseError;
    expect(pe.message).toBe("expected an expression after '+' at column 400");
    const [line, caret] = pe.excerpt.split('\n');
    expect(line!.length).toBeLessThanOrEqual(66);
    expect(line![caret!.length - 1]).toBe(' ');
    expect(line!.slice(caret!.length)).toMatch(/^\)/);
  });

  test('errors are never TypeErrors or RangeErrors', () => {
    const junk = ['(', '((', ')(', '+', '-', '^', '=', ',', "'", '`', '[', ']', '!', 'D[', 'D[1', 'D[1](', "f'(", 'f(', 'sin(', '1e', '1e+', '.', '..', '2.', 'x^^y', 'x**', '**x', 'a==', '<=', '=>x', 'x=<y'];
    for (const src of junk) {
      for (const mode of ['canonical', 'written'] as const) {
        const err = failure(src, mode);
        if (err !== undefined) expect(err).toBeInstanceOf(EquateError);
      }
    }
  });
});

describe('deep nesting and long inputs: a clean error or a result, fast', () => {
  const n = 100_000;
  const cases: [string, string][] = [
    ['nested parentheses', '('.repeat(n) + 'x' + ')'.repeat(n)],
    ['unclosed parentheses', '('.repeat(n)],
    ['nested negations', '-('.repeat(n) + 'x' + ')'.repeat(n)],
    ['repeated unary minus', '-'.repeat(n) + 'x'],
    ['a tower of powers', 'x^'.repeat(n) + 'x'],
    ['a tower of numeric powers', '2^'.repeat(n) + '2'],
    ['nested calls', 'sin('.repeat(n) + 'x' + ')'.repeat(n)],
    ['nested undefined functions', 'f('.repeat(n) + 'x' + ')'.repeat(n)],
    ['repeated factorials', 'x' + '!'.repeat(n)],
    ['nested derivatives', 'D[1]('.repeat(n) + 'f' + ')'.repeat(n) + '(x)'],
    ['nested sums in parentheses', '(x + '.repeat(n) + 'x' + ')'.repeat(n)],
  ];
  test.each(cases)('%s', (_name, src) => {
    for (const mode of ['canonical', 'written'] as const) {
      const t0 = performance.now();
      const err = failure(src, mode);
      expect(performance.now() - t0).toBeLessThan(1_000);
      if (err !== undefined) {
        expect(err).not.toBeInstanceOf(RangeError);
        expect(err instanceof LimitError || err instanceof ParseError).toBe(true);
      }
    }
  });

  test('huge exact arguments stay symbolic instead of running away', () => {
    const t0 = performance.now();
    expect(parse('(10^400)!').op?.name).toBe('factorial');
    expect(parse('2^(10^9)').op?.name).toBe('^');
    expect(performance.now() - t0).toBeLessThan(1_000);
  });

  test('nested parentheses deeper than limits.maxDepth are a LimitError naming the depth', () => {
    const err = failure('('.repeat(n) + 'x' + ')'.repeat(n));
    expect(err).toBeInstanceOf(LimitError);
    expect((err as LimitError).limit).toBe('depth');
    expect((err as Error).message).toMatch(/nested deeper than 10000 levels at column 10001/);
  });

  test('nesting within the limit reads', () => {
    const k = 5_000;
    expect(parse('('.repeat(k) + 'x' + ')'.repeat(k))).toBe(sym('x'));
    const t = parse('sin('.repeat(k) + 'x' + ')'.repeat(k), { mode: 'written' });
    expect(t.depth).toBe(k + 1);
    expect(parse('-'.repeat(k + 1) + 'x')).toBe(parse('-x'));
  });

  test('inputs longer than limits.maxInputLength are rejected', () => {
    const saved = limits.maxInputLength;
    limits.maxInputLength = 1_000;
    try {
      const err = failure('x + '.repeat(300) + 'x');
      expect(err).toBeInstanceOf(LimitError);
      expect((err as LimitError).limit).toBe('input');
      expect((err as Error).message).toBe('input longer than 1000 characters');
      expect(parse('x + '.repeat(200) + 'x')).toBe(parse('201*x'));
    } finally {
      limits.maxInputLength = saved;
    }
  });

  test('a long flat input (1,000,000 characters) parses in linear time', () => {
    const src = Array.from({ length: 100_000 }, (_, i) => `${i % 9 + 1}*x_${i % 100}^${i % 3 + 1}`).join(' - ');
    expect(src.length).toBeGreaterThan(1_000_000);
    const t0 = performance.now();
    const t = parse(src);
    const w = parse(src, { mode: 'written' });
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(t.args.length).toBe(300);
    expect(w.args.length).toBe(100_000);
  });
});

describe('names that are properties of plain objects', () => {
  test.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'prototype'])('%s is an ordinary symbol and function name', (name) => {
    expect(parse(name)).toBe(sym(name));
    expect(parse(`${name}(x)`, { mode: 'written' })).toBe(call(fn(name), [sym('x')]));
    expect(parse(`\`${name}\``)).toBe(sym(name));
  });

  test('__proto__ is an ordinary name, with or without backquotes', () => {
    expect(parse('__proto__')).toBe(sym('__proto__'));
    expect(parse('`__proto__`')).toBe(sym('__proto__'));
    expect(parse('__proto__(x)')).toBe(call(fn('__proto__'), [sym('x')]));
  });
});
