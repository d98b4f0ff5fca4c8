/**
 * The e-graph: a set of terms closed under congruence, partitioned into e-classes of equal
 * terms, stored as in egg (deferred rebuilding, "egg: Fast and Extensible Equality
 * Saturation", POPL 2021) over flat integer arrays.
 *
 * - An e-node is an operator code and a run of child e-class ids. Codes >= 0 are operator ids
 *   of the registry (`operatorById`); a leaf (a number or a symbol) has the code
 *   `-(k + 1)`, `k` being its index in the e-graph's own leaf table, and no children.
 * - Every e-node added gets an id from the union-find; an e-class is named by the id of one
 *   of its e-nodes (its root in the union-find). Node arrays (`nOp`, `nOff`, child pools)
 *   are `Int32Array`s indexed by node id and grown by doubling.
 * - Hash-consing: `memo` maps each e-node with canonical children to its class, so adding an
 *   e-node twice gives the same class.
 * - `union` merges two classes at once but leaves congruence to `rebuild`: the parents of the
 *   merged class go on a pending list, and `rebuild` re-canonicalises them, merging the
 *   classes of e-nodes that became equal, until nothing is pending. Then it sorts each
 *   changed class's e-nodes (by operator, arity, children) and drops duplicates. Searching
 *   (e-matching) needs a rebuilt e-graph and rebuilds first when needed.
 * - An optional analysis (`analysis.ts`) keeps data on every class.
 * - With `explanations: true`, every distinct term added keeps an id of its own (an e-node
 *   with exactly its children; one congruent to an existing e-node joins that e-node's class)
 *   and every union records its reason in a proof forest (`explain.ts`). `add` still returns
 *   classes; `addExact` returns the term's own id.
 *
 * Terms come in through a `TermOps` (default `writtenOps`: hash-consed terms as written),
 * so any term representation works.
 *
 * @example
 * const eg = new EGraph();
 * const a = eg.add(parseSexpr('(+ x y)', { mode: 'written' }));
 * const b = eg.add(parseSexpr('(+ x z)', { mode: 'written' }));
 * eg.union(eg.add(sym('y')), eg.add(sym('z')));
 * eg.rebuild();
 * eg.find(a) === eg.find(b) // true: congruence
 */
import type { Term } from '../term/term.js';
import { termOps, writtenOps, type TermOps } from '../term/interface.js';
import { operatorById, type Operator } from '../term/operator.js';
import { formatValue, isExact } from '../term/number.js';
import { EquateError } from '../term/errors.js';
import { UnionFind } from './unionfind.js';
import { NodeTable } from './memo.js';
import type { Analysis } from './analysis.js';
import { ProofForest, CONGRUENCE, type Reason } from './explain.js';

export interface EGraphOptions<D, T> {
  /** How terms are read and leaves made. Default: `writtenOps` (hash-consed `Term`s, as written). */
  ops?: TermOps<T>;
  /** The e-class analysis. Default: none. */
  analysis?: Analysis<D, T> | null;
  /**
   * Record why classes were merged, so that `explain` can tell why two terms are equal
   * (`explain.ts`). Costs memory and time. Default: false.
   */
  explanations?: boolean;
}

const EMPTY: readonly number[] = Object.freeze([]);

export class EGraph<D = unknown, T = Term> {
  readonly ops: TermOps<T>;
  readonly analysis: Analysis<D, T> | null;
  /**
   * Bumped by every change (an e-node added, a union, a class pruned): equal versions mean
   * an unchanged e-graph.
   */
  version = 0;

  /** @internal operator code of each node. */
  nOp: Int32Array;
  /** @internal children of node n are at [nOff[n], nOff[n + 1]) in `orig` and `canon`. */
  nOff: Int32Array;
  /** @internal children as added. */
  orig: Int32Array;
  /** @internal children as of the last rebuild (canonical in a rebuilt e-graph). */
  canon: Int32Array;
  /** @internal node ids of each class (null for ids that are not roots), sorted when rebuilt. */
  classNodes: (number[] | null)[] = [];

