/** Simplifying and proving in one call, and the Graphviz export. */
import { describe, expect, test } from 'vitest';
import { sym, type Term } from '../src/term/term.js';
import { parseSexpr, toSexpr } from '../src/term/sexpr.js';
import { parse } from '../src/term/parse.js';
import { print } from '../src/term/print.js';
import { rule, theory } from '../src/rewrite/index.js';
import { EGraph, egraphSimplify, egraphEquivalent, toDot, SimpleScheduler, operatorCost } from '../src/egraph/index.js';

const S = { syntax: 'sexpr', mode: 'written' } as const;
const W = (src: string): Term => parseSexpr(src, { mode: 'written' });
const arith = theory('arith', [
  rule('zero', '(+ ?a 0) --> ?a', S),
  rule('one', '(* ?a 1) --> ?a', S),
  rule('comm-add', '(+ ?a ?b) --> (+ ?b ?a)', S),
  rule('comm-mul', '(* ?a ?b) --> (* ?b ?a)', S),
  rule('distribute', '(* ?a (+ ?b ?c)) == (+ (* ?a ?b) (* ?a ?c))', S),
]);

describe('egraphSimplify', () => {
  test.each([
    ['(+ 0 x)', 'x'],
    ['(* (+ a 0) 1)', 'a'],
    ['(+ (* 2 3) x)', '(+ 6 x)'], // constant folding
    ['(+ (* a b) (* a c))', '(* a (+ b c))'],
  ])('%s is %s', (src, want) => {
    expect(toSexpr(egraphSimplify(W(src), arith).term)).toBe(want);
  });

  test('options: no analysis, limits, scheduler, cost, canonical rebuilding', () => {
    expect(toSexpr(egraphSimplify(W('(+ (* 2 3) x)'), arith, { analysis: null }).term)).toBe('(+ (* 2 3) x)');
    const r = egraphSimplify(W('(* a (+ b c))'), arith, { iterLimit: 1, nodeLimit: 100, timeLimit: 1000, memoryLimit: 2 ** 31, scheduler: new SimpleScheduler(), cost: operatorCost });
    expect(r.runner.iterations.length).toBe(2);
    expect(r.cost).toBe(4); // one product, one sum
    expect(print(egraphSimplify(W('(+ x x)'), arith, { mode: 'canonical' }).term)).toBe('2*x');
  });
});

describe('egraphEquivalent', () => {
  test('proved equal, with the goal as stop reason', () => {
    const r = egraphEquivalent(W('(* (+ x 1) y)'), W('(+ y (* x y))'), arith);
    expect(r.equal).toBe(true);
    expect(r.runner.stopReason).toBe('goal');
  });

  test('not proved', () => {
    const r = egraphEquivalent(W('(+ x 1)'), W('(+ x 2)'), arith);
    expect(r.equal).toBe(false);
    expect(r.runner.stopReason).toBe('saturated');
  });

  test('canonical terms and rules', () => {
    const r = egraphEquivalent(parse('sin(x)^2 + cos(x)^2'), parse('1'), [rule('pythagoras', 'sin(~x)^2 + cos(~x)^2 --> 1')]);
    expect(r.equal).toBe(true);
  });
});

test('Graphviz export', () => {
  const eg = new EGraph();
  const a = eg.add(W('(+ x (* 2 x))'));
  eg.union(a, eg.add(W('(* 3 x)')));
  const dot = toDot(eg);
  expect(dot.startsWith('digraph egraph {\n  compound=true')).toBe(true);
  expect(dot.match(/subgraph cluster_/g)!.length).toBe(eg.classCount);
  expect(dot.match(/shape=box/g)!.length).toBe(eg.nodeCount);
  expect(dot).toContain('[label="+", shape=box]');
  expect(dot).toMatch(/-> "\d+\.0" \[lhead=cluster_\d+, label=1\]/);
  expect(dot.endsWith('}')).toBe(true);
  expect(toDot(eg, { name: 'my graph' }).startsWith('digraph "my graph" {')).toBe(true);
  const quoted = new EGraph();
  quoted.add(sym('a"b'));
  expect(toDot(quoted)).toContain('label="|a\\"b|"');
});
