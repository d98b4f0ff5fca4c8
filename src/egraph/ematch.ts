/**
 * E-matching: finding every way a pattern matches in an e-graph. A pattern (the rule
 * language's `Pattern`, the same object the classical rewriter reads) is compiled once into
 * a specialised JavaScript function, generated as source text: one nested loop per call of
 * the pattern, over the e-nodes of the class with the call's operator (found by binary
 * search, the class's e-nodes being sorted by operator), and a plain comparison for every
 * repeated variable and every ground subpattern (looked up once per search). Matching the
 * pattern `(+ ?a (+ ?b ?c))` runs as
 *
 * ```
 * for each root class c0 holding a + node:
 *   for each node (+ x y) of c0:          // a = x
 *     for each node (+ u v) of class y:   // b = u, c = v
 *       record (c0, x, u, v)
 * ```
 *
 * with children ordered so that cheap tests (ground children, bound variables) come before
 * the loops of nested calls. Nothing is allocated per candidate.
 *
 * The roots searched: the classes holding the pattern's operator (from the e-graph's
 * operator-to-classes index), every class for a bare variable, the one class of a ground
 * pattern.
 *
 * No AC matching: a call matches e-nodes of the same operator and arity, argument by argument
 * (sums and products are matched as the e-nodes have them, binary or n-ary). A segment
 * variable (`?xs...`) takes the run of children its neighbours leave, wherever it stands. A
 * typed slot (`?n::isInteger`) matches a class when the predicate accepts one of its leaves,
 * or a representative term of one of its other e-nodes.
 *
 * @example
 * const p = compilePattern(parsePattern('(+ ?a (+ ?b ?c))', { syntax: 'sexpr', mode: 'written' }));
 * const ms = p.search(egraph);
 * ms.count // number of matches; ms.eclass(i), ms.get(i, 'a')
 */
import type { Pattern, PatternVariable } from '../rewrite/pattern.js';
import { checkPattern, isGround, printPattern, variables } from '../rewrite/pattern.js';
import { getPredicate, type Predicate } from '../rewrite/predicate.js';
import { EquateError } from '../term/errors.js';
import type { EGraph } from './egraph.js';
import { representative } from './extract.js';

/**
 * The matches of one search, flat: match i is `data[i * stride]` (the class matched), then
 * one entry per pattern variable in the order of `variables`: a class id for a slot, an
 * index into `segments` for a segment (the run of class ids it took).
 */
export class Matches {
  count = 0;
  readonly data: number[] = [];
  readonly segments: Int32Array[] = [];
  constructor(
    readonly stride: number,
    readonly index: ReadonlyMap<string, number>,
  ) {}

  /** The class of match `i`. */
  eclass(i: number): number {
    return this.data[i * this.stride]!;
  }

  /** The class bound to slot `name` in match `i`. */
  get(i: number, name: string): number {
    const v = this.index.get(name);
    if (v === undefined) throw new EquateError(`pattern variable '${name}' is not bound`);
    return this.data[i * this.stride + 1 + v]!;
  }

  /** The classes bound to segment `name` in match `i`. */
  getSegment(i: number, name: string): readonly number[] {
    return Array.from(this.segments[this.get(i, name)]!);
  }

  clear(): void {
    this.count = 0;
    this.data.length = 0;
    this.segments.length = 0;
  }
}

type Search = (
  eg: EGraph<unknown, unknown>, roots: readonly number[], nroots: number, out: number[], segs: Int32Array[],
  grounds: Int32Array, preds: ((eg: EGraph<unknown, unknown>, c: number) => boolean)[], limit: number,
) => number;

/** A pattern compiled for e-matching. */
export class EPattern {
  readonly pattern: Pattern;
  readonly variables: readonly PatternVariable[];
  /** Slot number of each variable. */
  readonly index: ReadonlyMap<string, number>;
  /** The generated source of the search function (for the curious). */
  readonly source: string;
  private readonly run: Search;
  private readonly grounds: readonly Pattern[];
  private readonly predicates: ((eg: EGraph<unknown, unknown>, c: number) => boolean)[];
  private readonly groundRoot: boolean;
  private readonly rootCode: number | null;
  private readonly groundIds: Int32Array;

  constructor(pattern: Pattern) {
    checkPattern(pattern);
    this.pattern = pattern;
    this.variables = variables(pattern);
    this.index = new Map(this.variables.map((v, i) => [v.name, i]));
    const gen = generate(pattern, this.variables, this.index);
    this.source = gen.source;
    this.grounds = gen.grounds;
    this.predicates = gen.predicates.map((name) => {
      if (name === null) return () => true;
      const pred = getPredicate(name);
      return (eg: EGraph<unknown, unknown>, c: number) => classSatisfies(eg, pred, c);
    });
    this.run = new Function('first', 'sameRun', 'allIn', gen.source)(first, sameRun, allIn) as Search;
    this.groundRoot = isGround(pattern);
    this.rootCode = pattern.type === 'call' && !this.groundRoot ? pattern.op.id : null;
    this.groundIds = new Int32Array(this.grounds.length);
  }

