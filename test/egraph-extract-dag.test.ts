/** DAG-aware extraction: shared subterms paid once; agreement with tree extraction on trees. */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { sym, int, type Term } from '../src/term/term.js';
import { parseSexpr, toSexpr } from '../src/term/sexpr.js';
import { EGraph, Extractor, astSize } from '../src/egraph/index.js';
import { DagExtractor, extractDag, dagSize, dagOperatorCost } from '../src/egraph/extract-dag.js';
import { fgTermArb, egraphOf } from './support/egraph.js';
import { subterms } from './support/subterms.js';

const W = (src: string): Term => parseSexpr(src, { mode: 'written' });

describe('DAG extraction', () => {
  test('a shared subterm is paid once, so the DAG choice differs from the tree choice', () => {
    const eg = new EGraph();
    const root = eg.add(W('(+ (* a b) (* a b))')); // tree 7, DAG 4
    eg.union(root, eg.add(W('(h a b c d)'))); // tree 5, DAG 5
    eg.rebuild();
    expect(toSexpr(new Extractor(eg, astSize).term(root))).toBe('(h a b c d)');
    const r = extractDag(eg, root);
    expect(toSexpr(r.term)).toBe('(+ (* a b) (* a b))');
    expect(r.cost).toBe(4);
  });

  test('operator costs: x^2 computed once', () => {
    const eg = new EGraph();
    const root = eg.add(W('(+ (sin (^ x 2)) (cos (^ x 2)))'));
    eg.union(root, eg.add(W('(+ (sin (^ x 2)) (cos (* x x)))')));
    eg.rebuild();
    const r = extractDag(eg, root, dagOperatorCost);
    expect(toSexpr(r.term)).toBe('(+ (sin (^ x 2)) (cos (^ x 2)))');
    expect(r.cost).toBe(1 + 134 + 134 + 100); // +, sin, cos, one ^
  });

  test('on random e-graphs the DAG cost is the number of distinct subterms of the term built', () => {
    const termArb = fgTermArb([sym('a'), sym('b'), int(1)]);
    fc.assert(fc.property(fc.array(termArb, { minLength: 1, maxLength: 6 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 5 }), (terms, unions) => {
      const eg = egraphOf(terms, unions);
      const dag = new DagExtractor(eg, dagSize);
      const tree = new Extractor(eg, astSize);
      for (const c of eg.classes()) {
        const t = dag.term(c);
        expect(eg.find(eg.lookup(t))).toBe(c);
        expect(dag.cost(c)).toBe(subterms(t).length);
        expect(dag.cost(c)).toBeLessThanOrEqual(t.size);
        expect(tree.cost(c)).toBeLessThanOrEqual(t.size);
      }
    }), { numRuns: 150 });
  });

  test('cycles and canonical rebuilding', () => {
    const eg = new EGraph();
    const x = eg.add(sym('x'));
    eg.union(x, eg.add(W('(g x)')));
    expect(toSexpr(extractDag(eg, x).term)).toBe('x');
    const e2 = new EGraph();
    const s = e2.add(W('(+ y y)'));
    expect(toSexpr(extractDag(e2, s, dagSize, { mode: 'canonical' }).term)).toBe('(* 2 y)');
    expect(new DagExtractor(e2).bestNode(s)).toBe(e2.nodes(s)[0]);
  });
});
