/**
 * Extraction: the worklist reaches the same costs as sweeping every e-node to a fixpoint;
 * tree size, depth and operator costs; any cost function; cycles; written and canonical
 * rebuilding; representatives.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { sym, int, call, type Term } from '../src/term/term.js';
import { fn } from '../src/term/operator.js';
import { parseSexpr, toSexpr } from '../src/term/sexpr.js';
import { print } from '../src/term/print.js';
import { EGraph } from '../src/egraph/egraph.js';
import { Extractor, extract, astSize, astDepth, operatorCost, representative, type CostFunction } from '../src/egraph/extract.js';
import { fgTermArb, egraphOf } from './support/egraph.js';

const W = (src: string): Term => parseSexpr(src, { mode: 'written' });
const F = fn('f');

/** Costs by sweeping every e-node until nothing changes (the slow way). */
function sweep(eg: EGraph, cost: CostFunction): Map<number, number> {
  const best = new Map<number, number>(eg.classes().map((c) => [c, Infinity]));
  for (let changed = true; changed;) {
    changed = false;
    for (const c of eg.classes()) {
      for (const n of eg.nodes(c)) {
        const kids = eg.nodeChildren(n).map((k) => best.get(k)!);
        if (kids.some((k) => k === Infinity)) continue;
        const k = cost(eg, n, kids);
        if (k < best.get(c)!) {
          best.set(c, k);
          changed = true;
        }
      }
    }
  }
  return best;
}

describe('costs', () => {
  const termArb = fgTermArb([sym('a'), sym('b'), int(1)]);

  test.each([['astSize', astSize], ['astDepth', astDepth], ['operatorCost', operatorCost]] as const)('the worklist agrees with sweeping (%s)', (_name, cost) => {
    fc.assert(fc.property(fc.array(termArb, { minLength: 1, maxLength: 8 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }), (terms, unions) => {
      const eg = egraphOf(terms, unions);
      const ex = new Extractor(eg, cost);
      const expected = sweep(eg, cost);
      for (const c of eg.classes()) {
        expect(ex.cost(c)).toBe(expected.get(c));
        if (ex.cost(c) < Infinity) {
          const t = ex.term(c);
          expect(eg.find(eg.lookup(t))).toBe(c); // the term is in the class
        }
      }
    }), { numRuns: 200 });
  });
});

describe('extraction', () => {
  test('the smallest term, the shallowest term', () => {
    const eg = new EGraph();
    const a = eg.add(W('(+ (* x 1) (+ 0 y))'));
    eg.union(a, eg.add(W('(g (g (g (g (g (g (g z)))))))')));
    eg.union(a, eg.add(W('(+ (+ (+ (+ p q) r) s) t)')));
    eg.rebuild();
    expect(toSexpr(extract(eg, a).term)).toBe('(+ (* x 1) (+ 0 y))');
    expect(extract(eg, a).cost).toBe(7);
    expect(toSexpr(extract(eg, a, { cost: astDepth }).term)).toBe('(+ (* x 1) (+ 0 y))');
    const deep = eg.add(W('(g (g (g (g (g (g (g (g w))))))))'));
    eg.union(deep, eg.add(W('(+ (+ (+ (+ a b) c) d) e)')));
    eg.rebuild();
    expect(extract(eg, deep, { cost: astSize }).cost).toBe(9);
    expect(toSexpr(extract(eg, deep, { cost: astDepth }).term)).toBe('(+ (+ (+ (+ a b) c) d) e)');
  });

  test('operator costs: a division is dearer than a multiplication', () => {
    const eg = new EGraph();
    const a = eg.add(W('(/ x 2)'));
    eg.union(a, eg.add(W('(* x 1/2)')));
    eg.rebuild();
    expect(toSexpr(extract(eg, a, { cost: operatorCost }).term)).toBe('(* x 1/2)');
    expect(toSexpr(extract(eg, a, { cost: astSize }).term)).toBe('(/ x 2)');
  });

  test('a user cost function', () => {
    const noSin: CostFunction = (e, n, kids) => (e.nodeOperator(n)?.name === 'sin' ? 1000 : 1) + kids.reduce((s, k) => s + k, 0);
    const eg = new EGraph();
    const a = eg.add(W('(sin x)'));
    eg.union(a, eg.add(W('(cos (- (/ pi 2) x))')));
    eg.rebuild();
    expect(toSexpr(extract(eg, a, { cost: noSin }).term)).toBe('(cos (- (/ pi 2) x))');
  });

  test('cycles: a class equal to a call of itself still has its leaf', () => {
    const eg = new EGraph();
    const x = eg.add(sym('x'));
    const fx = eg.add(W('(g x)'));
    eg.union(x, fx); // x = g(x) = g(g(x)) = ...
    eg.rebuild();
    expect(toSexpr(extract(eg, fx).term)).toBe('x');
    const e2 = new EGraph();
    const y = e2.add(W('(g y)'));
    e2.union(y, e2.add(W('(g (g y))')));
    e2.rebuild();
    expect(e2.nodes(y).length).toBe(2); // (g y) and (g <itself>)
    expect(toSexpr(extract(e2, y).term)).toBe('(g y)');
  });

  test('written and canonical rebuilding', () => {
    const eg = new EGraph();
    const a = eg.add(W('(+ x x 1)'));
    expect(print(extract(eg, a).term)).toBe('x + x + 1');
    expect(print(extract(eg, a, { mode: 'canonical' }).term)).toBe('1 + 2*x');
    const ex = new Extractor(eg);
    expect(ex.bestNode(a)).toBe(eg.nodes(a)[0]);
    expect(ex.has(a)).toBe(true);
    expect(() => ex.term(-5)).toThrow('no e-class with id -5');
  });

  test('shared subterms are rebuilt once (a DAG of terms)', () => {
    let t: Term = sym('x');
    for (let i = 0; i < 60; i++) t = call(F, [t, t]); // 2^60 nodes as a tree
    const eg = new EGraph();
    const id = eg.add(t);
    const r = extract(eg, id);
    expect(r.term).toBe(t);
    expect(r.cost).toBe(2 ** 61 - 1);
  });

  test('representatives survive later growth and follow merges', () => {
    const eg = new EGraph();
    const a = eg.add(W('(+ (* b 1) 0)'));
    expect(toSexpr(representative(eg, a))).toBe('(+ (* b 1) 0)');
    eg.union(a, eg.add(sym('b')));
    const t = representative(eg, a);
    expect(eg.find(eg.lookup(t))).toBe(eg.find(a));
    eg.add(W('(h q)'));
    expect(toSexpr(representative(eg, eg.lookup(W('(h q)'))))).toBe('(h q)');
  });
});