  /** Entries per match in `Matches.data`. */
  get stride(): number {
    return 1 + this.variables.length;
  }

  /**
   * Every match in the e-graph (at most `limit`), appended to `out`. Rebuilds the e-graph
   * first when it is not clean.
   * @example compilePattern(parsePattern('(* ?x 1)', { syntax: 'sexpr', mode: 'written' })).search(eg).count
   */
  search<D, T>(egraph: EGraph<D, T>, limit = Infinity, out?: Matches): Matches {
    const eg = egraph as unknown as EGraph<unknown, unknown>;
    const ms = out ?? new Matches(this.stride, this.index);
    let roots: readonly number[];
    if (this.rootCode !== null) roots = eg.classesWithCode(this.rootCode);
    else {
      roots = eg.classList();
      if (this.groundRoot) {
        const g = groundClass(eg, this.pattern);
        roots = g < 0 ? [] : [g];
      }
    }
    return this.runOn(eg, roots, limit, ms);
  }

  /** The matches rooted in class `eclass` (at most `limit`). */
  searchClass<D, T>(egraph: EGraph<D, T>, eclass: number, limit = Infinity, out?: Matches): Matches {
    const eg = egraph as unknown as EGraph<unknown, unknown>;
    eg.classList();
    const ms = out ?? new Matches(this.stride, this.index);
    return this.runOn(eg, [eg.find(eclass)], limit, ms);
  }

  /** True when the pattern matches in class `eclass`. */
  matchesIn<D, T>(egraph: EGraph<D, T>, eclass: number): boolean {
    return this.searchClass(egraph, eclass, 1).count > 0;
  }

  private runOn(eg: EGraph<unknown, unknown>, roots: readonly number[], limit: number, ms: Matches): Matches {
    if (roots.length === 0 || limit <= 0) return ms;
    const g = this.groundIds;
    for (let i = 0; i < this.grounds.length; i++) {
      const id = groundClass(eg, this.grounds[i]!);
      if (id < 0) return ms;
      g[i] = id;
    }
    ms.count += this.run(eg, roots, roots.length, ms.data, ms.segments, g, this.predicates, limit);
    return ms;
  }
}

const compiled = new WeakMap<object, EPattern>();

/**
 * The pattern compiled for e-matching (once per pattern object).
 * @example compilePattern(rule.lhs).search(eg)
 */
export function compilePattern(p: Pattern): EPattern {
  let e = compiled.get(p);
  if (e === undefined) {
    e = new EPattern(p);
    compiled.set(p, e);
  }
  return e;
}

/**
 * The class of a ground pattern (no variables), or -1 when the e-graph does not hold it.
 * @example groundClass(eg, parsePattern('(+ x 1)', { syntax: 'sexpr', mode: 'written' }))
 */
export function groundClass<D, T>(eg: EGraph<D, T>, p: Pattern): number {
  switch (p.type) {
    case 'number': return eg.lookupLeaf(eg.ops.makeNumber(p.value));
    case 'symbol': return eg.lookupLeaf(eg.ops.makeSymbol(p.name));
    case 'call': {
      const ids: number[] = [];
      for (const a of p.args) {
        const id = groundClass(eg, a);
        if (id < 0) return -1;
        ids.push(id);
      }
      return eg.lookupNode(p.op, ids);
    }
    default: throw new EquateError('groundClass: the pattern has variables');
  }
}

