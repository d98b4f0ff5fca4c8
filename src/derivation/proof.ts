/**
 * Symbolic proofs of derivation steps. The verifier decides a step numerically; for a valid
 * step it also knows the candidate: the operation applied to the earlier equation's sides, as
 * terms (`d/dx` of both sides, both sides times a factor, an equation with another
 * substituted...). `proveEqualities` proves each candidate equal to the step's side with the
 * e-graph (the default theory, explanations on, a small budget) and returns the proof as
 * lines: per side, the candidate as built, its canonical form, then each rewrite (the rule and
 * the whole side after it), ending at the step's side in canonical form. Terms are printed in
 * equate's infix syntax (`parse` reads them back). A candidate with the step's canonical form
 * needs no rewrite.
 *
 * @example
 * proveEqualities([[parse('Derivative(x^2, x, 1)'), parse('2*x')]], { timeMs: 20 })
 * // [{ side: 'lhs', rule: 'candidate', term: ... }, ..., { side: 'lhs', rule: <a derivative rule>, term: '2*x' }]
 */
import { type Term, call } from '../term/term.js';
import { canonicalize } from '../term/canonical.js';
import { termOps } from '../term/interface.js';
import { print } from '../term/print.js';
import { defaultTheory } from '../rewrite/rules/index.js';
import { Runner } from '../egraph/runner.js';
import { egraphRewrites, type EGraphRewrite } from '../egraph/rewrite.js';
import { constantFolding } from '../egraph/constant-folding.js';
import { Extractor, type CostFunction } from '../egraph/extract.js';
import { operatorById } from '../term/operator.js';
import { DERIVATIVE, INTEGRAL } from '../term/operators.js';
import type { Analysis } from '../egraph/analysis.js';
import type { ProofLine } from './report.js';

export type { ProofLine };

export interface ProofOptions {
  /** Time for all the equalities, in ms. Default: 20. */
  timeMs?: number;
  /** E-graph iterations. Default: 4 (the data's proofs need at most 2 or 3). */
  iterLimit?: number;
  /** E-graph nodes. Default: 500. */
  nodeLimit?: number;
  /** E-graph rounds, each on the canonical forms of the last one's extracted terms. Default: 3. */
  rounds?: number;
}

let rewrites: EGraphRewrite<Term>[] | null = null;

/** The default theory compiled for the e-graph, once. */
function theoryRewrites(): EGraphRewrite<Term>[] {
  rewrites ??= egraphRewrites(defaultTheory);
  return rewrites;
}

/**
 * Proves `candidate = target` for each pair (sides named by `sides`, default lhs then rhs),
 * all pairs in one e-graph; the lines of every pair, or null when one is not proved within
 * the budget.
 * @example proveEqualities([[parse('(x + 1)*(x + 1)'), parse('(x + 1)^2')]]).map((l) => l.rule) // ['candidate', 'canonical form']
 */
export function proveEqualities(pairs: readonly (readonly [Term, Term])[], opts: ProofOptions = {}, sides: readonly ProofLine['side'][] = ['lhs', 'rhs']): ProofLine[] | null {
  const canon: [Term, Term][] = [];
  try { for (const [a, b] of pairs) canon.push([canonicalize(a), canonicalize(b)]); } catch { return null; }
  const open = canon.filter(([ca, cb]) => ca !== cb);
  const chains = open.length === 0 ? [] : egraphProofs(open, opts.timeMs ?? 20, opts);
  if (chains === null) return null;
  const lines: ProofLine[] = [];
  let k = 0;
  pairs.forEach(([a], i) => {
    const side = sides[i] ?? 'lhs';
    const [ca, cb] = canon[i]!;
    let last = print(a);
    lines.push({ side, rule: 'candidate', term: last });
    const line = (rule: string, t: Term): void => {
      const term = print(t);
      // a canonical form that prints as the line before says nothing
      if (rule === 'canonical form' && term === last) return;
      lines.push({ side, rule, term });
      last = term;
    };
    if (ca !== a) line('canonical form', ca);
    if (ca !== cb) for (const s of chains[k++]!) line(s.rule, s.term);
  });
  return lines;
}

/** Term size, with derivatives and integrals costing 100: the extracted term has them evaluated where the e-graph could. */
const evaluatedSize: CostFunction = (eg, node, costs) => {
  const code = eg.nodeCode(node);
  const op = code >= 0 ? operatorById(code) : null;
  let s = op === DERIVATIVE || op === INTEGRAL ? 100 : 1;
  for (let i = 0; i < costs.length; i++) s += costs[i]!;
  return s;
};

/** One rewrite of a chain: the rule and the whole term after it. */
interface Link { rule: string; term: Term }

const flip = (rule: string): string => (rule.endsWith(' (backward)') ? rule.slice(0, -' (backward)'.length) : `${rule} (backward)`);

type EG = Runner<unknown, Term>['egraph'];

/**
 * The explanation from `a` to `b` in the e-graph as links (egg's explanation, as `explain`
 * walks the proof forest), with every term built as written: a rewrite inside a sum or
 * product keeps the e-node's argument order, so the positions of the later rewrites still
 * point at their subterms (canonical construction would sort the arguments again). A term
 * seen before cuts the loop since.
 */
