/**
 * Between canonical terms and polynomials. A canonical term is read as a polynomial
 * expression (sums, products, integer powers) over *atoms*: every subterm that is not a
 * polynomial in its parts (a symbol, `sin(x + 1)`, `exp(u)`, `f(x)`, `pi`, `x^n` with a symbolic
 * `n`, a float) is one variable, keyed by its (hash-consed) term. A rational power `b^(p/q)` is
 * the atom `b^(1/q)` to the power p, so `x^(3/2) / x^(1/2)` is `s^3 / s`, `s = x^(1/2)`.
 *
 * The reading is a small expression tree (`Node`) whose leaves are numbers and atoms; the
 * atoms are sorted by the canonical term order, so variable numbers (and the normal forms of
 * the gcd) do not depend on the order they were met in. Two readings:
 * - 'expand': exponents of the tree are positive (a polynomial); `b^-n` is the atom `b^-1` to
 *   the power n, `b^(-p/q)` is `b^(-1/q)` to the power p, and a power of a sum too large to
 *   multiply out (more than `polyLimits.maxTerms` terms) is an atom;
 * - 'rational': exponents may be negative (a rational function), and the roots of an atom
 *   share one variable: with `s = x^(1/2)`, `x` is `s^2` (see `Reader.finish`).
 *
 * Before an atom becomes a variable, `process` may rewrite its arguments (`expand` expands
 * them); when that changes the atom, the new term is read in turn, its atoms as they are.
 *
 * @example
 * const { polys, atoms } = polysFromTerms([parse('(x + 1)^2')]);
 * print(polyToTerm(polys[0]!, atoms)) // '1 + 2*x + x^2'
 */
import { EquateError } from '../../term/errors.js';
import { CALL, NUM, int, num, type Term } from '../../term/term.js';
import { Fraction, isExact } from '../../term/number.js';
import { add, mul, pow } from '../../term/canonical.js';
import { ADD, MUL, POW } from '../../term/operators.js';
import { compareTerms } from '../../term/order.js';
import { Poly } from './poly.js';
import { bounded, charge, polyLimits } from './bounds.js';

/** A term read as a polynomial expression. */
export type Node =
  | { readonly kind: 'num'; readonly value: Fraction }
  | { readonly kind: 'atom'; readonly term: Term; index: number; power: number }
  | { readonly kind: 'add'; readonly args: readonly Node[] }
  | { readonly kind: 'mul'; readonly args: readonly Node[] }
  | { readonly kind: 'pow'; readonly base: Node; readonly exp: number };

export type AtomNode = Extract<Node, { kind: 'atom' }>;

export type Reading = 'expand' | 'rational';

/** The reading of a term: the tree, its atoms (sorted; atom i is variable i) and whether a float occurs. */
export interface Skeleton {
  readonly root: Node;
  readonly atoms: readonly Term[];
  readonly hasFloat: boolean;
}

/** How a term is read: its arguments, a power of its base, a power of an atom `root`, or an atom. */
type Plan =
  | { kind: 'args'; children: readonly Term[] }
  | { kind: 'power'; children: readonly Term[]; exp: number }
  | { kind: 'root'; children: readonly Term[]; root: Term; exp: number }
  | { kind: 'atom'; children: readonly Term[] };

/** Exponents beyond this magnitude keep a power whole (as an atom). */
const MAX_EXPONENT = 2 ** 31;

/** Reads terms into trees over one shared set of atoms. */
export class Reader {
  private readonly memo = new Map<Term, Node>();
  private readonly memoAsIs = new Map<Term, Node>();
  private readonly atomNodes = new Map<Term, AtomNode>();
  hasFloat = false;

  /**
   * @param reading 'expand' or 'rational' (see the file header).
   * @param process rewrites the arguments of an atom; the identity by default.
   */
  constructor(readonly reading: Reading, private readonly process: (atom: Term) => Term = (a) => a) {}

  /** The tree of `t`. Call `finish` once every term is read. */
  read(t: Term): Node {
    return this.node(t, false);
  }

  /**
   * Numbers the atoms in canonical order; returns them (atom i is variable i). Reading
   * 'rational', the roots of one atom `b` (`b^(1/2)`, `b^(1/3)`, and `b` itself) become powers
   * of one root `s = b^(1/L)`, L the lcm of their degrees: `b^(1/q)` is `s^(L/q)` and `b` is
   * `s^L`, so `(x - 1)/(sqrt(x) - 1)` is `(s^2 - 1)/(s - 1)`. An atom node then stands for
   * variable `index` to the power `power`.
   */
  finish(): Term[] {
    if (this.reading === 'rational') this.shareRoots();
    const atoms = [...this.atomNodes.keys()].filter((a) => !this.replaced.has(a)).sort(compareTerms);
    atoms.forEach((a, i) => (this.atomNodes.get(a)!.index = i));
    for (const [a, { root, power }] of this.replaced) {
      const node = this.atomNodes.get(a)!;
      node.index = this.atomNodes.get(root)!.index;
      node.power = power;
    }
    return atoms;
  }

