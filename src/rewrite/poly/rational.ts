/**
 * Rational functions of terms: `together`, `cancel` and `rationalSimplify`.
 *
 * A sum, product or power is read as a rational function over its atoms (`convert.ts`, reading
 * 'rational'), in factored form (`factored.ts`): sums go over their least common denominator
 * (the lcm of the denominators, not their product), numerators multiplied out. Atoms' arguments
 * are handled first by the same function (`sin((x^2 - 1)/(x - 1))` is `sin(x + 1)`), so the
 * functions work on a whole term, bottom-up.
 *
 * - `together`: one fraction, nothing cancelled beyond equal factors.
 * - `cancel`: also divides numerator and denominator by their polynomial gcd (sums are first
 *   brought together, each summand cancelled before).
 * - `rationalSimplify`: `cancel`, then the smaller of the factored and multiplied-out numerator
 *   and denominator; never a larger term than its input (measured by `Term.size`), and where
 *   the whole does not get smaller, its parts still may.
 *
 * Only common polynomial factors are cancelled: atoms are opaque (`sqrt(x^2)` is not `x`, and
 * nothing cancels through `abs` or `log`). Each cancelled factor (and each denominator that
 * vanishes with a zero numerator) is returned in `nonzero`: the result equals the input where
 * they are nonzero. A subterm with a float is not read as a rational function (its parts may
 * be). Past the bounds of `bounds.ts` a subterm stays as it is; when the active rewrite budget
 * runs out of time, the input comes back unchanged.
 *
 * @example rationalSimplify(parse('x/(x + 3) + 3/(x + 3)')) // { term: 1, nonzero: [3 + x] }
 */
import { CALL, int, num, type Term } from '../../term/term.js';
import { apply, mul, noteNonzero, pow, recordCancellations } from '../../term/canonical.js';
import { ADD, MUL, POW } from '../../term/operators.js';
import { attempt, checkClock, GiveUp, polyLimits, withEffort } from './bounds.js';
import { Reader, evaluateTree, polyToTerm, type Node } from './convert.js';
import { Factored, cancelFactored, expandFactors, sumOf, type Factor } from './factored.js';
import { Poly } from './poly.js';

/** A rewritten term and the factors it assumes nonzero. */
export interface RationalResult {
  term: Term;
  nonzero: Term[];
}

type Mode = 'together' | 'cancel' | 'simplify';

/**
 * `t` as one fraction over the least common denominator of its parts (bottom-up). Factors
 * that cancel on the way (equal factors above and below) are noted with `noteNonzero`.
 * @example together(parse('1/x + 1/y')) // (x + y)/(x*y)
 */
export function together(t: Term): Term {
  const r = run('together', t);
  for (const z of r.nonzero) noteNonzero(z);
  return r.term;
}

/**
 * `together`, with common polynomial factors of numerator and denominator cancelled; the
 * cancelled factors are returned in `nonzero`.
 * @example cancel(parse('(x^2 - 1)/(x - 1)')) // { term: 1 + x, nonzero: [-1 + x] }
 */
export function cancel(t: Term): RationalResult {
  return run('cancel', t);
}

/**
 * `cancel`, keeping the smaller of the factored and multiplied-out numerator and denominator,
 * and never a larger term than `t`.
 * @example rationalSimplify(parse('(x + 1)^2 - x^2 - 2*x - 1')) // { term: 0, nonzero: [] }
 */
export function rationalSimplify(t: Term, opts: RationalOptions = {}): RationalResult {
  return run('simplify', t, opts.shallow ?? false);
}

export interface RationalOptions {
  /**
   * Take the arguments of atoms and the parts of a term that does not simplify as a whole as
   * they are (a caller that walks the term bottom-up has handled them already). Default: false.
   */
  shallow?: boolean;
}

/**
 * Same as `together`, returning the factors assumed nonzero instead of noting them.
 * @example togetherNonzero(parse('x/(x + 3) + 3/(x + 3)')) // { term: 1, nonzero: [3 + x] }
 */
export function togetherNonzero(t: Term): RationalResult {
  return run('together', t);
}

function run(mode: Mode, t: Term, shallow = false): RationalResult {
  if (t.kind !== CALL) return { term: t, nonzero: [] };
  try {
    return withEffort(() => {
      checkClock();
      return new Rationalization(mode, shallow).term(t);
    });
  } catch (e) {
    if (e instanceof GiveUp) return { term: t, nonzero: [] };
    throw e;
  }
}

/** One call: results by subterm, and how deep it is inside atoms' arguments. */
class Rationalization {
  private readonly memo = new Map<Term, RationalResult>();
  private nesting = 0;

  constructor(private readonly mode: Mode, private readonly shallow: boolean) {}

  term(t: Term): RationalResult {
    if (t.kind !== CALL) return { term: t, nonzero: [] };
    let r = this.memo.get(t);
    if (r !== undefined) return r;
    const whole = t.op === ADD || t.op === MUL || t.op === POW ? this.whole(t) : null;
    if (this.mode !== 'simplify') r = whole ?? this.parts(t);
    else if (whole !== null && whole.term.size < t.size) r = whole;
    else {
      // Not smaller as a whole: its parts may still get smaller.
      const parts = this.parts(t);
      r = parts.term.size < t.size ? parts : { term: t, nonzero: [] };
    }
    this.memo.set(t, r);
    return r;
  }