  private readonly uf = new UnionFind();
  private poolTop = 0;
  private classParents: (number[] | null)[] = [];
  private classData: (D | undefined)[] = [];
  private readonly memo = new NodeTable();
  private readonly pending: number[] = [];
  private readonly analysisPending: number[] = [];
  /** Nodes or classes whose class must be re-sorted at the next rebuild. */
  private readonly dirty: number[] = [];
  private readonly leafTerms: T[] = [];
  private readonly leafIndex = new Map<unknown, number>();
  private readonly hashConsed: boolean;
  private scratch = new Int32Array(16);
  private liveNodes = 0;
  private liveClasses = 0;
  private marks = new Int32Array(1024);
  private markStamp = 0;
  private indexVersion = -1;
  private opIndex = new Map<number, number[]>();
  private rootList: number[] = [];
  /**
   * @internal per class, bit (code & 31) set for each operator code of its e-nodes: a quick
   * "cannot hold this operator" test for e-matching. Valid while the index is.
   */
  classMask = new Int32Array(1024);
  private readonly compareNodes: (a: number, b: number) => number;
  /** The proof forest, with explanations on; else null. */
  readonly proofs: ProofForest | null;
  /** With explanations: each e-node with its exact children -> its id. */
  private readonly exact: NodeTable | null;
  private rawScratch = new Int32Array(16);
  private unionReason = 0;

  constructor(opts: EGraphOptions<D, T> = {}) {
    this.ops = opts.ops ?? (writtenOps as unknown as TermOps<T>);
    this.analysis = opts.analysis ?? null;
    this.hashConsed = (this.ops as unknown) === termOps || (this.ops as unknown) === writtenOps;
    this.proofs = opts.explanations === true ? new ProofForest() : null;
    this.exact = opts.explanations === true ? new NodeTable() : null;
    if (this.proofs !== null) this.unionReason = this.proofs.reasonIndex({ kind: 'asserted', name: 'union' });
    this.nOp = new Int32Array(1024);
    this.nOff = new Int32Array(1025);
    this.orig = new Int32Array(2048);
    this.canon = new Int32Array(2048);
    this.compareNodes = (a, b) => {
      const nOp = this.nOp;
      if (nOp[a] !== nOp[b]) return nOp[a]! - nOp[b]!;
      const nOff = this.nOff, canon = this.canon;
      const oa = nOff[a]!, ob = nOff[b]!;
      const la = nOff[a + 1]! - oa, lb = nOff[b + 1]! - ob;
      if (la !== lb) return la - lb;
      for (let j = 0; j < la; j++) {
        const d = canon[oa + j]! - canon[ob + j]!;
        if (d !== 0) return d;
      }
      return 0;
    };
  }

  // -------------------------------------------------------------------------------------
  // Sizes

  /** Number of e-classes. */
  get classCount(): number {
    return this.liveClasses;
  }

  /** Number of e-nodes in the classes (duplicates of merged classes count until the next rebuild). */
  get nodeCount(): number {
    return this.liveNodes;
  }

  /** Number of ids made (e-nodes ever added, including those merged or pruned since). */
  get idCount(): number {
    return this.uf.size;
  }

  /** Number of entries of the hash-consing table (stale ones included until it is compacted). */
  get memoSize(): number {
    return this.memo.size;
  }

  /** True when nothing awaits `rebuild`. */
  get isClean(): boolean {
    return this.pending.length === 0 && this.analysisPending.length === 0 && this.dirty.length === 0;
  }

  // -------------------------------------------------------------------------------------
  // Adding

  /**
   * Adds a term (every subterm once) and returns its class.
   * @example eg.add(parseSexpr('(* 2 (+ x 1))', { mode: 'written' }))
   */
  add(t: T): number {
    return this.uf.find(this.addExact(t));
  }

  /**
   * Adds a term and returns the id of exactly that term: with explanations on, an id of its
   * own (equal to its class, not always the class's id); otherwise its class.
   */
  addExact(t: T): number {
    return this.foldIds(t, (a) => this.addLeaf(a), (op, ids, start, n) => this.addCall(op, ids, start, n));
  }

