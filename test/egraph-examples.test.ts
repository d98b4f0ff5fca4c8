/** The `@example`s of src/egraph, run as written in their doc comments, and the code of the README's E-graph section. */
import { describe, expect, test } from 'vitest';
import { sym, int, type Term } from '../src/term/term.js';
import { ADD } from '../src/term/operators.js';
import { parseSexpr, toSexpr } from '../src/term/sexpr.js';
import { formatValue, type Value } from '../src/term/number.js';
import { parsePattern, rule, theory } from '../src/rewrite/index.js';
import {
  EGraph, UnionFind, constantFolding, classConstant, compilePattern, groundClass, egraphRewrites, egraphContext, isNotZero,
  Runner, BackoffScheduler, SimpleScheduler, Extractor, extract, astSize, astDepth, operatorCost, representative, egraphSimplify, egraphEquivalent,
  toDot, type Analysis,
} from '../src/egraph/index.js';
import { NodeTable } from '../src/egraph/memo.js';

const S = { syntax: 'sexpr', mode: 'written' } as const;

describe('doc examples', () => {
  test('unionfind.ts, memo.ts', () => {
    const uf = new UnionFind();
    const a = uf.makeSet(), b = uf.makeSet();
    uf.union(a, b);
    expect(uf.find(b) === a).toBe(true);
    const memo = new NodeTable();
    memo.set(7, Int32Array.of(1, 2), 0, 2, 10);
    expect(memo.get(7, Int32Array.of(1, 2), 0, 2)).toBe(10);
  });

  test('egraph.ts', () => {
    const eg = new EGraph();
    const a = eg.add(parseSexpr('(+ x y)', { mode: 'written' }));
    const b = eg.add(parseSexpr('(+ x z)', { mode: 'written' }));
    eg.union(eg.add(sym('y')), eg.add(sym('z')));
    eg.rebuild();
    expect(eg.find(a) === eg.find(b)).toBe(true);
    eg.add(parseSexpr('(* 2 (+ x 1))', { mode: 'written' }));
    expect(eg.lookupNode(ADD, [eg.add(sym('x')), eg.add(int(1))])).toBe(eg.addNode(ADD, [eg.add(sym('x')), eg.add(int(1))]));
    expect(eg.union(eg.add(sym('x')), eg.add(sym('y')))).toBe(true);
    expect(eg.rebuild()).toBeGreaterThanOrEqual(0);
  });

  test('analysis.ts', () => {
    const symbols: Analysis<number> = {
      make: (eg, n) => (eg.nodeLeaf(n) !== null ? (eg.nodeLeaf(n)!.isSymbol() ? 1 : 0) : [...Array(eg.nodeArity(n)).keys()].reduce((s, i) => s + eg.data(eg.nodeChild(n, i)), 0)),
      merge: (a, b) => (a <= b ? a : b),
    };
    const eg = new EGraph({ analysis: symbols });
    const id = eg.add(parseSexpr('(+ x (* y 2))', { mode: 'written' }));
    expect(eg.data(id)).toBe(2);
    eg.union(id, eg.add(int(0)));
    eg.rebuild();
    expect(eg.data(id)).toBe(0);
  });

  test('constant-folding.ts', () => {
    const eg = new EGraph({ analysis: constantFolding() });
    const c = eg.add(parseSexpr('(+ 1 (* 2 3))', { mode: 'written' }));
    expect(formatValue(eg.data(c)!)).toBe('7');
    new EGraph({ analysis: constantFolding({ prune: false }) });
    expect(formatValue(classConstant(eg, eg.add(int(3)))!)).toBe('3');
  });

  test('ematch.ts', () => {
    const egraph = new EGraph();
    egraph.add(parseSexpr('(+ 1 (+ 2 3))', { mode: 'written' }));
    const p = compilePattern(parsePattern('(+ ?a (+ ?b ?c))', { syntax: 'sexpr', mode: 'written' }));
    const ms = p.search(egraph);
    expect(ms.count).toBe(1);
    expect(ms.get(0, 'a')).toBe(egraph.lookup(int(1)));
    expect(compilePattern(parsePattern('(* ?x 1)', S)).search(egraph).count).toBe(0);
    expect(groundClass(egraph, parsePattern('(+ 2 3)', S))).toBe(egraph.lookup(parseSexpr('(+ 2 3)', { mode: 'written' })));
  });

  test('rewrite.ts and conditions.ts', () => {
    expect(egraphRewrites(theory('t', [rule('comm', '(+ ?a ?b) == (+ ?b ?a)', S)])).map(String)).toEqual(['comm', 'comm-rev']);
    const eg = new EGraph();
    eg.add(parseSexpr('(+ a b)', { mode: 'written' }));
    const [rw] = egraphRewrites([rule('comm-add', '(+ ?a ?b) --> (+ ?b ?a)', S)]);
    expect(rw!.apply(eg, rw!.search(eg))).toBe(1);
    const distinct = rule('distinct', '(f ?a ?b) --> (g ?a ?b)', { syntax: 'sexpr', mode: 'written', where: (_s, ctx) => { const e = egraphContext(ctx); return e === null || e.id('a') !== e.id('b'); } });
    const run = new Runner().withExpr(parseSexpr('(f x x)', { mode: 'written' })).withExpr(parseSexpr('(f x y)', { mode: 'written' })).run([distinct]);
    expect(run.egraph.lookup(parseSexpr('(g x x)', { mode: 'written' }))).toBe(-1);
    expect(run.egraph.find(run.roots[1]!)).toBe(run.egraph.lookup(parseSexpr('(g x y)', { mode: 'written' })));
    const cancel = rule('cancel-div', '(/ ?a ?a) --> 1', { ...S, where: isNotZero('a') });
    expect(cancel.apply(parseSexpr('(/ x x)', { mode: 'written' }))).toBe(int(1));
  });

  test('scheduler.ts', () => {
    const r = new Runner().withScheduler(new BackoffScheduler().withInitialMatchLimit(500).doNotBan('comm-add'));
    expect(r.withScheduler(new SimpleScheduler())).toBe(r);
  });

  test('runner.ts', () => {
    const S2 = { syntax: 'sexpr', mode: 'written' } as const;
    const runner = new Runner({ analysis: constantFolding() })
      .withIterLimit(10)
      .withExpr(parseSexpr('(+ 0 (* 1 a))', { mode: 'written' }))
      .run([rule('zero-add', '(+ 0 ?a) --> ?a', S2), rule('one-mul', '(* 1 ?a) --> ?a', S2)]);
    expect(runner.stopReason).toBe('saturated');
    expect(extract(runner.egraph, runner.roots[0]!).term).toBe(sym('a'));
    expect(runner.report()).toContain('Runner report');
  });

  test('saturate.ts and dot.ts', () => {
    const rules = [rule('zero', '(+ ?a 0) --> ?a', S), rule('comm', '(+ ?a ?b) --> (+ ?b ?a)', S)];
    expect(egraphSimplify(parseSexpr('(+ 0 x)', { mode: 'written' }), rules).term).toBe(sym('x'));
    expect(egraphEquivalent(parseSexpr('(+ 0 x)', { mode: 'written' }), sym('x'), rules).equal).toBe(true);
    expect(egraphEquivalent(parseSexpr('(+ a b)', { mode: 'written' }), parseSexpr('(+ b a)', { mode: 'written' }), rules).equal).toBe(true);
    const eg = new EGraph();
    eg.add(parseSexpr('(+ x (* 2 x))', { mode: 'written' }));
    expect(toDot(eg).startsWith('digraph egraph {\n  compound=true\n')).toBe(true);
    expect(toDot(eg, { name: 'g' }).startsWith('digraph g {')).toBe(true);
  });

  test('extract.ts', () => {
    const runner = new Runner().withExpr(parseSexpr('(* (+ a 0) 1)', { mode: 'written' }))
      .run([rule('zero', '(+ ?a 0) --> ?a', S), rule('one', '(* ?a 1) --> ?a', S)]);
    const ex = new Extractor(runner.egraph, astSize);
    expect(ex.term(runner.roots[0]!)).toBe(sym('a'));
    const eg = runner.egraph, root = runner.roots[0]!;
    expect(extract(eg, root, { cost: astSize }).cost).toBe(1);
    expect(extract(eg, root, { cost: astDepth }).cost).toBe(1);
    expect(toSexpr(extract(eg, root, { cost: operatorCost }).term as Term)).toBe('a');
    expect(new Extractor(eg).term(root, { mode: 'canonical' })).toBe(sym('a'));
    expect(representative(eg, root)).toBe(sym('a'));
  });
});