function links(eg: EG, a: Term, b: Term): Link[] | null {
  const forest = eg.proofs;
  if (forest === null) return null;
  const ia = eg.addExact(a), ib = eg.addExact(b);
  if (eg.find(ia) !== eg.find(ib)) return null;
  const memo = new Map<number, Term>();
  const termOf = (id: number): Term => {
    const hit = memo.get(id);
    if (hit !== undefined) return hit;
    const code = eg.nodeCode(id);
    let t: Term;
    if (code < 0) t = eg.leafOfCode(code);
    else {
      const args: Term[] = [];
      for (let i = 0; i < eg.nodeArity(id); i++) args.push(termOf(eg.exactChild(id, i)));
      t = call(operatorById(code), args);
    }
    memo.set(id, t);
    return t;
  };
  let cur = termOf(ia);
  const out: Link[] = [];
  const seen = new Map<Term, number>([[cur, 0]]);
  const go = (u: number, v: number, pos: readonly number[]): void => {
    if (u === v) return;
    for (const e of forest.path(u, v)) {
      const r = forest.reasons[e.reason]!;
      if (r.kind === 'congruence') {
        for (let i = 0; i < eg.nodeArity(e.from); i++) go(eg.exactChild(e.from, i), eg.exactChild(e.to, i), [...pos, i]);
        continue;
      }
      if (out.length >= 1_000) throw new Unproved();
      cur = replaceAt(cur, pos, 0, termOf(e.to));
      const forward = r.kind === 'rule' && r.reverse ? !e.forward : e.forward;
      const rule = r.kind === 'rule' ? r.name : r.kind === 'fold' ? 'constant-fold' : r.name;
      const back = seen.get(cur);
      if (back !== undefined) {
        for (const l of out.splice(back)) seen.delete(l.term);
        seen.set(cur, back);
        continue;
      }
      out.push({ rule: forward ? rule : `${rule} (backward)`, term: cur });
      seen.set(cur, out.length);
    }
  };
  go(ia, ib, []);
  return out;
}

/** `t` with the subterm at `pos` replaced by `sub`, built as written. */
function replaceAt(t: Term, pos: readonly number[], at: number, sub: Term): Term {
  if (at === pos.length) return sub;
  const args = [...t.args];
  args[pos[at]!] = replaceAt(args[pos[at]!]!, pos, at + 1, sub);
  return call(t.op!, args);
}

/** A pair being proved: the chain from the candidate so far, the chain from the target so far (to be reversed), and their current ends. */
interface Open { forward: Link[]; backward: Link[]; x: Term; y: Term }

/**
 * The rewrites from `a` to `b` of each pair, found by the e-graph within the budget, or null.
 * Each round saturates the pairs still open in one e-graph. A pair whose classes meet is
 * explained. Otherwise (the e-graph keeps `x + (-1)*x`, nested products and the two orders of
 * a product apart, which canonical construction merges) the cheapest terms of both classes
 * are extracted as written and put in canonical form: equal forms close the pair, different
 * ones are the next round's pair (at most `rounds`). The proof goes from `a` through the
 * rounds' rewrites and canonical forms, and back along the target's to `b`.
 */
function egraphProofs(pairs: readonly [Term, Term][], timeMs: number, opts: ProofOptions): Link[][] | null {
  const deadline = performance.now() + timeMs;
  const state: Open[] = pairs.map(([a, b]) => ({ forward: [], backward: [], x: a, y: b }));
  let open = state.map((_, i) => i);
  try {
    for (let round = 0; round < (opts.rounds ?? 3) && open.length > 0; round++) {
      const left = deadline - performance.now();
      if (left <= 0) return null;
      const runner = new Runner<unknown, Term>({ analysis: constantFolding<Term>() as unknown as Analysis<unknown, Term>, ops: termOps, explanations: true })
        .withIterLimit(opts.iterLimit ?? 4).withNodeLimit(opts.nodeLimit ?? 500).withTimeLimit(left).withMemoryLimit(Infinity);
      for (const i of open) runner.withExpr(state[i]!.x).withExpr(state[i]!.y);
      const roots = runner.roots;
      open.forEach((i, k) => runner.withGoal(state[i]!.y, roots[2 * k]!));
      runner.run(theoryRewrites());
      const eg = runner.egraph;
      let ex: Extractor<unknown, Term> | null = null;
      const next: number[] = [];
      open.forEach((i, k) => {
        const st = state[i]!;
        const ra = roots[2 * k]!, rb = roots[2 * k + 1]!;
        if (eg.find(ra) === eg.find(rb)) {
          const chain = links(eg, st.x, st.y);
          if (chain === null) throw new Unproved();
          st.forward.push(...chain);
          return;
        }
        ex ??= new Extractor(eg, evaluatedSize);
        const wa = ex.term(ra, { mode: 'written' }), wb = ex.term(rb, { mode: 'written' });
        const there = links(eg, st.x, wa), back = links(eg, st.y, wb);
        if (there === null || back === null) throw new Unproved();
        const ca = canonicalize(wa), cb = canonicalize(wb);
        st.forward.push(...there);
        if (ca !== wa) st.forward.push({ rule: 'canonical form', term: ca });
        st.backward.push(...back);
        if (cb !== wb) st.backward.push({ rule: 'canonical form', term: cb });
        if (ca === cb) return;
        if (ca === st.x && cb === st.y) throw new Unproved();
        st.x = ca; st.y = cb;
        next.push(i);
      });
      open = next;
    }
  } catch {
    return null;
  }
  if (open.length > 0) return null;
  return state.map((st, i) => {
    const chain = [...st.forward];
    const b = pairs[i]![1];
    // the target's chain reversed: each link's rule, undone, leads to the term before it
    for (let j = st.backward.length - 1; j >= 0; j--) {
      const rule = st.backward[j]!.rule;
      chain.push({ rule: rule === 'canonical form' ? rule : flip(rule), term: j > 0 ? st.backward[j - 1]!.term : b });
    }
    return chain;
  });
}

/** A pair that cannot be proved (its explanation failed, or a round changed nothing). */
class Unproved extends Error {}