  /**
   * Walks `t` bottom-up without recursion, each distinct subterm once: `leaf` gives a leaf's
   * id, `node` a call's id from its children's ids (`ids[start .. start + n)`). A negative id
   * stops the walk and is the result.
   */
  private foldIds(t: T, leaf: (a: T) => number, node: (op: Operator, ids: readonly number[], start: number, n: number) => number): number {
    const ops = this.ops;
    if (!ops.isCall(t)) return leaf(t);
    const seen = new Map<T, number>();
    const terms: T[] = [t];
    const kids: (readonly T[])[] = [ops.args(t)];
    const next: number[] = [0];
    const ids: number[] = [];
    while (terms.length > 0) {
      const top = terms.length - 1;
      const args = kids[top]!;
      const i = next[top]!;
      if (i < args.length) {
        next[top] = i + 1;
        const a = args[i]!;
        if (!ops.isCall(a)) {
          const id = leaf(a);
          if (id < 0) return id;
          ids.push(id);
          continue;
        }
        const hit = seen.get(a);
        if (hit !== undefined) {
          ids.push(hit);
          continue;
        }
        terms.push(a);
        kids.push(ops.args(a));
        next.push(0);
        continue;
      }
      const u = terms[top]!;
      const start = ids.length - args.length;
      const id = node(ops.operation(u), ids, start, args.length);
      if (id < 0) return id;
      ids.length = start;
      ids.push(id);
      seen.set(u, id);
      terms.pop();
      kids.pop();
      next.pop();
    }
    return ids[0]!;
  }

  /**
   * Adds the e-node `op(children)` (children are class ids) and returns its class.
   * @example eg.addNode(ADD, [eg.add(sym('x')), eg.add(int(1))])
   */
  addNode(op: Operator, children: readonly number[]): number {
    return this.addCall(op, children, 0, children.length);
  }

  /** Adds a leaf (a number or a symbol) and returns its class (its own id with explanations). */
  addLeaf(t: T): number {
    const code = this.leafCode(t, true);
    if (this.exact !== null) return this.addWithProof(code, this.rawScratch, 0, 0);
    return this.addScratch(code, 0);
  }

  /** The class of a term, or -1 when the e-graph does not hold it. */
  lookup(t: T): number {
    return this.foldIds(t, (a) => this.lookupLeaf(a), (op, ids, start, n) => this.lookupCall(op.id, ids, start, n));
  }

  /** The class of the e-node `op(children)`, or -1. */
  lookupNode(op: Operator, children: readonly number[]): number {
    return this.lookupCall(op.id, children, 0, children.length);
  }

  /** The class of a leaf, or -1. */
  lookupLeaf(t: T): number {
    const code = this.leafCode(t, false);
    if (code === 0) return -1;
    const found = this.memo.get(code, this.scratch, 0, 0);
    return found < 0 ? -1 : this.uf.find(found);
  }

  /**
   * The operator code of a leaf (`-(k + 1)`); with `create` false, 0 when the e-graph has
   * never seen it.
   * @internal
   */
  leafCode(t: T, create: boolean): number {
    const ops = this.ops;
    if (!ops.isSymbol(t) && !ops.isNumber(t)) throw new EquateError('an e-graph leaf must be a number or a symbol');
    let key: unknown = t;
    if (!this.hashConsed) {
      if (ops.isSymbol(t)) key = `s${ops.symbolName(t)}`;
      else {
        const v = ops.numberValue(t);
        key = `${isExact(v) ? 'q' : 'f'}${formatValue(v)}`;
      }
    }
    let k = this.leafIndex.get(key);
    if (k === undefined) {
      if (!create) return 0;
      k = this.leafTerms.length;
      this.leafTerms.push(t);
      this.leafIndex.set(key, k);
    }
    return -(k + 1);
  }

  /** @internal adds op(ids[start..start+n)) */
  addCall(op: Operator, ids: ArrayLike<number>, start: number, n: number): number {
    if (!op.acceptsArity(n)) throw new EquateError(op.arityMessage(n));
    if (this.exact !== null) return this.addWithProof(op.id, ids, start, n);
    const s = this.scratchFor(n);
    for (let j = 0; j < n; j++) s[j] = this.checkedFind(ids[start + j]!);
    return this.addScratch(op.id, n);
  }

  /** @internal adds `code(ids[0..n))`, the ids known to exist and the arity to be right. */
  addUnchecked(code: number, ids: Int32Array, n: number): number {
    if (this.exact !== null) return this.addWithProof(code, ids, 0, n);
    const s = this.scratchFor(n);
    const uf = this.uf;
    for (let j = 0; j < n; j++) s[j] = uf.find(ids[j]!);
    return this.addScratch(code, n);
  }

