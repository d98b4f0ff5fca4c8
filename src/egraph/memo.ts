/**
 * The hash-consing table of an e-graph: e-node -> e-class id, with e-nodes given as an
 * operator code and a run of child ids in some `Int32Array` (no object per lookup). Open
 * addressing with linear probing; keys are copied into one growable pool, so a key stays
 * valid however its source changes. Entries are never removed one by one: a key whose
 * children have since been merged is stale but harmless (lookups use canonical children,
 * which never equal it), and `clear` empties the table when the e-graph compacts it.
 *
 * @example
 * const memo = new NodeTable();
 * memo.set(7, Int32Array.of(1, 2), 0, 2, 10);
 * memo.get(7, Int32Array.of(1, 2), 0, 2) // 10
 */
export class NodeTable {
  /** Offset + 1 of each slot's key in `keys` (0: empty slot). */
  private slots: Int32Array;
  private hashes: Int32Array;
  private values: Int32Array;
  /** Keys, each `op, arity, child...`. */
  private keys: Int32Array;
  private top = 0;
  private mask: number;
  /** Number of entries. */
  size = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.slots = new Int32Array(cap);
    this.hashes = new Int32Array(cap);
    this.values = new Int32Array(cap);
    this.keys = new Int32Array(cap * 2);
    this.mask = cap - 1;
  }

  /** Bytes held by the table's arrays. */
  get bytes(): number {
    return this.slots.byteLength + this.hashes.byteLength + this.values.byteLength + this.keys.byteLength;
  }

  /** The value stored for the node, or -1. */
  get(op: number, children: Int32Array, start: number, arity: number): number {
    const h = hashNode(op, children, start, arity);
    const slots = this.slots, hashes = this.hashes, keys = this.keys, mask = this.mask;
    let i = h & mask;
    for (;;) {
      const s = slots[i]!;
      if (s === 0) return -1;
      if (hashes[i] === h && sameKey(keys, s - 1, op, children, start, arity)) return this.values[i]!;
      i = (i + 1) & mask;
    }
  }

  /** Stores `value` for the node; returns the value it replaces, or -1. */
  set(op: number, children: Int32Array, start: number, arity: number, value: number): number {
    const h = hashNode(op, children, start, arity);
    const mask = this.mask;
    let i = h & mask;
    for (;;) {
      const s = this.slots[i]!;
      if (s === 0) break;
      if (this.hashes[i] === h && sameKey(this.keys, s - 1, op, children, start, arity)) {
        const old = this.values[i]!;
        this.values[i] = value;
        return old;
      }
      i = (i + 1) & mask;
    }
    const at = this.top;
    const need = at + 2 + arity;
    if (need > this.keys.length) {
      let cap = this.keys.length * 2;
      while (cap < need) cap *= 2;
      const grown = new Int32Array(cap);
      grown.set(this.keys.subarray(0, at));
      this.keys = grown;
    }
    const keys = this.keys;
    keys[at] = op;
    keys[at + 1] = arity;
    for (let j = 0; j < arity; j++) keys[at + 2 + j] = children[start + j]!;
    this.top = need;
    this.slots[i] = at + 1;
    this.hashes[i] = h;
    this.values[i] = value;
    if (++this.size * 2 > this.slots.length) this.grow();
    return -1;
  }

  /** Removes every entry (keeps the allocated space). */
  clear(): void {
    this.slots.fill(0);
    this.top = 0;
    this.size = 0;
  }

  private grow(): void {
    const oldSlots = this.slots, oldHashes = this.hashes, oldValues = this.values;
    const cap = oldSlots.length * 2;
    this.slots = new Int32Array(cap);
    this.hashes = new Int32Array(cap);
    this.values = new Int32Array(cap);
    this.mask = cap - 1;
    for (let j = 0; j < oldSlots.length; j++) {
      const s = oldSlots[j]!;
      if (s === 0) continue;
      const h = oldHashes[j]!;
      let i = h & this.mask;
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.slots[i] = s;
      this.hashes[i] = h;
      this.values[i] = oldValues[j]!;
    }
  }
}

function sameKey(keys: Int32Array, at: number, op: number, children: Int32Array, start: number, arity: number): boolean {
  if (keys[at] !== op || keys[at + 1] !== arity) return false;
  for (let j = 0; j < arity; j++) if (keys[at + 2 + j] !== children[start + j]) return false;
  return true;
}

/** Hash of an e-node (operator code, arity, children), spread over all 32 bits. */
export function hashNode(op: number, children: Int32Array, start: number, arity: number): number {
  let h = Math.imul(op ^ 0x2c1b3c6d, 0x9e3779b1) ^ arity;
  for (let j = 0; j < arity; j++) {
    h = Math.imul(h ^ children[start + j]!, 0x85ebca6b);
    h ^= h >>> 13;
  }
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return h ^ (h >>> 16);
}
