/**
 * Union-find over small integer ids, kept in one growable `Int32Array` of parents. `find`
 * compresses paths by halving (each node visited points to its grandparent), so a long chain
 * flattens as it is walked, as egg's `find_mut` does.
 *
 * @example
 * const uf = new UnionFind();
 * const a = uf.makeSet(), b = uf.makeSet();
 * uf.union(a, b); // b's root now points to a
 * uf.find(b) === a // true
 */
export class UnionFind {
  /** Parent of each id (its own id for a root). Read-only outside this class. */
  parents: Int32Array;
  private count = 0;

  constructor(capacity = 1024) {
    this.parents = new Int32Array(Math.max(16, capacity));
  }

  /** Number of ids made so far. */
  get size(): number {
    return this.count;
  }

  /** A new singleton set; its id is the number of ids made before it. */
  makeSet(): number {
    const id = this.count;
    if (id === this.parents.length) {
      const grown = new Int32Array(this.parents.length * 2);
      grown.set(this.parents);
      this.parents = grown;
    }
    this.parents[id] = id;
    this.count = id + 1;
    return id;
  }

  /** The root of `id`'s set, halving the path on the way. */
  find(id: number): number {
    const p = this.parents;
    let x = id;
    let parent = p[x]!;
    while (parent !== x) {
      const grand = p[parent]!;
      p[x] = grand;
      x = grand;
      parent = p[x]!;
    }
    return x;
  }

  /** The root of `id`'s set without changing anything. */
  findConst(id: number): number {
    const p = this.parents;
    let x = id;
    while (p[x] !== x) x = p[x]!;
    return x;
  }

  /** Joins two roots: `root2` points to `root1`, which stays the root. Returns `root1`. */
  union(root1: number, root2: number): number {
    this.parents[root2] = root1;
    return root1;
  }
}