  /**
   * With explanations: adds the e-node with exactly the children `ids` and returns its own id.
   * An e-node congruent to one already there gets a new id in that class, joined to it by
   * congruence in the proof forest.
   */
  private addWithProof(code: number, ids: ArrayLike<number>, start: number, n: number): number {
    if (this.rawScratch.length < n) this.rawScratch = new Int32Array(Math.max(n, this.rawScratch.length * 2));
    const raw = this.rawScratch;
    for (let j = 0; j < n; j++) {
      const id = ids[start + j]!;
      if (!(id >= 0 && id < this.uf.size)) throw new EquateError(`no e-class with id ${id}`);
      raw[j] = id;
    }
    const exact = this.exact!;
    const hit = exact.get(code, raw, 0, n);
    if (hit >= 0) return hit;
    const s = this.scratchFor(n);
    for (let j = 0; j < n; j++) s[j] = this.uf.find(raw[j]!);
    const found = this.memo.get(code, s, 0, n);
    if (found < 0) return this.addScratch(code, n, raw);
    const id = this.uf.makeSet();
    this.store(id, code, raw, s, n);
    exact.set(code, raw, 0, n, id);
    this.uf.union(this.uf.find(found), id);
    this.proofs!.link(id, found, CONGRUENCE);
    return id;
  }

  /** Stores the e-node `id`: its code, its children as given and canonical. */
  private store(id: number, code: number, raw: Int32Array, s: Int32Array, arity: number): void {
    this.reserve(id + 1, arity);
    const o = this.poolTop;
    this.nOp[id] = code;
    this.nOff[id] = o;
    this.nOff[id + 1] = o + arity;
    for (let j = 0; j < arity; j++) {
      this.orig[o + j] = raw[j]!;
      this.canon[o + j] = s[j]!;
    }
    this.poolTop = o + arity;
  }

  private lookupCall(code: number, ids: ArrayLike<number>, start: number, n: number): number {
    const s = this.scratchFor(n);
    for (let j = 0; j < n; j++) s[j] = this.checkedFind(ids[start + j]!);
    const found = this.memo.get(code, s, 0, n);
    return found < 0 ? -1 : this.uf.find(found);
  }

  private scratchFor(n: number): Int32Array {
    if (this.scratch.length < n) this.scratch = new Int32Array(Math.max(n, this.scratch.length * 2));
    return this.scratch;
  }

  /**
   * Adds the node `code(scratch[0..arity))`, its children canonical (`raw`: the children as
   * given, with explanations; then the node is known not to be in the e-graph).
   */
  private addScratch(code: number, arity: number, raw: Int32Array | null = null): number {
    const s = this.scratch;
    if (raw === null) {
      const found = this.memo.get(code, s, 0, arity);
      if (found >= 0) return this.uf.find(found);
    }
    const id = this.uf.makeSet();
    this.store(id, code, raw ?? s, s, arity);
    for (let j = 0; j < arity; j++) this.classParents[s[j]!]!.push(id);
    if (raw !== null) this.exact!.set(code, raw, 0, arity, id);
    this.classNodes[id] = [id];
    this.classParents[id] = [];
    this.memo.set(code, s, 0, arity, id);
    this.liveNodes++;
    this.liveClasses++;
    this.version++;
    const analysis = this.analysis;
    if (analysis !== null) {
      this.classData[id] = analysis.make(this, id);
      if (analysis.modify !== undefined) analysis.modify(this, id);
    }
    return raw !== null ? id : this.uf.find(id);
  }

  private reserve(nodes: number, arity: number): void {
    if (nodes + 1 > this.nOff.length) {
      let cap = this.nOp.length * 2;
      while (cap + 1 < nodes + 1) cap *= 2;
      const op = new Int32Array(cap);
      op.set(this.nOp);
      this.nOp = op;
      const off = new Int32Array(cap + 1);
      off.set(this.nOff);
      this.nOff = off;
    }
    const need = this.poolTop + arity;
    if (need > this.orig.length) {
      let cap = this.orig.length * 2;
      while (cap < need) cap *= 2;
      const o = new Int32Array(cap);
      o.set(this.orig);
      this.orig = o;
      const c = new Int32Array(cap);
      c.set(this.canon);
      this.canon = c;
    }
  }