/** True when `pred` accepts a leaf of class `c`, or a representative term of one of its calls. */
function classSatisfies(eg: EGraph<unknown, unknown>, pred: Predicate, c: number): boolean {
  const ops = eg.ops;
  const ns = eg.nodes(c);
  for (let i = 0; i < ns.length; i++) {
    const leaf = eg.nodeLeaf(ns[i]!);
    if (leaf !== null && pred(ops, leaf)) return true;
  }
  for (let i = 0; i < ns.length; i++) {
    const n = ns[i]!;
    if (eg.nodeLeaf(n) !== null) continue;
    const args = eg.nodeChildren(n).map((k) => representative(eg, k));
    if (pred(ops, ops.makeTerm(null, eg.nodeOperator(n)!, args))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Helpers the generated code calls

/** Index of the first e-node with operator code `code` in a sorted class (or one past where it would be). */
function first(ns: readonly number[], code: number, nOp: Int32Array): number {
  const n = ns.length;
  if (n <= 8) {
    for (let i = 0; i < n; i++) if (nOp[ns[i]!]! >= code) return i;
    return n;
  }
  let lo = 0, hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (nOp[ns[mid]!]! < code) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sameRun(canon: Int32Array, a: number, b: number, c: number, d: number): boolean {
  if (b - a !== d - c) return false;
  for (let i = 0; i < b - a; i++) if (canon[a + i] !== canon[c + i]) return false;
  return true;
}

function allIn(pred: (eg: EGraph<unknown, unknown>, c: number) => boolean, eg: EGraph<unknown, unknown>, canon: Int32Array, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (!pred(eg, canon[i]!)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------
// Code generation

interface Generated {
  source: string;
  grounds: Pattern[];
  /** Predicate name per variable slot (null when untyped). */
  predicates: (string | null)[];
}

const RANK_GROUND = 0, RANK_VAR = 1, RANK_SEGMENT = 2, RANK_CALL = 3;

function generate(pattern: Pattern, vars: readonly PatternVariable[], index: ReadonlyMap<string, number>): Generated {
  const grounds: Pattern[] = [];
  const groundKeys = new Map<string, number>();
  const predicates: (string | null)[] = vars.map(() => null);
  const bound = new Set<number>();
  let depth = 0;

  const groundSlot = (q: Pattern): number => {
    const key = printPattern(q);
    let g = groundKeys.get(key);
    if (g === undefined) {
      g = grounds.length;
      grounds.push(q);
      groundKeys.set(key, g);
    }
    return g;
  };

  const emit = (): string => {
    const parts = ['c0'];
    const runs: string[] = [];
    vars.forEach((v, s) => {
      if (v.segment) {
        parts.push(`segs.length + ${runs.length}`);
        runs.push(`segs.push(canon.slice(sb${s}, se${s}));`);
      } else parts.push(`v${s}`);
    });
    return `out.push(${parts.join(', ')});\n${runs.join('\n')}\nif (++found >= limit) return found;\n`;
  };

  const rank = (q: Pattern): number => {
    if (isGround(q)) return RANK_GROUND;
    if (q.type === 'var') return RANK_VAR;
    if (q.type === 'segment') return RANK_SEGMENT;
    return RANK_CALL;
  };

  const gen = (q: Pattern, cls: string, k: () => string): string => {
    if (isGround(q)) return `if (${cls} === g${groundSlot(q)}) {\n${k()}}\n`;
    switch (q.type) {
      case 'var': {
        const s = index.get(q.name)!;
        if (bound.has(s)) return `if (${cls} === v${s}) {\n${k()}}\n`;
        bound.add(s);
        if (q.predicate !== null) {
          predicates[s] = q.predicate;
          return `const v${s} = ${cls};\nif (P[${s}](eg, v${s})) {\n${k()}}\n`;
        }
        return `const v${s} = ${cls};\n${k()}`;
      }
      case 'call': {
        const d = depth++;
        const n = q.args.length;
        const seg = q.args.findIndex((a) => a.type === 'segment');
        const child = (i: number): string => (seg < 0 || i < seg ? `canon[o${d} + ${i}]` : `canon[o${d} + a${d} - ${n - i}]`);
        const order = q.args.map((a, i) => i).sort((i, j) => rank(q.args[i]!) - rank(q.args[j]!) || i - j);
        const decls = order.filter((i) => i !== seg).map((i) => `const c${d}_${i} = ${child(i)};\n`).join('');
        const chain = (j: number): string => {
          if (j === order.length) return k();
          const i = order[j]!;
          if (i === seg) return segment(q.args[i]! as { name: string; predicate: string | null }, `o${d} + ${i}`, `o${d} + a${d} - ${n - 1 - i}`, () => chain(j + 1));
          return gen(q.args[i]!, `c${d}_${i}`, () => chain(j + 1));
        };
        const arity = seg < 0 ? `a${d} === ${n}` : `a${d} >= ${n - 1}`;
        const loop = `const ns${d} = classNodes[${cls}];
for (let i${d} = first(ns${d}, ${q.op.id}, nOp); i${d} < ns${d}.length; i${d}++) {
const n${d} = ns${d}[i${d}];
if (nOp[n${d}] !== ${q.op.id}) break;
const o${d} = nOff[n${d}], a${d} = nOff[n${d} + 1] - o${d};
if (${arity}) {
${decls}${chain(0)}}
}
`;
        // The root classes come from the operator index; a nested class is first tested by its operator mask.
        return d === 0 && cls === 'c0' ? loop : `if ((mask[${cls}] & ${1 << (q.op.id & 31)}) !== 0) {\n${loop}}\n`;
      }
      default:
        throw new EquateError('a segment variable must be an argument of a call');
    }
  };

  const segment = (q: { name: string; predicate: string | null }, start: string, end: string, k: () => string): string => {
    const s = index.get(q.name)!;
    if (bound.has(s)) return `if (sameRun(canon, sb${s}, se${s}, ${start}, ${end})) {\n${k()}}\n`;
    bound.add(s);
    const decl = `const sb${s} = ${start}, se${s} = ${end};\n`;
    if (q.predicate !== null) {
      predicates[s] = q.predicate;
      return `${decl}if (allIn(P[${s}], eg, canon, sb${s}, se${s})) {\n${k()}}\n`;
    }
    return decl + k();
  };

  const body = gen(pattern, 'c0', emit);
  const groundDecls = grounds.map((_, i) => `const g${i} = G[${i}];\n`).join('');
  const source = `"use strict";
return function search(eg, roots, nroots, out, segs, G, P, limit) {
const nOp = eg.nOp, nOff = eg.nOff, canon = eg.canon, classNodes = eg.classNodes, mask = eg.classMask;
${groundDecls}let found = 0;
for (let r = 0; r < nroots; r++) {
const c0 = roots[r];
${body}}
return found;
};`;
  return { source, grounds, predicates };
}
