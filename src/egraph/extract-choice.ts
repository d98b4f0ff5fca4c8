/**
 * A choice of one e-node per class, what the extractors compute (`extract.ts` by tree cost,
 * `extract-dag.ts` by DAG cost): the index of the e-nodes their cost worklists start from,
 * and the term a choice rebuilds.
 *
 * A choice is three arrays over the e-graph's ids: `best[c]`, the chosen e-node of class c (-1
 * for none), `costs[c]`, the cost of its term, and `kids`, in the layout of `egraph.nOff`, the
 * class of every child of every e-node as it was when the choice was made (the e-graph may be
 * merged further meanwhile).
 *
 * @example
 * const choice = emptyChoice(eg);
 * const { nodeClass, leaves } = indexNodes(eg, choice.kids, (child, node) => users[child].push(node));
 * // ... the worklist fills choice.best and choice.costs ...
 * buildChoice(eg, choice, root, writtenOps, new Map(), 'extraction found a cycle')
 */
import { termOps, writtenOps, type TermOps } from '../term/interface.js';
import { operatorById } from '../term/operator.js';
import { EquateError } from '../term/errors.js';
import type { EGraph } from './egraph.js';

/** How an extractor rebuilds terms. */
export interface RebuildOptions<T> {
  /** 'written' (default, the e-graph's own `ops`; raw calls for hash-consed terms) or 'canonical'. */
  mode?: 'written' | 'canonical';
  /** The term representation to rebuild with (overrides `mode`). */
  ops?: TermOps<T>;
}

/** One e-node per class, with the children's classes and the cost of each class's term. */
export interface Choice {
  /** The chosen e-node of every class, -1 for none. */
  best: Int32Array;
  /** The children's classes, in the layout of `egraph.nOff`. */
  kids: Int32Array;
  /** The cost of every class's chosen term, Infinity for none. */
  costs: Float64Array;
}

/**
 * A choice over the ids of `egraph` before any cost is known: no class has an e-node yet.
 * @example emptyChoice(eg).best[0] // -1
 */
export function emptyChoice<D, T>(egraph: EGraph<D, T>): Choice {
  const ids = egraph.idCount;
  return { best: new Int32Array(ids).fill(-1), kids: new Int32Array(egraph.nOff[ids]!), costs: new Float64Array(ids).fill(Infinity) };
}

/** The e-nodes of an e-graph indexed for a cost worklist. */
export interface NodeIndex {
  /** The class of every e-node; -1 for ids that are no live e-node. */
  nodeClass: Int32Array;
  /** The e-nodes without children, class by class. */
  leaves: number[];
}

/**
 * Indexes the e-nodes of `egraph` class by class: notes each e-node's class, writes the
 * class each child has now into `kids` and reports it to `onChild`, and collects the leaves.
 * @example indexNodes(eg, kids, (child) => fanIn[child + 1]!++).leaves
 */
export function indexNodes<D, T>(egraph: EGraph<D, T>, kids: Int32Array, onChild: (child: number, node: number) => void): NodeIndex {
  const classNodes = egraph.classNodes, nOff = egraph.nOff, canon = egraph.canon;
  const nodeClass = new Int32Array(egraph.idCount).fill(-1);
  const leaves: number[] = [];
  for (let c = 0; c < classNodes.length; c++) {
    const ns = classNodes[c];
    if (ns == null) continue;
    for (let i = 0; i < ns.length; i++) {
      const n = ns[i]!;
      nodeClass[n] = c;
      const o = nOff[n]!, end = nOff[n + 1]!;
      if (o === end) leaves.push(n);
      for (let j = o; j < end; j++) {
        const k = egraph.root(canon[j]!);
        kids[j] = k;
        onChild(k, n);
      }
    }
  }
  return { nodeClass, leaves };
}

/**
 * The term representation to rebuild with: `opts.ops`; else hash-consed canonical terms for
 * 'canonical', raw calls for 'written' when the e-graph holds hash-consed terms; else the
 * e-graph's own `ops`.
 * @example rebuildOps(eg, { mode: 'canonical' }) === termOps
 */
export function rebuildOps<D, T>(egraph: EGraph<D, T>, opts: RebuildOptions<T>): TermOps<T> {
  if (opts.ops) return opts.ops;
  if (opts.mode === 'canonical') return termOps as unknown as TermOps<T>;
  if (opts.mode === 'written' && (egraph.ops as unknown) === termOps) return writtenOps as unknown as TermOps<T>;
  return egraph.ops;
}

/**
 * The term of class `root` under `choice`, built with `ops` without recursion. `memo` holds
 * terms already built, by class, and receives the new ones; a choice that leads back to a
 * class being built throws `cycle`.
 * @example buildChoice(eg, choice, eg.find(id), termOps, new Map(), 'DAG extraction found a cycle')
 */
export function buildChoice<D, T>(egraph: EGraph<D, T>, choice: Choice, root: number, ops: TermOps<T>, memo: Map<number, T>, cycle: string): T {
  const hit = memo.get(root);
  if (hit !== undefined) return hit;
  const { best, kids } = choice;
  const nOff = egraph.nOff;
  const open = new Set<number>([root]);
  const stack: number[] = [root];
  const next: number[] = [0];
  const out: T[] = [];
  while (stack.length > 0) {
    const top = stack.length - 1;
    const c = stack[top]!;
    const n = best[c]!;
    const o = nOff[n]!, arity = nOff[n + 1]! - o;
    const i = next[top]!;
    if (i < arity) {
      next[top] = i + 1;
      const k = kids[o + i]!;
      const t = memo.get(k);
      if (t !== undefined) {
        out.push(t);
        continue;
      }
      if (open.has(k)) throw new EquateError(cycle);
      if (best[k] === -1) throw new EquateError(`e-class ${k} has no finite term`);
      open.add(k);
      stack.push(k);
      next.push(0);
      continue;
    }
    const code = egraph.nOp[n]!;
    const t = code < 0 ? egraph.leafOfCode(code) : ops.makeTerm(null, operatorById(code), out.splice(out.length - arity, arity));
    memo.set(c, t);
    open.delete(c);
    out.push(t);
    stack.pop();
    next.pop();
  }
  return out[0]!;
}