  // -------------------------------------------------------------------------------------
  // Union-find

  /**
   * The canonical id of `id`'s class.
   * @example eg.find(eg.add(sym('x')))
   */
  find(id: number): number {
    return this.checkedFind(id);
  }

  /** `find` without the range check. @internal */
  root(id: number): number {
    return this.uf.find(id);
  }

  private checkedFind(id: number): number {
    if (!(id >= 0 && id < this.uf.size)) throw new EquateError(`no e-class with id ${id}`);
    return this.uf.find(id);
  }

  /**
   * Merges the classes of `a` and `b`; true when they were different. Congruence (parents
   * becoming equal) is restored by `rebuild`.
   * @example eg.union(eg.add(sym('x')), eg.add(sym('y'))) // true
   */
  union(a: number, b: number): boolean {
    return this.unionWith(a, b, this.unionReason);
  }

  /**
   * Merges the classes of `a` and `b` for a reason the explanations record (a rule, constant
   * folding, ...): `a` and `b` are then the ids of the exact terms it equates.
   */
  unionBecause(a: number, b: number, reason: Reason): boolean {
    return this.unionWith(a, b, this.proofs === null ? 0 : this.proofs.reasonIndex(reason));
  }

  private unionWith(a: number, b: number, reason: number): boolean {
    let r1 = this.checkedFind(a);
    let r2 = this.checkedFind(b);
    if (r1 === r2) return false;
    if (this.proofs !== null) this.proofs.link(a, b, reason);
    const parents = this.classParents;
    if (parents[r1]!.length < parents[r2]!.length) {
      const t = r1;
      r1 = r2;
      r2 = t;
    }
    this.uf.union(r1, r2);
    const p1 = parents[r1]!, p2 = parents[r2]!;
    const pending = this.pending;
    for (let i = 0; i < p2.length; i++) {
      pending.push(p2[i]!);
      p1.push(p2[i]!);
    }
    const n1 = this.classNodes[r1]!, n2 = this.classNodes[r2]!;
    for (let i = 0; i < n2.length; i++) n1.push(n2[i]!);
    parents[r2] = null;
    this.classNodes[r2] = null;
    this.liveClasses--;
    this.version++;
    this.dirty.push(r1);
    const analysis = this.analysis;
    if (analysis !== null) {
      const a1 = this.classData[r1] as D, a2 = this.classData[r2] as D;
      this.classData[r2] = undefined;
      const merged = analysis.merge(a1, a2);
      this.classData[r1] = merged;
      const same = analysis.equal;
      if (merged !== a1 && (same === undefined || !same(merged, a1))) {
        // p1 now also holds p2; the first p1.length - p2.length entries are r1's own parents.
        const own = p1.length - p2.length;
        for (let i = 0; i < own; i++) this.analysisPending.push(p1[i]!);
      }
      if (merged !== a2 && (same === undefined || !same(merged, a2))) for (let i = 0; i < p2.length; i++) this.analysisPending.push(p2[i]!);
      if (analysis.modify !== undefined) analysis.modify(this, r1);
    }
    return true;
  }

  // -------------------------------------------------------------------------------------
  // Rebuilding

  /**
   * Restores the invariants after unions: congruent e-nodes in one class, analysis data up
   * to date, every class's e-nodes canonical, sorted and without duplicates. Returns the
   * number of unions congruence caused.
   * @example eg.rebuild()
   */
  rebuild(): number {
    let unions = 0;
    const uf = this.uf;
    const pending = this.pending, analysisPending = this.analysisPending;
    while (pending.length > 0 || analysisPending.length > 0) {
      while (pending.length > 0) {
        const n = pending.pop()!;
        const canon = this.canon, nOff = this.nOff;
        const o = nOff[n]!, end = nOff[n + 1]!;
        for (let j = o; j < end; j++) canon[j] = uf.find(canon[j]!);
        this.dirty.push(n);
        const prev = this.memo.set(this.nOp[n]!, canon, o, end - o, n);
        if (prev >= 0 && this.unionWith(prev, n, CONGRUENCE)) unions++;
      }
      const analysis = this.analysis;
      while (analysis !== null && analysisPending.length > 0) {
        const n = analysisPending.pop()!;
        const c = uf.find(n);
        const old = this.classData[c] as D;
        const merged = analysis.merge(old, analysis.make(this, n));
        if (merged !== old && (analysis.equal === undefined || !analysis.equal(merged, old))) {
          this.classData[c] = merged;
          const ps = this.classParents[c]!;
          for (let i = 0; i < ps.length; i++) analysisPending.push(ps[i]!);
          if (analysis.modify !== undefined) analysis.modify(this, c);
        }
      }
    }
    this.rebuildClasses();
    if (this.memo.size > 2 * uf.size + 1024) this.compactMemo();
    return unions;
  }

