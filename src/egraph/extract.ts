/**
 * Extraction: the cheapest term of an e-class under a tree cost (each occurrence of a shared
 * subterm paid again), as egg's `Extractor`.
 *
 * Costs are found by a worklist, not by sweeping every e-node until nothing changes: the
 * leaves are costed first; whenever a class gets cheaper, the e-nodes that use it are queued
 * and re-costed, so an e-node is looked at again only when one of its children improved. A
 * class's best e-node changes only on a strict improvement, which with non-negative costs
 * keeps the chosen e-nodes acyclic. (A cost function that can decrease around a cycle is
 * stopped after 64 visits per e-node on average; its results are then not optimal.)
 *
 * A cost function sees the e-graph, the e-node and its children's costs:
 * `astSize` (1 per node), `astDepth`, `operatorCost` (the operators' evaluation costs, the
 * Symbolics.jl table: + 1, * 3, / 24, ^ 100, ...; leaves 0), or any function.
 *
 * The term is rebuilt with the e-graph's `TermOps` (as written, by default) or, with
 * `mode: 'canonical'`, by canonical construction.
 *
 * Extraction works on an e-graph that is not rebuilt (children are looked up in the
 * union-find), so side conditions can read representatives in the middle of an iteration.
 *
 * @example
 * const ex = new Extractor(runner.egraph, astSize);
 * ex.term(runner.roots[0]) // the smallest term
 */
import type { Term } from '../term/term.js';
import type { TermOps } from '../term/interface.js';
import { operatorById } from '../term/operator.js';
import { EquateError } from '../term/errors.js';
import type { EGraph } from './egraph.js';
import { emptyChoice, indexNodes, rebuildOps, buildChoice, type Choice, type RebuildOptions } from './extract-choice.js';

/** Cost of e-node `node` given its children's costs (in order; the array is reused after the call). */
export type CostFunction = <D, T>(egraph: EGraph<D, T>, node: number, childCosts: readonly number[]) => number;

/**
 * Number of nodes of the tree.
 * @example extract(eg, root, { cost: astSize }).cost
 */
export const astSize: CostFunction = (_eg, _node, costs) => {
  let s = 1;
  for (let i = 0; i < costs.length; i++) s += costs[i]!;
  return s;
};

/**
 * Depth of the tree (a leaf is 1).
 * @example extract(eg, root, { cost: astDepth }).cost
 */
export const astDepth: CostFunction = (_eg, _node, costs) => {
  let d = 0;
  for (let i = 0; i < costs.length; i++) if (costs[i]! > d) d = costs[i]!;
  return d + 1;
};

/**
 * Evaluation cost: each operator's `cost` (the Symbolics.jl table: + 1, * 3, / 24, ^ 100,
 * exp 18, sin and cos 134, ...) plus its arguments'; leaves cost 0.
 * @example extract(eg, root, { cost: operatorCost }).term
 */
export const operatorCost: CostFunction = (eg, node, costs) => {
  const code = eg.nodeCode(node);
  let s = code >= 0 ? operatorById(code).cost : 0;
  for (let i = 0; i < costs.length; i++) s += costs[i]!;
  return s;
};

export interface ExtractOptions<T> extends RebuildOptions<T> {
  /** The cost function. Default: `astSize`. */
  cost?: CostFunction;
}

/** Computes the best e-node of every class once; then gives costs and terms of any class. */
export class Extractor<D = unknown, T = Term> {
  readonly egraph: EGraph<D, T>;
  readonly costFunction: CostFunction;
  /** The e-graph's version when the costs were computed. */
  readonly version: number;
  /** The best e-nodes, their costs, and the children's classes as they were when the costs were computed. */
  private readonly choice: Choice;
  private readonly terms = new Map<number, T>();
  private termOps: TermOps<T> | null = null;

  constructor(egraph: EGraph<D, T>, cost: CostFunction = astSize) {
    this.egraph = egraph;
    this.costFunction = cost;
    this.version = egraph.version;
    this.choice = emptyChoice(egraph);
    this.compute();
  }

