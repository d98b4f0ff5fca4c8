import { describe, expect, test } from 'vitest';
import { exact } from '../src/term/number.js';
import { fn } from '../src/term/operator.js';
import { ADD, SIN, POW } from '../src/term/operators.js';
import { EquateError, ParseError } from '../src/term/errors.js';
import {
  parsePattern, printPattern, infixPatternSource, variables, isGround, pcall, pvar, psegment, pnum, psym, predicateNames, getPredicate,
  checkPattern, compileMatcher, type Pattern,
} from '../src/rewrite/index.js';
import { termOps } from '../src/term/interface.js';

describe('infix pattern text: variables become backquoted symbols for the parser', () => {
  test.each<[string, string]>([
    ['~x', '`?x`'],
    ['~x + 1', '`?x` + 1'],
    ['~~xs', '`?xs...`'],
    ['~n::isInteger * ~x', '`?n::isInteger` * `?x`'],
    ['f(~x, ~~ys::isNumber)', 'f(`?x`, `?ys...::isNumber`)'],
    ['~a - ~b', '`?a` - `?b`'],
    ['2~x', '2`?x`'],
    ['x + y', 'x + y'],
  ])('%s => %s', (src, out) => {
    expect(infixPatternSource(src)).toBe(out);
  });

  test.each(['~', '~ x', 'x + ~1', '~~'])('%s: a ~ without a name is a ParseError', (src) => {
    expect(() => infixPatternSource(src)).toThrow(ParseError);
  });
});

describe('reading patterns, one case a line: text, options => S-expression of the pattern', () => {
  test.each<[string, 'infix' | 'sexpr', 'canonical' | 'written', string]>([
    ['~x + 1', 'infix', 'canonical', '(+ 1 ?x)'],
    ['~x + 1', 'infix', 'written', '(+ ?x 1)'],
    ['~a - ~b', 'infix', 'canonical', '(+ ?a (* -1 ?b))'],
    ['~x + ~x', 'infix', 'canonical', '(* 2 ?x)'],
    ['~x + ~x', 'infix', 'written', '(+ ?x ?x)'],
    ['~x / ~y', 'infix', 'canonical', '(* ?x (^ ?y -1))'],
    ['2~x', 'infix', 'canonical', '(* 2 ?x)'],
    ['sin(~x)^2 + cos(~x)^2 + ~~rest', 'infix', 'written', '(+ (^ (sin ?x) 2) (^ (cos ?x) 2) ?rest...)'],
    ['~n::isInteger * ~x', 'infix', 'canonical', '(* ?n::isInteger ?x)'],
    ['f(~x, ~~ys::isNumber)', 'infix', 'canonical', '(f ?x ?ys...::isNumber)'],
    ['sqrt(~x)', 'infix', 'canonical', '(^ ?x 1/2)'],
    ['(+ ?x 0)', 'sexpr', 'written', '(+ ?x 0)'],
    ['(+ ?x 0)', 'sexpr', 'canonical', '?x'],
    ['(* 2 ?xs...::isNumber)', 'sexpr', 'canonical', '(* 2 ?xs...::isNumber)'],
    ['(f ?x pi)', 'sexpr', 'canonical', '(f ?x pi)'],
  ])('%s (%s, %s) => %s', (src, syntax, mode, out) => {
    expect(printPattern(parsePattern(src, { syntax, mode }))).toBe(out);
  });
});

describe('the pattern AST', () => {
  test('an S-expression pattern as data', () => {
    const f = fn('f');
    expect(parsePattern('(f ?x ?n::isInteger 3 y ?rest...)', { syntax: 'sexpr' })).toEqual(
      pcall(f, [pvar('x'), pvar('n', 'isInteger'), pnum(exact(3)), psym('y'), psegment('rest')]),
    );
  });

  test('patterns are frozen plain data', () => {
    const p = parsePattern('sin(~x)');
    expect(Object.isFrozen(p)).toBe(true);
    expect(p).toEqual({ type: 'call', op: SIN, args: [{ type: 'var', name: 'x', predicate: null }] });
  });

  test('variables in order of first occurrence', () => {
    expect(variables(parsePattern('(f ?x (g ?ys... ) ?x ?z)', { syntax: 'sexpr' }))).toEqual([
      { name: 'x', segment: false }, { name: 'ys', segment: true }, { name: 'z', segment: false },
    ]);
  });

  test('ground patterns', () => {
    expect(isGround(parsePattern('sin(x) + 1'))).toBe(true);
    expect(isGround(parsePattern('sin(~x) + 1'))).toBe(false);
  });

  test('printing reads back', () => {
    for (const src of ['(+ (^ (sin ?x) 2) (^ (cos ?x) 2) ?rest...)', '(f ?n::isInteger |a b| ?xs...::isNumber)', '(* -1/2 ?x pi)', '(sin 2.5)']) {
      const p = parsePattern(src, { syntax: 'sexpr', mode: 'written' });
      expect(parsePattern(printPattern(p), { syntax: 'sexpr', mode: 'written' })).toEqual(p);
    }
  });

  test('built-in predicates are registered', () => {
    expect(predicateNames()).toEqual(expect.arrayContaining(['isNumber', 'isInteger', 'isRational', 'isSymbol', 'isCall', 'isPositive', 'isNonzero']));
    expect(() => getPredicate('isBlue')).toThrow(/unknown predicate 'isBlue'/);
  });
});

/** A pattern checked for matching (as a matcher or a rule's left side checks it). */
function checked(src: string, mode: 'canonical' | 'written' = 'canonical'): Pattern {
  const p = parsePattern(src, { syntax: 'sexpr', mode });
  checkPattern(p);
  return p;
}

describe('bad patterns: a clear EquateError', () => {
  test.each<[string, () => Pattern, RegExp]>([
    ['unknown predicate', () => parsePattern('(f ?x::isBlue)', { syntax: 'sexpr' }), /unknown predicate 'isBlue'/],
    ['bad variable name', () => parsePattern('(f ?1x)', { syntax: 'sexpr' }), /bad pattern variable name '1x'/],
    ['bare ?', () => parsePattern('(f ?)', { syntax: 'sexpr' }), /bad pattern variable name ''/],
    ['segment alone', () => checked('?xs...'), /must be an argument of a call/],
    ['two segments in a sum', () => checked('(+ ?a... ?b...)', 'written'), /at most one segment variable per \+ call/],
    ['segment not last', () => checked('(f ?a... x)'), /must be the last argument of f/],
    ['nested segment not last', () => checked('(g (f ?a... x))'), /must be the last argument of f/],
    ['slot and segment of one name', () => parsePattern('(f ?x (g ?x...))', { syntax: 'sexpr' }), /both as a slot and as a segment/],
    ['too many arguments', () => pcall(SIN, [pvar('a'), pvar('b')]), /sin takes 1 argument, the pattern gives 2/],
    ['too few arguments', () => pcall(POW, [pvar('a')]), /\^ takes 2 arguments, the pattern gives 1/],
    ['bad name in a constructor', () => pvar('a b'), /bad pattern variable name/],
    ['infix segment alone', () => compileMatcher(termOps, parsePattern('~~xs')).pattern, /must be an argument of a call/],
  ])('%s', (_what, make, message) => {
    expect(make).toThrow(EquateError);
    expect(make).toThrow(message);
  });

  test('a segment is fine anywhere in a commutative call, and anywhere in a right side', () => {
    expect(() => checkPattern(pcall(ADD, [psegment('r'), pvar('x')]))).not.toThrow();
    expect(() => parsePattern('(f ?a... x ?b...)', { syntax: 'sexpr' })).not.toThrow();
  });
});
