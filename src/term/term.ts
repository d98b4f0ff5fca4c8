/**
 * The default term representation: immutable and hash-consed. Structurally equal terms are
 * the same object (compare with `===`), each with a cached structural hash and a small
 * integer id. The intern table holds terms weakly, so terms nobody uses are reclaimed.
 *
 * JavaScript keeps every object reached through a WeakRef alive until the current job
 * (synchronous run of code) ends, so the terms a long synchronous computation drops are
 * reclaimed once it returns to the event loop; the table itself sweeps its dead entries
 * whenever it has doubled since the last sweep.
 */
import type { Operator } from './operator.js';
import { type Value, Fraction, equals as valueEquals, hashValue, isExact } from './number.js';
import { hashString, mix, finish } from './hash.js';
import { limits } from './limits.js';
import { EquateError, LimitError } from './errors.js';

export const NUM = 0;
export const SYM = 1;
export const CALL = 2;
export type Kind = typeof NUM | typeof SYM | typeof CALL;

/** Assumptions a symbol may carry (a bit set). */
export const Assume = {
  real: 1,
  positive: 2,
  integer: 4,
  nonzero: 8,
  nonnegative: 16,
} as const;
export type AssumptionName = keyof typeof Assume;

const NO_ARGS: readonly Term[] = Object.freeze([]);
const MAX_SIZE = 2 ** 30;

export class Term {
  /** Small integer id, unique among live terms. */
  readonly id: number;
  /** Structural hash (the same in every run). */
  readonly hash: number;
  readonly kind: Kind;
  /** Head of a call; null for leaves. */
  readonly op: Operator | null;
  readonly args: readonly Term[];
  /** Value of a number leaf. */
  readonly value: Value | null;
  /** Name of a symbol leaf. */
  readonly name: string | null;
  /** Assumption bits of a symbol (see `Assume`). */
  readonly flags: number;
  /** 1 for leaves, 1 + the deepest argument for calls. */
  readonly depth: number;
  /** Number of nodes of the tree (shared subterms counted each time), saturating at 2^30. */
  readonly size: number;
  /** Owned by canonical construction (the monomial of a product). Other layers key their own maps by term or id. */
  cache: unknown;
  /**
   * Known to be in canonical form (set by `canonicalize`, owned by canonical construction).
   * Canonical form is a property of the structure, so the mark holds however the term was made.
   */
  canonical: boolean;

  /** @internal use `sym`, `num` or `call`. */
  constructor(id: number, hash: number, kind: Kind, op: Operator | null, args: readonly Term[], value: Value | null, name: string | null, flags: number) {
    this.id = id;
    this.hash = hash;
    this.kind = kind;
    this.op = op;
    this.args = args;
    this.value = value;
    this.name = name;
    this.flags = flags;
    let depth = 0, size = 1;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a.depth > depth) depth = a.depth;
      size += a.size;
    }
    this.depth = depth + 1;
    this.size = size > MAX_SIZE ? MAX_SIZE : size;
    this.cache = undefined;
    this.canonical = kind !== CALL;
  }

  isNumber(): boolean {
    return this.kind === NUM;
  }
  isSymbol(): boolean {
    return this.kind === SYM;
  }
  isCall(): boolean {
    return this.kind === CALL;
  }
}

// ---------------------------------------------------------------------------------------
// The intern table: hash -> WeakRef (or a small array of them on collisions).

type Slot = WeakRef<Term> | WeakRef<Term>[];
const table = new Map<number, Slot>();
let entries = 0;
let nextSweep = 1 << 16;
let nextId = 1;

/**
 * A direct-mapped cache of recently made or found terms, held strongly: hits skip the weak
 * table (a WeakRef dereference is costly). Its fixed size bounds what it keeps alive.
 */
const CACHE_BITS = 15;
const CACHE_MASK = (1 << CACHE_BITS) - 1;
const recent: (Term | undefined)[] = new Array<Term | undefined>(1 << CACHE_BITS).fill(undefined);

function lookup(hash: number, same: (t: Term) => boolean): Term | undefined {
  const slot = table.get(hash);
  if (slot === undefined) return undefined;
  if (!Array.isArray(slot)) {
    const t = slot.deref();
    return t !== undefined && same(t) ? t : undefined;
  }
  for (let i = 0; i < slot.length; i++) {
    const t = slot[i]!.deref();
    if (t !== undefined && same(t)) return t;
  }
  return undefined;
}

function insert(t: Term): Term {
  recent[t.hash & CACHE_MASK] = t;
  const ref = new WeakRef(t);
  const slot = table.get(t.hash);
  if (slot === undefined) table.set(t.hash, ref);
  else if (Array.isArray(slot)) {
    // Reuse a dead entry in the bucket if there is one.
    let placed = false;
    for (let i = 0; i < slot.length; i++) {
      if (slot[i]!.deref() === undefined) {
        slot[i] = ref;
        placed = true;
        entries--;
        break;
      }
    }
    if (!placed) slot.push(ref);
  } else if (slot.deref() === undefined) {
    table.set(t.hash, ref);
    entries--;
  } else table.set(t.hash, [slot, ref]);
  entries++;
  if (entries > nextSweep) sweep();
  return t;
}