  /** `t` with its arguments handled, each on its own. */
  private parts(t: Term): RationalResult {
    if (this.shallow || this.nesting >= polyLimits.maxNesting) return { term: t, nonzero: [] };
    this.nesting++;
    try {
      const rs = t.args.map((a) => this.term(a));
      if (rs.every((r, i) => r.term === t.args[i])) return { term: t, nonzero: [] };
      const built = recordCancellations(() => apply(t.op!, rs.map((r) => r.term)));
      return { term: built.result, nonzero: unique([...rs.flatMap((r) => r.nonzero), ...built.nonzero]) };
    } finally {
      this.nesting--;
    }
  }

  /** `t` as one rational function, or null when it is not one (a float) or past a bound. */
  private whole(t: Term): RationalResult | null {
    try {
      return attempt(() => {
        const fromAtoms: Term[] = [];
        const log: Poly[] = [];
        const built = recordCancellations(() => {
          const reader = new Reader('rational', (atom) => {
            const r = this.parts(atom);
            fromAtoms.push(...r.nonzero);
            return r.term;
          });
          const root = reader.read(t);
          const atoms = reader.finish();
          if (reader.hasFloat) throw new GiveUp('float');
          let f = this.evaluate(root, atoms.length, log);
          if (this.mode !== 'together') f = cancelFactored(f, log);
          const term = render(f, atoms, this.mode === 'simplify');
          return { term, cancelled: log.map((p) => polyToTerm(p, atoms)) };
        });
        return { term: built.result.term, nonzero: unique([...fromAtoms, ...built.result.cancelled, ...built.nonzero]) };
      });
    } catch (e) {
      if (e instanceof GiveUp && e.reason !== 'time') return null;
      throw e;
    }
  }

  private evaluate(root: Node, nvars: number, log: Poly[]): Factored {
    return evaluateTree<Factored>(root, new Map(), (node, get) => {
      switch (node.kind) {
        case 'num':
          return Factored.constant(nvars, node.value);
        case 'atom':
          return Factored.variable(nvars, node.index).pow(node.power);
        case 'mul': {
          let f = get(node.args[0]!);
          for (let i = 1; i < node.args.length; i++) f = f.mul(get(node.args[i]!), log);
          return f;
        }
        case 'pow':
          return get(node.base).pow(node.exp);
        case 'add': {
          let parts = node.args.map(get);
          if (this.mode !== 'together') parts = parts.map((p) => (p.hasDenominator() ? cancelFactored(p, log) : p));
          return sumOf(nvars, parts, log);
        }
      }
    });
  }
}

/**
 * The term of a factored rational function. Without `choose`, numerator and denominator are
 * products of their factors (each multiplied out); with it, each is also multiplied out as a
 * whole and the smaller form is kept (the factored one on a tie).
 */
function render(f: Factored, atoms: readonly Term[], choose: boolean): Term {
  const termOf = new Map<Poly, Term>();
  const factorTerm = (x: Factor, sign: number): Term => {
    let b = termOf.get(x.p);
    if (b === undefined) termOf.set(x.p, (b = polyToTerm(x.p, atoms)));
    return x.e * sign === 1 ? b : pow(b, int(x.e * sign));
  };
  const nf = f.numerator(), df = f.denominator();
  let numer = mul([num(f.c), ...nf.map((x) => factorTerm(x, 1))]);
  let denom = df.map((x) => factorTerm(x, -1));
  if (choose) {
    if (nf.length > 1 || (nf.length === 1 && nf[0]!.e > 1)) {
      const whole = multipliedOut(() => f.numeratorPoly(), atoms, numer.size);
      if (whole !== null) numer = whole;
    }
    if (df.length > 1 || (df.length === 1 && df[0]!.e > 1)) {
      const size = denom.reduce((s, d) => s + d.size, 0);
      const whole = multipliedOut(() => expandFactors(f.nvars, df), atoms, size);
      if (whole !== null) denom = [pow(whole, int(-1))];
    }
  }
  return mul([numer, ...denom]);
}

/** The term of the polynomial `make()`, when it is smaller than `size`; null otherwise or past a bound. */
function multipliedOut(make: () => Poly, atoms: readonly Term[], size: number): Term | null {
  let p: Poly;
  try {
    p = make();
  } catch (e) {
    if (e instanceof GiveUp && e.reason !== 'time') return null;
    throw e;
  }
  if (estimateSize(p, atoms) >= size + 2) return null;
  const t = polyToTerm(p, atoms);
  return t.size < size ? t : null;
}

/** About the size of `polyToTerm(p, atoms)` (never much above it). */
function estimateSize(p: Poly, atoms: readonly Term[]): number {
  const n = p.nvars;
  let total = p.length > 1 ? 1 : 0;
  for (let i = 0; i < p.length; i++) {
    const c = p.coefficient(i);
    let factors = c.equals(1) ? 0 : 1;
    let size = factors;
    for (let k = 0; k < n; k++) {
      const e = p.exps[i * n + k]!;
      if (e === 0) continue;
      factors++;
      const a = atoms[k]!;
      size += e === 1 || a.op === POW ? a.size : a.size + 2;
    }
    total += size + (factors > 1 ? 1 : 0);
  }
  return total;
}

function unique(ts: readonly Term[]): Term[] {
  return ts.length <= 1 ? ts.slice() : [...new Set(ts)];
}