test('the Value type of constant folding data', () => {
  const eg = new EGraph({ analysis: constantFolding() });
  const v: Value | null = eg.data(eg.add(int(2)));
  expect(v === null ? null : formatValue(v)).toBe('2');
});

describe('README, section E-graph', () => {
  test('simplify with the e-graph, equivalent with a proof, a Runner on a theory in S-expressions', async () => {
    const {
      parse, print, simplify, equivalent, checkExplanation, defaultTheory, Runner, rule, theory,
      isNotZero, constantFolding, parseSexpr, toSexpr, extract, explain, toDot,
    } = await import('../src/index.js');

    expect(print(simplify(parse('tan(x)*cos(x) + sin(x)^2 + cos(x)^2'), { engine: 'egraph' }))).toBe('1 + sin(x)');

    const r = equivalent(parse('sin(x)^2'), parse('1 - cos(x)^2'));
    expect(r.result).toBe(true);
    expect(r.method).toBe('egraph');
    expect(r.proof!.steps.map((s) => `${s.rule} ${s.direction}: ${print(s.term)}`)).toEqual(['trig-sum backward: 1 - cos(x)^2']);
    const replay = checkExplanation(r.proof!, defaultTheory);
    expect([replay.valid, replay.assumed]).toEqual([true, 0]);
    const c = equivalent(parse('sin(x)'), parse('cos(x)')).counterexample!;
    expect(c.point.x).toBeCloseTo(0.508, 3);
    expect(c.a).toBeCloseTo(0.487, 3);
    expect(c.b).toBeCloseTo(0.874, 3);

    const S = { syntax: 'sexpr', mode: 'written' } as const;
    const shifts = theory('shifts', [
      rule('mul-shift', '(* ?a 2) --> (shl ?a 1)', S),
      rule('div-mul', '(/ (* ?x ?y) ?z) --> (* ?x (/ ?y ?z))', S),
      rule('div-same', '(/ ?x ?x) --> 1', { ...S, where: isNotZero('x') }),
      rule('mul-one', '(* ?x 1) --> ?x', S),
    ]);
    const start = parseSexpr('(/ (* a 2) 2)', { mode: 'written' });
    const runner = new Runner({ analysis: constantFolding(), explanations: true }).withExpr(start).run(shifts);
    expect(runner.stopReason).toBe('saturated');
    const best = extract(runner.egraph, runner.roots[0]!);
    expect(toSexpr(best.term)).toBe('a');
    const proof = explain(runner.egraph, start, best.term)!;
    expect(proof.steps.map((s) => `${s.rule}: ${toSexpr(s.term)}`)).toEqual(['div-mul: (* a (/ 2 2))', 'constant-fold: (* a 1)', 'mul-one: a']);
    expect(checkExplanation(proof, shifts).valid).toBe(true);
    expect(runner.report()).toContain('Stop reason: saturated');
    expect(toDot(runner.egraph)).toMatch(/^digraph egraph \{/);
  });
});
