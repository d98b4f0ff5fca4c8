/**
 * E-matching: the generated matchers against a naive backtracking matcher on random
 * e-graphs, and a table of pattern features (ground parts, repeated variables, typed slots,
 * segments, n-ary calls, limits).
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { sym, int, call, type Term } from '../src/term/term.js';
import { fn } from '../src/term/operator.js';
import { ADD } from '../src/term/operators.js';
import { parseSexpr } from '../src/term/sexpr.js';
import { parsePattern, pcall, pvar, type Pattern } from '../src/rewrite/index.js';
import { EGraph } from '../src/egraph/egraph.js';
import { compilePattern, groundClass, type Matches } from '../src/egraph/ematch.js';
import { fgTermArb, egraphOf } from './support/egraph.js';

const W = (src: string): Term => parseSexpr(src, { mode: 'written' });
const P = (src: string): Pattern => parsePattern(src, { syntax: 'sexpr', mode: 'written' });
const F = fn('f'), G = fn('g');

/** Every match as text `class|x=id,y=id`, sorted. */
function shown(ms: Matches, eg: EGraph): string[] {
  const names = [...ms.index.keys()];
  const out: string[] = [];
  for (let i = 0; i < ms.count; i++) {
    out.push(`${eg.find(ms.eclass(i))}|${names.map((n) => `${n}=${eg.find(ms.get(i, n))}`).join(',')}`);
  }
  return out.sort();
}

/** A matcher written the obvious way: backtracking over classes and their nodes. */
function naive(eg: EGraph, p: Pattern): string[] {
  const out: string[] = [];
  const go = (q: Pattern, c: number, s: Map<string, number>, k: (s: Map<string, number>) => void): void => {
    switch (q.type) {
      case 'var': {
        const b = s.get(q.name);
        if (b === undefined) k(new Map(s).set(q.name, c));
        else if (b === c) k(s);
        return;
      }
      case 'number':
      case 'symbol': {
        if (groundClass(eg, q) === c) k(s);
        return;
      }
      case 'call': {
        for (const n of eg.nodes(c)) {
          if (eg.nodeOperator(n) !== q.op || eg.nodeArity(n) !== q.args.length) continue;
          const kids = eg.nodeChildren(n);
          const step = (i: number, s2: Map<string, number>): void => {
            if (i === kids.length) k(s2);
            else go(q.args[i]!, kids[i]!, s2, (s3) => step(i + 1, s3));
          };
          step(0, s);
        }
        return;
      }
      default: throw new Error('segments are not in the naive matcher');
    }
  };
  const names = compilePattern(p).variables.map((v) => v.name);
  for (const c of eg.classes()) go(p, c, new Map(), (s) => out.push(`${c}|${names.map((n) => `${n}=${s.get(n)}`).join(',')}`));
  return out.sort();
}

describe('generated matchers agree with a naive matcher', () => {
  const termArb = fgTermArb([sym('a'), sym('b'), int(0), int(1)]);
  const patArb = fc.letrec<{ p: Pattern }>((tie) => ({
    p: fc.oneof({ depthSize: 'small' }, fc.constantFrom<Pattern>(pvar('x'), pvar('y'), pvar('z'), P('0'), P('a')),
      fc.tuple(tie('p'), tie('p')).map(([x, y]) => pcall(F, [x, y])), tie('p').map((x) => pcall(G, [x]))),
  })).p;

  test('on random e-graphs with random unions', () => {
    fc.assert(fc.property(fc.array(termArb, { minLength: 1, maxLength: 8 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }), patArb, (terms, unions, p) => {
      const eg = egraphOf(terms, unions);
      expect(shown(compilePattern(p).search(eg), eg)).toEqual(naive(eg, p));
    }), { numRuns: 300 });
  });
});

describe('pattern features', () => {
  const eg = new EGraph();
  const root = eg.add(W('(+ (f a a) (f a b) (g (f 2 a)) (f 2 (g 3)))'));
  eg.union(eg.add(W('(f a b)')), eg.add(W('(g a)')));
  eg.rebuild();
  const count = (src: string): number => compilePattern(P(src)).search(eg).count;

  test.each([
    ['(f ?x ?y)', 4],
    ['(f ?x ?x)', 1], // repeated variable
    ['(f a ?y)', 2], // ground child
    ['(f 2 ?y)', 2],
    ['(f ?x::isInteger ?y)', 2], // typed slot
    ['(f ?x::isSymbol ?y)', 2],
    ['(g (f ?x ?y))', 1], // the class of (f 2 a)
    ['(g ?x)', 3], // (g (f 2 a)), (g 3) and (g a) which joined (f a b)
    ['(+ ?a ?b ?c ?d)', 1], // n-ary: arity must agree
    ['(+ ?a ?b)', 0],
    ['(+ ?a ?rest...)', 1], // a segment takes the rest
    ['(+ ?rest... (f 2 ?y))', 1],
    ['(+ ?a ?rest... ?b)', 1],
    ['(f a b)', 1], // ground pattern: its class
    ['(f b b)', 0],
    ['?x', eg.classCount],
    ['?x::isInteger', 2], // the classes of 2 and 3
  ])('%s matches %i times', (src, n) => {
    expect(count(src)).toBe(n);
  });

  test('segments give their runs of classes', () => {
    const ms = compilePattern(P('(+ ?a ?rest... ?b)')).search(eg);
    expect(ms.eclass(0)).toBe(eg.find(root));
    expect(ms.getSegment(0, 'rest').length).toBe(2);
    expect(ms.get(0, 'b')).toBe(eg.lookup(W('(f 2 (g 3))')));
  });

  test('limits, searching one class, matchesIn', () => {
    const p = compilePattern(P('(f ?x ?y)'));
    expect(p.search(eg, 2).count).toBe(2);
    expect(p.searchClass(eg, eg.lookup(W('(g a)')), Infinity).count).toBe(1);
    expect(p.matchesIn(eg, root)).toBe(false);
    expect(compilePattern(P('(+ ?a ?b ?c ?d)')).matchesIn(eg, root)).toBe(true);
  });

  test('compiled once per pattern object; the search source is inspectable', () => {
    const p = P('(f ?x (g ?x))');
    expect(compilePattern(p)).toBe(compilePattern(p));
    expect(compilePattern(p).source).toContain('for (let i0');
  });

  test('a search on an e-graph that is not rebuilt rebuilds it first', () => {
    const e2 = new EGraph();
    const a = e2.add(W('(f x y)')), b = e2.add(W('(f x z)'));
    e2.union(e2.add(sym('y')), e2.add(sym('z')));
    expect(compilePattern(P('(f x ?v)')).search(e2).count).toBe(1);
    expect(e2.find(a)).toBe(e2.find(b));
  });

  test('canonical n-ary terms match canonical patterns argument by argument', () => {
    const e2 = new EGraph();
    const t = e2.add(call(ADD, [int(1), sym('x'), sym('y')]));
    const ms = compilePattern(parsePattern('1 + ~a + ~b')).search(e2);
    expect(ms.count).toBe(1);
    expect(ms.eclass(0)).toBe(t);
  });
});