  private compute(): void {
    const eg = this.egraph;
    const ids = eg.idCount;
    const nOff = eg.nOff;
    const { kids, costs, best } = this.choice;
    const fanIn = new Int32Array(ids + 1);
    const { nodeClass, leaves } = indexNodes(eg, kids, (k) => fanIn[k + 1]!++);
    // Users of each class, in compressed rows: users of c are uses[start[c] .. start[c + 1]).
    for (let c = 0; c < ids; c++) fanIn[c + 1]! += fanIn[c]!;
    const start = fanIn;
    const fill = start.slice(0, ids);
    const uses = new Int32Array(start[ids]!);
    for (let n = 0; n < ids; n++) {
      if (nodeClass[n] < 0) continue;
      for (let j = nOff[n]!, end = nOff[n + 1]!; j < end; j++) {
        const k = kids[j]!;
        uses[fill[k]!++] = n;
      }
    }

    const cost = this.costFunction;
    const queue = new Int32Array(Math.max(1, ids));
    const queued = new Uint8Array(ids);
    let head = 0, size = 0;
    for (const n of leaves) {
      queue[(head + size++) % queue.length] = n;
      queued[n] = 1;
    }
    const childCosts: number[] = [];
    let budget = 64 * ids + 1024;
    while (size > 0) {
      if (--budget < 0) break;
      const n = queue[head]!;
      head = (head + 1) % queue.length;
      size--;
      queued[n] = 0;
      const o = nOff[n]!, end = nOff[n + 1]!;
      childCosts.length = end - o;
      let finite = true;
      for (let j = o; j < end; j++) {
        const k = costs[kids[j]!]!;
        if (k === Infinity) {
          finite = false;
          break;
        }
        childCosts[j - o] = k;
      }
      if (!finite) continue;
      const k = cost(eg, n, childCosts);
      const c = nodeClass[n]!;
      if (!(k < costs[c]!)) continue;
      costs[c] = k;
      best[c] = n;
      for (let u = start[c]!, e = start[c + 1]!; u < e; u++) {
        const p = uses[u]!;
        if (queued[p] === 1) continue;
        queued[p] = 1;
        queue[(head + size++) % queue.length] = p;
      }
    }
  }

  /** The class id the tables know `eclass` by: its root now, or when the costs were computed. */
  private key(eclass: number): number {
    const r = this.egraph.find(eclass), best = this.choice.best;
    if (r < best.length && best[r] !== -1) return r;
    if (eclass < best.length && best[eclass] !== -1) return eclass;
    return -1;
  }

  /** True when the tables give `eclass` a term. */
  has(eclass: number): boolean {
    return this.key(eclass) >= 0;
  }

  /** The cost of the best term of `eclass` (Infinity when it has none). */
  cost(eclass: number): number {
    const k = this.key(eclass);
    return k < 0 ? Infinity : this.choice.costs[k]!;
  }

  /** The best e-node of `eclass`, or -1. */
  bestNode(eclass: number): number {
    const k = this.key(eclass);
    return k < 0 ? -1 : this.choice.best[k]!;
  }

  /**
   * The best term of `eclass`.
   * @example new Extractor(eg).term(root, { mode: 'canonical' })
   */
  term(eclass: number, opts: Omit<ExtractOptions<T>, 'cost'> = {}): T {
    const k = this.key(eclass);
    if (k < 0) throw new EquateError(`e-class ${eclass} has no finite term`);
    const ops = rebuildOps(this.egraph, opts);
    if (ops !== this.termOps) {
      this.terms.clear();
      this.termOps = ops;
    }
    return buildChoice(this.egraph, this.choice, k, ops, this.terms, 'extraction found a cycle (a cost function that decreases around a loop)');
  }
}

/**
 * The best term of a class (or of the class of a term the e-graph holds) and its cost.
 * @example extract(runner.egraph, runner.roots[0], { cost: astSize }).term
 */
export function extract<D, T>(egraph: EGraph<D, T>, eclass: number, opts: ExtractOptions<T> = {}): { term: T; cost: number } {
  const ex = new Extractor(egraph, opts.cost ?? astSize);
  const cost = ex.cost(eclass);
  return { term: ex.term(eclass, opts), cost };
}

const representatives = new WeakMap<object, Extractor<unknown, unknown>>();

/**
 * A small term of `eclass` (least AST size when computed), for side conditions and dynamic
 * right sides that read the bindings of an e-graph match as terms. The extraction is kept
 * while the e-graph grows and recomputed only for a class it does not know; its terms stay
 * members of their (possibly merged) classes.
 * @example representative(eg, id)
 */
export function representative<D, T>(egraph: EGraph<D, T>, eclass: number): T {
  let ex = representatives.get(egraph) as Extractor<D, T> | undefined;
  if (ex === undefined || (ex.version !== egraph.version && !ex.has(eclass))) {
    ex = new Extractor(egraph, astSize);
    representatives.set(egraph, ex as Extractor<unknown, unknown>);
  }
  return ex.term(eclass);
}
