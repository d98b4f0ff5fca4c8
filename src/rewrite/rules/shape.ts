/**
 * Helpers for the rule families of the default simplifier: rules over a whole canonical sum
 * or product (a dynamic right side sees all the arguments at once, which keeps rules such as
 * "sin² u + cos² u" linear in the length of the sum instead of matching pairs), and the parts
 * of canonical terms (coefficient, monomial, factors with their exponents).
 *
 * @example sumRule('drop-a', (args) => null) // a rule matching every sum, declining
 */
import { CALL, NUM, call, int, type Term } from '../../term/term.js';
import type { Operator } from '../../term/operator.js';
import { ADD, MUL, POW } from '../../term/operators.js';
import * as N from '../../term/number.js';
import { splitCoefficient } from '../../term/canonical.js';
import { pcall, psegment, pvar } from '../pattern.js';
import { rule, type Rule } from '../rule.js';

/**
 * A rule that rewrites a whole sum: `fn` gets its arguments and returns the replacement, or
 * null to decline.
 * @example sumRule('noop', () => null).apply(parse('a + b')) // null
 */
export function sumRule(name: string, fn: (args: readonly Term[], t: Term) => Term | null): Rule<Term> {
  return rule(name, pcall(ADD, [psegment('xs')]), (s, ctx) => {
    const args = s.terms('xs');
    return fn(args, whole(ADD, args, ctx.term));
  }, { direct: (t) => fn(t.args, t) });
}

/**
 * The call `op(args)`: the matched term itself when it is that call (the classical engine),
 * else rebuilt from the bindings (in the e-graph the bindings are representatives of classes).
 */
function whole(op: Operator, args: readonly Term[], matched: Term): Term {
  if (matched.op === op && matched.args.length === args.length) {
    let same = true;
    for (let i = 0; i < args.length && same; i++) same = matched.args[i] === args[i];
    if (same) return matched;
  }
  return call(op, args);
}

/**
 * A rule that rewrites a whole product.
 * @example productRule('noop', () => null).apply(parse('a * b')) // null
 */
export function productRule(name: string, fn: (args: readonly Term[], t: Term) => Term | null): Rule<Term> {
  return rule(name, pcall(MUL, [psegment('xs')]), (s, ctx) => {
    const args = s.terms('xs');
    return fn(args, whole(MUL, args, ctx.term));
  }, { direct: (t) => fn(t.args, t) });
}

/**
 * A rule for calls of `op` with `arity` arguments: `fn` gets the arguments.
 * @example callRule('noop', SIN, 1, () => null)
 */
export function callRule(name: string, op: Operator, arity: number, fn: (args: readonly Term[], t: Term) => Term | null): Rule<Term> {
  const vars = Array.from({ length: arity }, (_, i) => pvar(`a${i}`));
  return rule(name, pcall(op, vars), (s, ctx) => {
    const args = vars.map((_, i) => s.term(`a${i}`));
    return fn(args, whole(op, args, ctx.term));
  }, { direct: (t) => fn(t.args, t) });
}

/** A factor of a monomial as base and exponent: `x^2` is (x, 2), `sin(y)` is (sin(y), 1). */
export interface Factor {
  base: Term;
  exponent: Term;
}

/**
 * The coefficient and the factors of a canonical term: `3 x^2 sin(y)` is 3 and
 * [(x, 2), (sin(y), 1)].
 */
export function factorsOf(t: Term): [N.Value, Factor[]] {
  const [c, m] = splitCoefficient(t);
  if (m.kind === NUM) return [N.mul(c, m.value!) ?? c, []];
  const list = m.op === MUL ? m.args : [m];
  return [c, list.map(asFactor)];
}

/** `x^e` as (x, e); anything else as (t, 1). */
function asFactor(t: Term): Factor {
  if (t.kind === CALL && t.op === POW) return { base: t.args[0]!, exponent: t.args[1]! };
  return { base: t, exponent: ONE_T };
}

const ONE_T = int(1);

/** The exact integer value of a number term, if it is one. */
export function integerOf(t: Term): bigint | undefined {
  if (t.kind !== NUM || !N.isInteger(t.value!)) return undefined;
  const v = t.value as N.Fraction;
  return v.s * v.n;
}