  /** Canonicalises, sorts and deduplicates the e-nodes of the classes changed since the last rebuild. */
  private rebuildClasses(): void {
    const dirty = this.dirty;
    if (dirty.length === 0) return;
    const uf = this.uf;
    if (this.marks.length < uf.size) {
      let cap = this.marks.length * 2;
      while (cap < uf.size) cap *= 2;
      this.marks = new Int32Array(cap);
      this.markStamp = 0;
    }
    const stamp = ++this.markStamp;
    const marks = this.marks;
    const canon = this.canon, nOff = this.nOff;
    for (let d = 0; d < dirty.length; d++) {
      const c = uf.find(dirty[d]!);
      if (marks[c] === stamp) continue;
      marks[c] = stamp;
      const ns = this.classNodes[c]!;
      for (let i = 0; i < ns.length; i++) {
        const n = ns[i]!;
        for (let j = nOff[n]!, end = nOff[n + 1]!; j < end; j++) canon[j] = uf.find(canon[j]!);
      }
      if (ns.length > 1) {
        ns.sort(this.compareNodes);
        let w = 1;
        for (let i = 1; i < ns.length; i++) {
          if (this.compareNodes(ns[w - 1]!, ns[i]!) !== 0) ns[w++] = ns[i]!;
        }
        this.liveNodes -= ns.length - w;
        ns.length = w;
      }
    }
    dirty.length = 0;
  }

  /** Rebuilds the hash-consing table from every node id, dropping stale keys. */
  private compactMemo(): void {
    const memo = this.memo, uf = this.uf;
    memo.clear();
    const nOp = this.nOp, nOff = this.nOff, canon = this.canon;
    for (let n = 0; n < uf.size; n++) {
      const o = nOff[n]!, arity = nOff[n + 1]! - o;
      const s = this.scratchFor(arity);
      for (let j = 0; j < arity; j++) s[j] = uf.find(canon[o + j]!);
      memo.set(nOp[n]!, s, 0, arity, uf.find(n));
    }
  }

  // -------------------------------------------------------------------------------------
  // Reading

  /** The canonical ids of all classes, ascending. */
  classes(): number[] {
    const out: number[] = [];
    const cn = this.classNodes;
    for (let c = 0; c < cn.length; c++) if (cn[c] != null) out.push(c);
    return out;
  }

  /** The e-node ids of `eclass` (sorted by operator after a rebuild). */
  nodes(eclass: number): readonly number[] {
    return this.classNodes[this.checkedFind(eclass)] ?? EMPTY;
  }

  /** The e-nodes that have `eclass` among their children (possibly repeated). */
  parents(eclass: number): readonly number[] {
    return this.classParents[this.checkedFind(eclass)] ?? EMPTY;
  }

  /** The analysis data of `eclass`. */
  data(eclass: number): D {
    return this.classData[this.checkedFind(eclass)] as D;
  }

  /**
   * Replaces the analysis data of `eclass` (from `modify`); its parents are re-analysed at
   * the next rebuild.
   */
  setData(eclass: number, d: D): void {
    const c = this.checkedFind(eclass);
    if (this.classData[c] === d) return;
    this.classData[c] = d;
    const ps = this.classParents[c]!;
    for (let i = 0; i < ps.length; i++) this.analysisPending.push(ps[i]!);
  }

  /** The operator of e-node `node`, or null for a leaf. */
  nodeOperator(node: number): Operator | null {
    const code = this.nOp[this.checkNode(node)]!;
    return code >= 0 ? operatorById(code) : null;
  }

  /** The operator code of e-node `node` (see the header). */
  nodeCode(node: number): number {
    return this.nOp[this.checkNode(node)]!;
  }

