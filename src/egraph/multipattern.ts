/**
 * Multi-patterns (egg's `MultiPattern`): a rule whose left side is several patterns, each
 * naming the class it matches, that must hold together with shared variables; its right side
 * is a list of equations to add.
 *
 *     ?a = (+ ?x ?y), ?b = (* ?x ?y)  -->  ?a = ?b
 *
 * matches every pair of classes `a` (holding some `x + y`) and `b` (holding `x * y`, with the
 * same `x` and `y`), and unions them. On the right, `?v = pattern` adds the pattern and unions
 * it with `v`'s class when `v` is bound; an unbound `v` is bound to it for the equations
 * after. Each pattern is searched on its own (compiled as in `ematch.ts`) and the matches are
 * joined on their shared variables by hashing.
 *
 * @example
 * const r = multiRule('mul-add', '?a = (+ ?x ?y), ?b = (* ?x ?y) --> ?a = ?b');
 * r.apply(eg, r.search(eg)) // unions each (+ x y) with the (* x y) of the same x and y
 * new Runner({ egraph: eg }).run([r, ...otherRules])
 */
import type { Term } from '../term/term.js';
import { EquateError } from '../term/errors.js';
import { parsePattern, variables, type Pattern, type PatternOptions } from '../rewrite/pattern.js';
import type { EGraph } from './egraph.js';
import { compilePattern, Matches, type EPattern } from './ematch.js';
import type { EGraphRewrite } from './rewrite.js';

interface Part {
  /** Slot of the variable naming the matched class. */
  readonly root: number;
  readonly pattern: EPattern;
  /** Slot of each of the pattern's variables. */
  readonly slots: readonly number[];
}

interface Equation {
  readonly root: number;
  readonly pattern: Pattern;
}

/** A multi-pattern rule compiled for the e-graph. */
export class MultiRewrite<T = Term> implements EGraphRewrite<T> {
  readonly name: string;
  /** Names of the variables, slot by slot (left side first). */
  readonly variables: readonly string[];
  private readonly index: Map<string, number>;
  private readonly parts: readonly Part[];
  private readonly equations: readonly Equation[];
  private readonly leftSlots: number;

  constructor(name: string, left: readonly (readonly [string, Pattern])[], right: readonly (readonly [string, Pattern])[]) {
    if (left.length === 0) throw new EquateError(`rule ${name}: a multi-pattern needs at least one pattern`);
    this.name = name;
    const index = new Map<string, number>();
    const slot = (v: string): number => {
      let i = index.get(v);
      if (i === undefined) index.set(v, (i = index.size));
      return i;
    };
    this.parts = left.map(([root, p]) => {
      const vars = variables(p);
      if (vars.some((v) => v.segment)) throw new EquateError(`rule ${name}: multi-patterns take no segment variables`);
      return { root: slot(root), pattern: compilePattern(p), slots: vars.map((v) => slot(v.name)) };
    });
    this.leftSlots = index.size;
    const known = new Set(index.keys());
    this.equations = right.map(([root, p]) => {
      for (const v of variables(p)) {
        if (v.segment) throw new EquateError(`rule ${name}: multi-patterns take no segment variables`);
        if (!known.has(v.name)) throw new EquateError(`rule ${name}: the right side uses ?${v.name}, which is not bound before`);
      }
      known.add(root);
      return { root: slot(root), pattern: p };
    });
    this.index = index;
    this.variables = [...index.keys()];
  }