/** Drops dead entries; runs whenever the table has doubled since the last sweep. */
function sweep(): void {
  let live = 0;
  for (const [h, slot] of table) {
    if (!Array.isArray(slot)) {
      if (slot.deref() === undefined) table.delete(h);
      else live++;
    } else {
      const kept = slot.filter((r) => r.deref() !== undefined);
      if (kept.length === 0) table.delete(h);
      else table.set(h, kept.length === 1 ? kept[0]! : kept);
      live += kept.length;
    }
  }
  entries = live;
  nextSweep = Math.max(1 << 16, live * 2);
}

/** Size of the intern table (entries, live or not yet swept); `sweep` forces a sweep first. */
export function internTableSize(opts: { sweep?: boolean } = {}): number {
  if (opts.sweep) sweep();
  return entries;
}

// ---------------------------------------------------------------------------------------
// Constructors

/**
 * The symbol `name`, optionally with assumptions. Any string is a valid name, including
 * `__proto__` or `constructor`.
 * @example sym('x') === sym('x') // true
 */
export function sym(name: string, assumptions: number | readonly AssumptionName[] = 0): Term {
  const flags = typeof assumptions === 'number' ? assumptions : assumptions.reduce((f, a) => f | Assume[a], 0);
  const hash = finish(mix(hashString(name, 0x73796d), flags));
  const hit = recent[hash & CACHE_MASK];
  if (hit !== undefined && hit.hash === hash && hit.kind === SYM && hit.name === name && hit.flags === flags) return hit;
  const found = lookup(hash, (t) => t.kind === SYM && t.name === name && t.flags === flags);
  if (found) return (recent[hash & CACHE_MASK] = found);
  return insert(new Term(nextId++, hash, SYM, null, NO_ARGS, null, name, flags));
}

/**
 * A number leaf: an exact rational or a finite float (`-0` is `0`).
 * @example num(exact(1, 2)) === num(exact(2, 4)) // true
 */
export function num(v: Value | number | bigint): Term {
  let value: Value;
  if (typeof v === 'bigint') value = new Fraction(v);
  else value = v;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new EquateError(`not a finite number: ${value}`);
    if (value === 0) value = 0;
  }
  const hash = hashValue(value);
  const exactValue = isExact(value);
  const hit = recent[hash & CACHE_MASK];
  if (hit !== undefined && hit.hash === hash && hit.kind === NUM && isExact(hit.value!) === exactValue && valueEquals(hit.value!, value)) return hit;
  const found = lookup(hash, (t) => t.kind === NUM && isExact(t.value!) === exactValue && valueEquals(t.value!, value));
  if (found) return (recent[hash & CACHE_MASK] = found);
  return insert(new Term(nextId++, hash, NUM, null, NO_ARGS, value, null, 0));
}

const SMALL = 1024;
const smallInts: Term[] = [];

/** Integer number leaf. */
export function int(n: number | bigint): Term {
  if (typeof n === 'number' && Number.isInteger(n) && n >= -SMALL && n <= SMALL) {
    return smallInts[n + SMALL] ?? (smallInts[n + SMALL] = num(new Fraction(n)));
  }
  return num(new Fraction(n));
}

/**
 * A call `op(args...)` exactly as given (as-written mode: no simplification). Checks the
 * arity and the depth limit.
 */
export function call(op: Operator, args: readonly Term[]): Term {
  if (!op.acceptsArity(args.length)) throw new EquateError(op.arityMessage(args.length));
  let h = mix(0x63616c6c, op.hash);
  let depth = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    h = mix(h, a.hash);
    if (a.depth > depth) depth = a.depth;
  }
  if (depth + 1 > limits.maxDepth) throw new LimitError('depth', `term deeper than ${limits.maxDepth} levels`);
  const hash = finish(h ^ args.length);
  const hit = recent[hash & CACHE_MASK];
  if (hit !== undefined && hit.hash === hash && hit.op === op && sameArgs(hit.args, args)) return hit;
  const slot = table.get(hash);
  if (slot !== undefined) {
    if (!Array.isArray(slot)) {
      const t = slot.deref();
      if (t !== undefined && t.op === op && sameArgs(t.args, args)) return (recent[hash & CACHE_MASK] = t);
    } else {
      for (let i = 0; i < slot.length; i++) {
        const t = slot[i]!.deref();
        if (t !== undefined && t.op === op && sameArgs(t.args, args)) return (recent[hash & CACHE_MASK] = t);
      }
    }
  }
  return insert(new Term(nextId++, hash, CALL, op, args.slice(), null, null, 0));
}

function sameArgs(a: readonly Term[], b: readonly Term[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
