/**
 * The e-graph core: hash-consing, union-find, deferred rebuilding (congruence), lookups,
 * counts, the constant-folding analysis, another term representation, deep terms.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { sym, int, num, call, type Term } from '../src/term/term.js';
import { ADD, MUL, SIN } from '../src/term/operators.js';
import { parseSexpr } from '../src/term/sexpr.js';
import { exact, formatValue } from '../src/term/number.js';
import { EGraph } from '../src/egraph/egraph.js';
import { UnionFind } from '../src/egraph/unionfind.js';
import { NodeTable } from '../src/egraph/memo.js';
import { constantFolding, classConstant } from '../src/egraph/constant-folding.js';
import type { Analysis } from '../src/egraph/analysis.js';
import { nestedOps, s, q, c, type Nested } from './support/nested.js';

const W = (src: string): Term => parseSexpr(src, { mode: 'written' });

describe('union-find', () => {
  test('makeSet, union, find with path halving', () => {
    const uf = new UnionFind(4);
    const ids = Array.from({ length: 100 }, () => uf.makeSet());
    expect(ids).toEqual([...Array(100).keys()]);
    for (let i = 1; i < 100; i++) uf.union(i, i - 1); // a chain 0 -> 1 -> ... -> 99
    expect(uf.find(0)).toBe(99);
    expect(uf.findConst(0)).toBe(99);
    // halving shortened the path
    let steps = 0;
    for (let x = 0; uf.parents[x] !== x; x = uf.parents[x]!) steps++;
    expect(steps).toBeLessThan(60);
  });
});

describe('hash-consing table', () => {
  test('get, set (replacing), growth, clear', () => {
    const m = new NodeTable(4);
    const key = new Int32Array(3);
    for (let i = 0; i < 5000; i++) {
      key[0] = i; key[1] = i * 7; key[2] = -i;
      expect(m.set(i % 13, key, 0, 3, i)).toBe(-1);
    }
    expect(m.size).toBe(5000);
    key[0] = 42; key[1] = 294; key[2] = -42;
    expect(m.get(42 % 13, key, 0, 3)).toBe(42);
    expect(m.get(42 % 13, key, 0, 2)).toBe(-1);
    expect(m.set(42 % 13, key, 0, 3, 7)).toBe(42);
    expect(m.get(42 % 13, key, 0, 3)).toBe(7);
    m.clear();
    expect(m.get(42 % 13, key, 0, 3)).toBe(-1);
  });
});

describe('e-graph', () => {
  test('adding a term twice gives the same class; subterms are shared', () => {
    const eg = new EGraph();
    const a = eg.add(W('(+ (* x y) (* x y))'));
    expect(eg.add(W('(+ (* x y) (* x y))'))).toBe(a);
    expect(eg.classCount).toBe(4); // x, y, (* x y), (+ ...)
    expect(eg.nodeCount).toBe(4);
    expect(eg.lookup(W('(* x y)'))).toBeGreaterThanOrEqual(0);
    expect(eg.lookup(W('(* y x)'))).toBe(-1);
    expect(eg.lookup(sym('z'))).toBe(-1);
  });

  test("egg's rebuild example: congruence appears after rebuild", () => {
    const eg = new EGraph();
    const x = eg.add(sym('x'));
    const y = eg.add(sym('y'));
    const ax = eg.add(W('(+ a x)'));
    const ay = eg.add(W('(+ a y)'));
    expect(eg.union(x, y)).toBe(true);
    expect(eg.union(x, y)).toBe(false);
    expect(eg.classCount).toBe(4);
    expect(eg.find(ax)).not.toBe(eg.find(ay));
    expect(eg.isClean).toBe(false);
    expect(eg.rebuild()).toBe(1);
    expect(eg.isClean).toBe(true);
    expect(eg.classCount).toBe(3);
    expect(eg.find(ax)).toBe(eg.find(ay));
    expect(eg.nodeCount).toBe(4); // a, x, y, one (+ a x) after deduplication
  });

  test('congruence propagates upwards through many levels', () => {
    const eg = new EGraph();
    let t1: Term = sym('a'), t2: Term = sym('b');
    for (let i = 0; i < 50; i++) {
      t1 = call(SIN, [t1]);
      t2 = call(SIN, [t2]);
    }
    const r1 = eg.add(t1), r2 = eg.add(t2);
    eg.union(eg.add(sym('a')), eg.add(sym('b')));
    eg.rebuild();
    expect(eg.find(r1)).toBe(eg.find(r2));
    expect(eg.classCount).toBe(51);
  });

  test('addNode, lookupNode, nodes and their parts', () => {
    const eg = new EGraph();
    const x = eg.add(sym('x'));
    const one = eg.add(int(1));
    const p = eg.addNode(ADD, [x, one]);
    expect(eg.lookupNode(ADD, [x, one])).toBe(p);
    expect(eg.lookupNode(ADD, [one, x])).toBe(-1);
    const [n] = eg.nodes(p);
    expect(eg.nodeOperator(n!)).toBe(ADD);
    expect(eg.nodeArity(n!)).toBe(2);
    expect(eg.nodeChildren(n!)).toEqual([x, one]);
    expect(eg.nodeLeaf(eg.nodes(x)[0]!)).toBe(sym('x'));
    expect(eg.parents(x)).toEqual([n]);
    expect(() => eg.addNode(SIN, [x, x])).toThrow('sin takes 1 argument, got 2');
    expect(() => eg.find(99)).toThrow('no e-class with id 99');
  });

  test('classes are sorted by operator and deduplicated after rebuild', () => {
    const eg = new EGraph();
    const ids = ['(+ a b)', '(* a b)', 'c', '(sin a)', '(+ b a)'].map((t) => eg.add(W(t)));
    for (const id of ids) eg.union(ids[0]!, id);
    eg.union(eg.add(sym('a')), eg.add(sym('b')));
    eg.rebuild();
    const codes = eg.nodes(ids[0]!).map((n) => eg.nodeCode(n));
    expect(codes).toEqual([...codes].sort((x, y) => x - y));
    // (+ a b) and (+ b a) are now the same e-node (+ a a)
    expect(eg.nodes(ids[0]!).length).toBe(4);
    expect(eg.nodeCount).toBe(eg.classes().reduce((n, k) => n + eg.nodes(k).length, 0));
  });

  test('the class count is the number of distinct finds', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(30), fc.nat(30)), { maxLength: 40 }), (pairs) => {
      const eg = new EGraph();
      const ids = Array.from({ length: 31 }, (_, i) => eg.add(W(`(f x${i % 7} ${i})`)));
      for (const [a, b] of pairs) eg.union(ids[a]!, ids[b]!);
      eg.rebuild();
      expect(eg.classCount).toBe(eg.classes().length);
      expect(new Set(ids.map((i) => eg.find(i))).size).toBeLessThanOrEqual(31);
    }), { numRuns: 50 });
  });

  test('a term nested 10,000 deep is added and looked up without recursion', () => {
    let t: Term = sym('x');
    for (let i = 0; i < 9_999; i++) t = call(SIN, [t]);
    const eg = new EGraph();
    const id = eg.add(t);
    expect(eg.classCount).toBe(10_000);
    expect(eg.lookup(t)).toBe(id);
  });

  test('floats and exact numbers are different leaves', () => {
    const eg = new EGraph();
    expect(eg.add(num(2))).not.toBe(eg.add(int(2)));
    expect(eg.add(num(exact(1, 2)))).toBe(eg.add(num(exact(2, 4))));
  });

  test('a second term representation (nested arrays, not interned)', () => {
    const eg = new EGraph<unknown, Nested>({ ops: nestedOps });
    const a = eg.add(c('+', s('x'), q(1)));
    expect(eg.add(c('+', s('x'), q(1)))).toBe(a);
    expect(eg.add(c('+', s('x'), 1))).not.toBe(a); // the float 1.0
    expect(eg.lookup(c('+', s('x'), q(2, 2)))).toBe(a);
    eg.union(eg.add(s('x')), eg.add(s('y')));
    eg.rebuild();
    expect(eg.lookup(c('+', s('y'), q(1)))).toBe(a);
  });
});

describe('analyses', () => {
  test('constant folding with exact rationals, pruning the folded class', () => {
    const eg = new EGraph({ analysis: constantFolding() });
    const id = eg.add(W('(+ 1 (* (/ 1 3) 3))'));
    expect(formatValue(eg.data(id)!)).toBe('2');
    expect(eg.find(eg.add(int(2)))).toBe(eg.find(id));
    expect(eg.nodes(id).map((n) => eg.nodeLeaf(n))).toEqual([int(2)]); // pruned to the leaf
    expect(classConstant(eg, id)).toEqual(exact(2));
    // no exact value: kept symbolic
    expect(eg.data(eg.add(W('(sqrt 2)')))).toBe(null);
    expect(eg.data(eg.add(W('(/ 1 0)')))).toBe(null);
    // floats fold with float evaluation
    expect(eg.data(eg.add(W('(sin 0.5)')))).toBeCloseTo(Math.sin(0.5), 15);
    // symbols and undefined functions do not fold
    expect(eg.data(eg.add(W('(f 1)')))).toBe(null);
  });

  test('a union that makes a class constant folds its parents at rebuild', () => {
    const eg = new EGraph({ analysis: constantFolding({ prune: false }) });
    const top = eg.add(W('(* 2 (+ x 1))'));
    expect(eg.data(top)).toBe(null);
    eg.union(eg.add(sym('x')), eg.add(int(4)));
    eg.rebuild();
    expect(formatValue(eg.data(top)!)).toBe('10');
    expect(eg.find(top)).toBe(eg.find(eg.add(int(10))));
    expect(eg.nodes(top).length).toBe(2); // not pruned: (* 2 ...) and 10
  });

  test('classConstant reads number leaves without the analysis', () => {
    const eg = new EGraph();
    const a = eg.add(W('(+ x 1)'));
    expect(classConstant(eg, a)).toBe(null);
    eg.union(a, eg.add(int(5)));
    expect(classConstant(eg, a)).toEqual(exact(5));
  });

  test('a user analysis: the least depth of a term of the class', () => {
    const depth: Analysis<number> = {
      make: (eg, n) => 1 + eg.nodeChildren(n).reduce((d, k) => Math.max(d, eg.data(k)), 0),
      merge: (a, b) => (a <= b ? a : b),
    };
    const eg = new EGraph({ analysis: depth });
    const deep = eg.add(W('(sin (sin (sin x)))'));
    const top = eg.add(W('(+ (sin (sin (sin x))) y)'));
    expect(eg.data(deep)).toBe(4);
    expect(eg.data(top)).toBe(5);
    eg.union(deep, eg.add(sym('z')));
    eg.rebuild();
    expect(eg.data(deep)).toBe(1);
    expect(eg.data(top)).toBe(2);
  });
});

test('ADD and MUL nodes keep their arity (no flattening)', () => {
  const eg = new EGraph();
  const three = eg.add(call(ADD, [sym('a'), sym('b'), sym('c')]));
  const two = eg.add(call(ADD, [call(ADD, [sym('a'), sym('b')]), sym('c')]));
  expect(three).not.toBe(two);
  expect(eg.nodeArity(eg.nodes(three)[0]!)).toBe(3);
  expect(eg.add(call(MUL, [sym('a'), sym('b')]))).not.toBe(eg.add(call(MUL, [sym('b'), sym('a')])));
});