  search<D>(egraph: EGraph<D, T>, limit = Infinity): Matches {
    const width = this.leftSlots;
    const bound = new Uint8Array(width);
    let rows: Int32Array[] = [new Int32Array(width).fill(-1)];
    for (const part of this.parts) {
      const ms = part.pattern.search(egraph);
      const shared = [part.root, ...part.slots].filter((s, i, all) => bound[s] === 1 && all.indexOf(s) === i);
      const valueOf = (i: number, s: number): number => (s === part.root ? ms.eclass(i) : ms.data[i * ms.stride + 1 + part.slots.indexOf(s)]!);
      const byKey = new Map<string, number[]>();
      for (let i = 0; i < ms.count; i++) {
        const key = shared.map((s) => egraph.find(valueOf(i, s))).join(',');
        const list = byKey.get(key);
        if (list === undefined) byKey.set(key, [i]);
        else list.push(i);
      }
      const next: Int32Array[] = [];
      outer: for (const row of rows) {
        const hits = byKey.get(shared.map((s) => egraph.find(row[s]!)).join(','));
        if (hits === undefined) continue;
        for (const i of hits) {
          const r = row.slice();
          const c = ms.eclass(i);
          r[part.root] = c;
          let consistent = true;
          part.slots.forEach((s, j) => {
            const v = ms.data[i * ms.stride + 1 + j]!;
            if (s === part.root && egraph.find(v) !== egraph.find(c)) consistent = false;
            r[s] = v;
          });
          if (!consistent) continue;
          next.push(r);
          if (next.length >= limit && part === this.parts[this.parts.length - 1]) break outer;
        }
      }
      rows = next;
      bound[part.root] = 1;
      for (const s of part.slots) bound[s] = 1;
      if (rows.length === 0) break;
    }
    const out = new Matches(1 + width, new Map([...this.index].filter(([, i]) => i < width)));
    for (const row of rows) {
      out.data.push(row[this.parts[0]!.root]!, ...row);
      out.count++;
    }
    return out;
  }

  apply<D>(egraph: EGraph<D, T>, matches: Matches): number {
    let changed = 0;
    const binding = new Array<number>(this.index.size);
    for (let m = 0; m < matches.count; m++) {
      const base = m * matches.stride + 1;
      binding.fill(-1);
      for (let s = 0; s < this.leftSlots; s++) binding[s] = matches.data[base + s]!;
      for (const eq of this.equations) {
        const id = instantiate(egraph, eq.pattern, this.index, binding);
        if (binding[eq.root] === -1) binding[eq.root] = id;
        else if (egraph.unionBecause(binding[eq.root]!, id, { kind: 'asserted', name: this.name })) changed++;
      }
    }
    return changed;
  }

  toString(): string {
    return this.name;
  }
}

function instantiate<D, T>(eg: EGraph<D, T>, p: Pattern, index: ReadonlyMap<string, number>, binding: readonly number[]): number {
  switch (p.type) {
    case 'number': return eg.addLeaf(eg.ops.makeNumber(p.value));
    case 'symbol': return eg.addLeaf(eg.ops.makeSymbol(p.name));
    case 'var': return binding[index.get(p.name)!]!;
    case 'call': return eg.addNode(p.op, p.args.map((a) => instantiate(eg, a, index, binding)));
    default: throw new EquateError('multi-patterns take no segment variables');
  }
}

/** Splits `text` at top-level commas (outside parentheses). */
function splitTop(text: string, name: string): string[] {
  const out: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) throw new EquateError(`rule ${name}: unbalanced parentheses`);
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim());
}

const BINDING = /^[?~]([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([\s\S]+)$/;

/**
 * A multi-pattern rule from text: `'?a = p1, ?b = p2 --> ?a = ?b'` (S-expressions as written by
 * default; `{ syntax: 'infix' }` reads `~a = p1, ...` with infix patterns).
 * @example multiRule('mul-add', '?a = (+ ?x ?y), ?b = (* ?x ?y) --> ?a = ?b')
 */
export function multiRule(name: string, text: string, opts: PatternOptions = {}): MultiRewrite<Term> {
  const popts: PatternOptions = { syntax: opts.syntax ?? 'sexpr', mode: opts.mode ?? 'written' };
  const arrow = text.indexOf('-->');
  if (arrow < 0 || text.indexOf('-->', arrow + 3) >= 0) throw new EquateError(`rule ${name}: expected 'v = pattern, ... --> v = pattern, ...'`);
  const side = (src: string): [string, Pattern][] => splitTop(src, name).map((part) => {
    const m = BINDING.exec(part);
    if (m === null) throw new EquateError(`rule ${name}: expected '?v = pattern', got '${part}'`);
    return [m[1]!, parsePattern(m[2]!.trim(), popts)];
  });
  return new MultiRewrite<Term>(name, side(text.slice(0, arrow)), side(text.slice(arrow + 3)));
}