  /** Atoms written as powers of another atom (see `finish`). */
  private readonly replaced = new Map<Term, { root: Term; power: number }>();

  private shareRoots(): void {
    const groups = new Map<Term, Array<{ atom: Term; q: number }>>();
    for (const a of this.atomNodes.keys()) {
      const q = rootDegree(a);
      if (q === 0) continue;
      const g = groups.get(a.args[0]!);
      if (g) g.push({ atom: a, q });
      else groups.set(a.args[0]!, [{ atom: a, q }]);
    }
    for (const [base, roots] of groups) {
      if (rootDegree(base) !== 0) continue;
      const whole = this.atomNodes.has(base);
      const L = roots.reduce((l, r) => (l / gcd(l, r.q)) * r.q, 1);
      if (L > MAX_SHARED_ROOT || (!whole && roots.length === 1)) continue;
      const root = pow(base, num(new Fraction(1n, BigInt(L))));
      if (root.op !== POW) continue;
      this.atom(root);
      for (const r of roots) if (r.atom !== root) this.replaced.set(r.atom, { root, power: L / r.q });
      if (whole) this.replaced.set(base, { root, power: L });
    }
  }

  /** The tree of `root`, read children first with an explicit stack (deep terms are fine). */
  private node(root: Term, asIs: boolean): Node {
    const memo = asIs ? this.memoAsIs : this.memo;
    const done = memo.get(root);
    if (done !== undefined) return done;
    // The terms waiting, with their plans once their children are pushed.
    const terms: Term[] = [root];
    const plans: (Plan | null)[] = [null];
    while (terms.length > 0) {
      const top = terms.length - 1;
      const t = terms[top]!;
      if (memo.has(t)) {
        terms.pop();
        plans.pop();
        continue;
      }
      const plan = plans[top];
      if (plan === null) {
        charge(1);
        const p = (plans[top] = this.plan(t));
        for (const c of p.children) {
          if (!memo.has(c)) {
            terms.push(c);
            plans.push(null);
          }
        }
        continue;
      }
      memo.set(t, this.assemble(t, plan!, memo, asIs));
      terms.pop();
      plans.pop();
    }
    return memo.get(root)!;
  }

  /** How `t` is read: which subterms become child nodes. */
  private plan(t: Term): Plan {
    if (t.op === ADD || t.op === MUL) return { kind: 'args', children: t.args };
    if (t.op !== POW) return { kind: 'atom', children: [] };
    const b = t.args[0]!, e = t.args[1]!;
    if (e.kind !== NUM || !isExact(e.value!)) return { kind: 'atom', children: [] };
    const v = e.value;
    const expand = this.reading === 'expand';
    const limit = BigInt(MAX_EXPONENT);
    if (v.d === 1n) {
      const n = v.s * v.n;
      if (n > limit || n < -limit) return { kind: 'atom', children: [] };
      const k = Number(n);
      if (k > 0) {
        if (expand && b.op === ADD && k + 1 > polyLimits.maxTerms) return { kind: 'atom', children: [] };
        return { kind: 'power', children: [b], exp: k };
      }
      if (!expand) return { kind: 'power', children: [b], exp: k };
      const inverse = pow(b, int(-1));
      if (inverse.op !== POW) return { kind: 'atom', children: [] };
      return { kind: 'root', children: [], root: inverse, exp: -k };
    }
    // b^(p/q) is (b^(1/q))^p; reading 'expand' takes b^(-1/q) for negative p.
    const p = v.s * v.n;
    if (v.d > limit || p > limit || p < -limit) return { kind: 'atom', children: [] };
    const negative = expand && p < 0n;
    const root = pow(b, num(new Fraction(negative ? -1n : 1n, v.d)));
    if (root.op !== POW) return { kind: 'atom', children: [] };
    return { kind: 'root', children: [], root, exp: Number(negative ? -p : p) };
  }

  /** The node of `t` from its plan, its children already read. */
  private assemble(t: Term, plan: Plan, memo: Map<Term, Node>, asIs: boolean): Node {
    switch (plan.kind) {
      case 'args': {
        const args = t.args.map((a) => memo.get(a)!);
        return t.op === ADD ? { kind: 'add', args } : { kind: 'mul', args };
      }
      case 'power':
        return power(memo.get(plan.children[0]!)!, plan.exp);
      case 'root':
        return power(this.candidate(plan.root, asIs), plan.exp);
      case 'atom':
        if (t.kind === NUM) {
          if (isExact(t.value!)) return { kind: 'num', value: t.value };
          this.hasFloat = true;
          return this.atom(t);
        }
        return this.candidate(t, asIs);
    }
  }

  /** A subterm read as an atom: its arguments processed first (unless read as is). */
  private candidate(c: Term, asIs: boolean): Node {
    if (asIs || c.kind !== CALL || c.args.length === 0) return this.atom(c);
    const processed = this.process(c);
    if (processed === c) return this.atom(c);
    return this.node(processed, true);
  }

  private atom(t: Term): AtomNode {
    let a = this.atomNodes.get(t);
    if (a === undefined) {
      a = { kind: 'atom', term: t, index: -1, power: 1 };
      this.atomNodes.set(t, a);
    }
    return a;
  }
}

