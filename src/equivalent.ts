/**
 * `equivalent(a, b)`: whether two expressions are equal, with the evidence. Equality is
 * proved by the e-graph running the default theory on both terms together (the proof is the
 * chain of rewrites from `a` to `b`, replayable by `checkExplanation` without an e-graph), or
 * else by the classical simplifier bringing `a - b` to 0. Inequality is shown by a
 * counterexample: a point where both sides are defined and differ (checked again with 50
 * digits when the floats are close). When neither is found the answer is 'unknown' (every
 * point tried agreed, or none was defined).
 *
 * @example equivalent(parse('(x + 1)^2'), parse('x^2 + 2*x + 1')).result // true
 * @example equivalent(parse('sin(x)'), parse('cos(x)')).counterexample // { x: ... }
 */
import type { Term } from './term/term.js';
import { canonicalize, sub } from './term/canonical.js';
import { termOps } from './term/interface.js';
import { freeSymbols } from './term/free.js';
import { evaluate } from './term/evaluate.js';
import { seededRandom } from './term/random.js';
import { simplifyClassic } from './rewrite/simplifier.js';
import { defaultTheory } from './rewrite/rules/index.js';
import { withDomain, facts, Fact } from './rewrite/domain.js';
import { constantFolding } from './egraph/constant-folding.js';
import { Runner } from './egraph/runner.js';
import { explain, type Explanation } from './egraph/explain.js';
import type { Analysis } from './egraph/analysis.js';

export interface EquivalentOptions {
  /** Take every symbol as real. Default: false. */
  real?: boolean;
  /** Random points tried for a counterexample. Default: 24. */
  points?: number;
  /** Seed of the points. Default: 1. */
  seed?: number;
  /** E-graph limits (egg's defaults: 30 iterations, 10,000 e-nodes; time 2,000 ms here). */
  iterLimit?: number;
  nodeLimit?: number;
  timeLimit?: number;
}

export interface EquivalentResult {
  /** true: proved equal; false: a counterexample was found; 'unknown': neither. */
  result: true | false | 'unknown';
  /** How it was decided: 'canonical' (same canonical form), 'egraph', 'simplify', 'numeric' or 'none'. */
  method: 'canonical' | 'egraph' | 'simplify' | 'numeric' | 'none';
  /** With `method: 'egraph'`: the rewrites from `a` to `b`. */
  proof: Explanation<Term> | null;
  /** With `result: false`: values of the free symbols where `a` and `b` differ, and both values. */
  counterexample: { point: Record<string, number>; a: number; b: number } | null;
  /** With `method: 'simplify'`: factors the simplification assumed nonzero. */
  nonzero: Term[];
}

/**
 * Decides whether `a` equals `b` (see the file's header).
 * @example equivalent(parse('exp(a)*exp(-a)'), parse('1')) // { result: true, method: 'egraph', proof: {...}, ... }
 */
export function equivalent(a: Term, b: Term, opts: EquivalentOptions = {}): EquivalentResult {
  const run = (): EquivalentResult => decide(a, b, opts);
  return opts.real ? withDomain({ real: true }, run) : run();
}

function result(r: Partial<EquivalentResult> & Pick<EquivalentResult, 'result' | 'method'>): EquivalentResult {
  return { proof: null, counterexample: null, nonzero: [], ...r };
}

function decide(a: Term, b: Term, opts: EquivalentOptions): EquivalentResult {
  const ca = canonicalize(a), cb = canonicalize(b);
  if (ca === cb) return result({ result: true, method: 'canonical' });

  const runner = new Runner<unknown, Term>({ analysis: constantFolding<Term>() as unknown as Analysis<unknown, Term>, ops: termOps, explanations: true })
    .withIterLimit(opts.iterLimit ?? 30).withNodeLimit(opts.nodeLimit ?? 10_000).withTimeLimit(opts.timeLimit ?? 2_000)
    .withExpr(ca).withExpr(cb);
  const [ra, rb] = runner.roots as [number, number];
  runner.withGoal(cb, ra).run(defaultTheory);
  if (runner.egraph.find(ra) === runner.egraph.find(rb)) {
    return result({ result: true, method: 'egraph', proof: explain(runner.egraph, ca, cb) });
  }

  const s = simplifyClassic(sub(ca, cb));
  if (s.term.kind === 0 && s.term.value !== null && Number(s.term.value.valueOf()) === 0) {
    return result({ result: true, method: 'simplify', nonzero: s.nonzero });
  }

  const c = counterexample(ca, cb, opts);
  if (c !== null) return result({ result: false, method: 'numeric', counterexample: c });
  return result({ result: 'unknown', method: 'none' });
}

/** A point where both sides are finite and differ beyond rounding, or null. */
function counterexample(a: Term, b: Term, opts: EquivalentOptions): EquivalentResult['counterexample'] {
  const symbols = [...new Set([...freeSymbols(a), ...freeSymbols(b)])];
  const rnd = seededRandom(opts.seed ?? 1);
  const n = opts.points ?? 24;
  for (let i = 0; i < n; i++) {
    const point: Record<string, number> = {};
    for (const x of symbols) {
      const f = facts(x);
      const scale = i < n / 2 ? 2 : 10;
      let v = (rnd() * 2 - 1) * scale;
      if (f & (Fact.positive | Fact.nonnegative)) v = Math.abs(v) + 1e-3;
      if (f & Fact.integer) v = Math.round(v);
      point[x.name!] = v;
    }
    const va = evaluate(a, point) as number, vb = evaluate(b, point) as number;
    if (!Number.isFinite(va) || !Number.isFinite(vb)) continue;
    const tol = 1e-9 * Math.max(1, Math.abs(va), Math.abs(vb));
    if (Math.abs(va - vb) <= tol) continue;
    if (Math.abs(va - vb) <= 1e-6 * Math.max(1, Math.abs(va), Math.abs(vb))) {
      // Close: decide with 50 digits.
      const da = evaluate(a, point, { mode: 'decimal', precision: 50 }), db = evaluate(b, point, { mode: 'decimal', precision: 50 });
      const diff = Math.abs(Number(String(da)) - Number(String(db)));
      if (!(diff > 1e-20 * Math.max(1, Math.abs(va)))) continue;
    }
    return { point, a: va, b: vb };
  }
  return null;
}