  /** The term of a leaf e-node (a number or a symbol), or null for a call. */
  nodeLeaf(node: number): T | null {
    const code = this.nOp[this.checkNode(node)]!;
    return code < 0 ? this.leafTerms[-code - 1]! : null;
  }

  /** The term of leaf code `code`. @internal */
  leafOfCode(code: number): T {
    return this.leafTerms[-code - 1]!;
  }

  /** Number of children of e-node `node`. */
  nodeArity(node: number): number {
    this.checkNode(node);
    return this.nOff[node + 1]! - this.nOff[node]!;
  }

  /** The canonical class of child `i` of e-node `node`. */
  nodeChild(node: number, i: number): number {
    this.checkNode(node);
    const o = this.nOff[node]!;
    if (!(i >= 0 && o + i < this.nOff[node + 1]!)) throw new EquateError(`e-node ${node} has no child ${i}`);
    return this.uf.find(this.canon[o + i]!);
  }

  /** Child `i` of e-node `node` as it was added (with explanations, the id of the exact subterm). */
  exactChild(node: number, i: number): number {
    this.checkNode(node);
    const o = this.nOff[node]!;
    if (!(i >= 0 && o + i < this.nOff[node + 1]!)) throw new EquateError(`e-node ${node} has no child ${i}`);
    return this.orig[o + i]!;
  }

  /** The canonical classes of the children of e-node `node`. */
  nodeChildren(node: number): number[] {
    this.checkNode(node);
    const out: number[] = [];
    for (let j = this.nOff[node]!, end = this.nOff[node + 1]!; j < end; j++) out.push(this.uf.find(this.canon[j]!));
    return out;
  }

  private checkNode(node: number): number {
    if (!(node >= 0 && node < this.uf.size)) throw new EquateError(`no e-node with id ${node}`);
    return node;
  }

  /**
   * Keeps only the leaves (numbers, symbols, nullary calls) among the e-nodes of `eclass`:
   * what egg's constant folding does once a class is known to be a constant.
   */
  keepLeaves(eclass: number): void {
    const c = this.checkedFind(eclass);
    const ns = this.classNodes[c]!;
    const nOff = this.nOff;
    let w = 0;
    for (let i = 0; i < ns.length; i++) {
      const n = ns[i]!;
      if (nOff[n + 1] === nOff[n]) ns[w++] = n;
    }
    if (w === ns.length || w === 0) return;
    this.liveNodes -= ns.length - w;
    ns.length = w;
    this.version++;
  }

  /**
   * The classes holding an e-node with operator code `code` (rebuilds first when needed).
   * @internal
   */
  classesWithCode(code: number): readonly number[] {
    this.refreshIndex();
    return this.opIndex.get(code) ?? EMPTY;
  }

  /** The canonical ids of all classes, cached until the next change (rebuilds first). @internal */
  classList(): readonly number[] {
    this.refreshIndex();
    return this.rootList;
  }

  /** The classes holding an e-node of `op` (rebuilds first when needed). */
  classesWith(op: Operator): readonly number[] {
    return this.classesWithCode(op.id);
  }

  private refreshIndex(): void {
    if (!this.isClean) this.rebuild();
    if (this.indexVersion === this.version) return;
    const index = new Map<number, number[]>();
    const roots: number[] = [];
    const cn = this.classNodes, nOp = this.nOp;
    if (this.classMask.length < cn.length) {
      let cap = Math.max(1024, this.classMask.length);
      while (cap < cn.length) cap *= 2;
      this.classMask = new Int32Array(cap);
    }
    const masks = this.classMask;
    for (let c = 0; c < cn.length; c++) {
      const ns = cn[c];
      if (ns == null) continue;
      roots.push(c);
      let last = 0, mask = 0;
      for (let i = 0; i < ns.length; i++) {
        const code = nOp[ns[i]!]!;
        if (i > 0 && code === last) continue;
        last = code;
        mask |= 1 << (code & 31);
        let list = index.get(code);
        if (list === undefined) index.set(code, (list = []));
        list.push(c);
      }
      masks[c] = mask;
    }
    this.opIndex = index;
    this.rootList = roots;
    this.indexVersion = this.version;
  }

  toString(): string {
    return `EGraph(${this.liveClasses} classes, ${this.liveNodes} nodes)`;
  }
}