/** Roots of one base share a root up to this degree. */
const MAX_SHARED_ROOT = 64;

/** q for an atom `b^(1/q)` (q > 1), else 0. */
function rootDegree(t: Term): number {
  if (t.op !== POW) return 0;
  const e = t.args[1]!;
  if (e.kind !== NUM || !isExact(e.value!)) return 0;
  const v = e.value;
  return v.s > 0n && v.n === 1n && v.d > 1n && v.d <= BigInt(MAX_SHARED_ROOT) ? Number(v.d) : 0;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function power(base: Node, exp: number): Node {
  return exp === 1 ? base : { kind: 'pow', base, exp };
}

/** Reads `t` alone. */
export function skeleton(t: Term, reading: Reading, process?: (atom: Term) => Term): Skeleton {
  const reader = new Reader(reading, process);
  const root = reader.read(t);
  return { root, atoms: reader.finish(), hasFloat: reader.hasFloat };
}

/**
 * The polynomial of a tree read with 'expand' (multiplied out; may throw `GiveUp`). Nodes are
 * evaluated once each (`memo`), children first, without recursion.
 */
export function nodeToPoly(root: Node, nvars: number, memo: Map<Node, Poly> = new Map()): Poly {
  return evaluateTree(root, memo, (node, get) => {
    switch (node.kind) {
      case 'num':
        return Poly.constant(nvars, node.value);
      case 'atom':
        return Poly.variable(nvars, node.index, node.power);
      case 'add': {
        let p = Poly.zero(nvars);
        for (const a of node.args) p = p.add(get(a));
        return p;
      }
      case 'mul': {
        // Monomials first: they only shift the others.
        const parts = node.args.map(get).sort((x, y) => x.length - y.length);
        let p = Poly.one(nvars);
        for (const a of parts) p = p.mul(a);
        return p;
      }
      case 'pow':
        if (node.exp < 0) throw new EquateError('negative power in a polynomial reading');
        return get(node.base).pow(node.exp);
    }
  });
}

/**
 * Evaluates a tree bottom-up with an explicit stack: `make(node, get)` builds a node's value,
 * `get` reading its children's. Values are memoised in `memo`.
 */
export function evaluateTree<V>(root: Node, memo: Map<Node, V>, make: (node: Node, get: (child: Node) => V) => V): V {
  const get = (c: Node): V => memo.get(c)!;
  const done = memo.get(root);
  if (done !== undefined) return done;
  // The nodes waiting, and whether their children have been pushed.
  const nodes: Node[] = [root];
  const opened: boolean[] = [false];
  while (nodes.length > 0) {
    const top = nodes.length - 1;
    const node = nodes[top]!;
    if (memo.has(node)) {
      nodes.pop();
      opened.pop();
      continue;
    }
    if (!opened[top]) {
      opened[top] = true;
      if (node.kind === 'add' || node.kind === 'mul') {
        for (const c of node.args) {
          if (!memo.has(c)) {
            nodes.push(c);
            opened.push(false);
          }
        }
      } else if (node.kind === 'pow' && !memo.has(node.base)) {
        nodes.push(node.base);
        opened.push(false);
      }
      continue;
    }
    memo.set(node, make(node, get));
    nodes.pop();
    opened.pop();
  }
  return memo.get(root)!;
}

/**
 * The canonical term of `p`, variable i standing for `atoms[i]`: a sum of monomials built with
 * the canonical `add`, `mul` and `pow`.
 * @example polyToTerm(Poly.variable(1, 0).pow(2), [sym('x')]) // x^2
 */
export function polyToTerm(p: Poly, atoms: readonly Term[]): Term {
  const n = p.nvars;
  if (atoms.length < n) throw new EquateError(`${n} variables, ${atoms.length} atoms`);
  const terms: Term[] = [];
  for (let i = 0; i < p.length; i++) {
    const factors: Term[] = [num(p.coefficient(i))];
    for (let k = 0; k < n; k++) {
      const e = p.exps[i * n + k]!;
      if (e === 1) factors.push(atoms[k]!);
      else if (e !== 0) factors.push(pow(atoms[k]!, int(e)));
    }
    terms.push(factors.length === 1 ? factors[0]! : mul(factors));
  }
  return terms.length === 1 ? terms[0]! : add(terms);
}

/**
 * Canonical terms as polynomials over one shared set of atoms (read as 'expand': products and
 * powers multiplied out, atoms as they are). Throws `LimitError` past the bounds of `bounds.ts`.
 * @example polysFromTerms([parse('x^2 - 1'), parse('x - 1')]).atoms // [x]
 */
export function polysFromTerms(terms: readonly Term[]): { polys: Poly[]; atoms: Term[] } {
  return bounded('reading terms as polynomials', () => {
    const reader = new Reader('expand');
    const roots = terms.map((t) => reader.read(t));
    const atoms = reader.finish();
    const memo = new Map<Node, Poly>();
    return { polys: roots.map((r) => nodeToPoly(r, atoms.length, memo)), atoms };
  });
}
