/** Small random e-graphs: terms over two undefined functions, merged by random unions. */
import fc from 'fast-check';
import { call, type Term } from '../../src/term/term.js';
import { fn } from '../../src/term/operator.js';
import { EGraph } from '../../src/egraph/egraph.js';

const F = fn('f'), G = fn('g');

/**
 * Terms built from `leaves` with the binary `f` and the unary `g`.
 * @example fgTermArb([sym('a'), int(1)]) // a, f(a, 1), g(f(1, g(a))), ...
 */
export function fgTermArb(leaves: readonly Term[]): fc.Arbitrary<Term> {
  const leaf = fc.constantFrom(...leaves);
  return fc.letrec<{ t: Term }>((tie) => ({
    t: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.tuple(tie('t'), tie('t')).map(([x, y]) => call(F, [x, y])), tie('t').map((x) => call(G, [x]))),
  })).t;
}

/**
 * A rebuilt e-graph holding `terms`, with the classes of terms i and j merged for every pair
 * [i, j] of `unions` (indices modulo the number of terms).
 * @example egraphOf([W('(f a b)'), W('(g a)')], [[0, 1]]).classes()
 */
export function egraphOf(terms: readonly Term[], unions: readonly (readonly [number, number])[]): EGraph {
  const eg = new EGraph();
  const ids = terms.map((t) => eg.add(t));
  for (const [i, j] of unions) eg.union(ids[i % ids.length]!, ids[j % ids.length]!);
  eg.rebuild();
  return eg;
}
