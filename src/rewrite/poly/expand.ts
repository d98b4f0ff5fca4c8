/**
 * `expand(t)`: products of sums and positive integer powers of sums multiplied out, all the
 * way down. The term is read as a polynomial over its atoms (see `convert.ts`), whose
 * arguments are expanded first (`sin((x + 1)^2)` is `sin(1 + 2 x + x^2)`), and written back
 * as a canonical sum of monomials. Negative powers stay as they are (their bases expanded):
 * `(x + 1)^2 / y` is `y^-1 + 2 x y^-1 + x^2 y^-1`.
 *
 * Past the bounds of `bounds.ts` a subterm stays as it is, its parts expanded where they fit:
 * `(x + y + z + 1)^200` comes back unchanged at once. When the active rewrite budget runs out
 * of time, `expand` returns its input.
 *
 * @example print(expand(parse('(x + 1)^2 * (y - 1)'))) // '-1 - 2*x + 2*x*y - x^2 + x^2*y + y'
 */
import { CALL, type Term } from '../../term/term.js';
import { apply } from '../../term/canonical.js';
import { ADD, MUL, POW } from '../../term/operators.js';
import { attempt, checkClock, GiveUp, polyLimits, withEffort } from './bounds.js';
import { nodeToPoly, polyToTerm, skeleton } from './convert.js';

/**
 * The expanded form of `t` (a canonical term).
 * @example expand(parse('(x - 1)*(x + 1)')) // -1 + x^2
 */
export function expand(t: Term): Term {
  if (t.kind !== CALL) return t;
  try {
    return withEffort(() => {
      checkClock();
      return new Expansion().term(t);
    });
  } catch (e) {
    if (e instanceof GiveUp) return t;
    throw e;
  }
}

/** One call of `expand`: results by subterm, and how deep it is inside atoms' arguments. */
class Expansion {
  private readonly memo = new Map<Term, Term>();
  private nesting = 0;

  term(t: Term): Term {
    if (t.kind !== CALL) return t;
    let r = this.memo.get(t);
    if (r !== undefined) return r;
    r = t.op === ADD || t.op === MUL || t.op === POW ? (this.whole(t) ?? this.parts(t)) : this.parts(t);
    this.memo.set(t, r);
    return r;
  }

  /** `t` multiplied out as one polynomial, or null past a bound. */
  private whole(t: Term): Term | null {
    try {
      return attempt(() => {
        const sk = skeleton(t, 'expand', (atom) => this.parts(atom));
        return polyToTerm(nodeToPoly(sk.root, sk.atoms.length), sk.atoms);
      });
    } catch (e) {
      if (e instanceof GiveUp && e.reason !== 'time') return null;
      throw e;
    }
  }

  /** `t` with its arguments expanded. */
  private parts(t: Term): Term {
    if (this.nesting >= polyLimits.maxNesting) return t;
    this.nesting++;
    try {
      let changed = false;
      const args = t.args.map((a) => {
        const r = this.term(a);
        if (r !== a) changed = true;
        return r;
      });
      return changed ? apply(t.op!, args) : t;
    } finally {
      this.nesting--;
    }
  }
}
