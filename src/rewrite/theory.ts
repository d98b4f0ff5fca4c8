/**
 * Theories: named lists of rules. A theory is plain data (its rules carry their patterns and
 * compiled matchers), so the classical rewriter (`chain(theory)`) and the e-graph read the
 * same object unchanged. Theories nest: the rules of a theory given among the rules are
 * taken in its place, in order.
 *
 * @example
 * const arith = theory('arith', [rule('add-zero', '~x + 0 --> ~x', { mode: 'written' }), rule('mul-one', '~x * 1 --> ~x', { mode: 'written' })]);
 * arith.rules.map((r) => r.name) // ['add-zero', 'mul-one']
 */
import type { Term } from '../term/term.js';
import { EquateError } from '../term/errors.js';
import { Rule } from './rule.js';

export interface Theory<T = Term> {
  readonly name: string;
  readonly rules: readonly Rule<T>[];
}

/** True for a theory (an object with a name and a list of rules). */
export function isTheory<T>(x: unknown): x is Theory<T> {
  return typeof x === 'object' && x !== null && !(x instanceof Rule) && Array.isArray((x as Theory<T>).rules) && typeof (x as Theory<T>).name === 'string';
}

/**
 * A theory named `name` of `rules` (rules and theories, flattened in order). Rule names must
 * be unique within it.
 * @example theory('trig', [rule('pythagoras', 'sin(~x)^2 + cos(~x)^2 --> 1'), rule('tan', 'tan(~x) --> sin(~x)/cos(~x)')]).rules.length // 2
 */
export function theory<T = Term>(name: string, rules: readonly (Rule<T> | Theory<T>)[]): Theory<T> {
  if (typeof name !== 'string' || name === '') throw new EquateError('a theory needs a name');
  const flat: Rule<T>[] = [];
  const seen = new Set<string>();
  for (const r of rules) {
    const list = r instanceof Rule ? [r] : isTheory<T>(r) ? r.rules : null;
    if (list === null) throw new EquateError(`theory ${name}: expected rules or theories`);
    for (const x of list) {
      if (seen.has(x.name)) throw new EquateError(`theory ${name}: two rules named '${x.name}'`);
      seen.add(x.name);
      flat.push(x);
    }
  }
  return Object.freeze({ name, rules: Object.freeze(flat) });
}
