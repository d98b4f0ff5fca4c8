/** Multi-pattern rules: joins on shared variables, equations on the right, limits, errors. */
import { describe, expect, test } from 'vitest';
import { sym, type Term } from '../src/term/term.js';
import { parseSexpr } from '../src/term/sexpr.js';
import { rule } from '../src/rewrite/index.js';
import { EGraph, Runner, multiRule, SimpleScheduler } from '../src/egraph/index.js';

const W = (src: string): Term => parseSexpr(src, { mode: 'written' });
const S = { syntax: 'sexpr', mode: 'written' } as const;

describe('multi-patterns', () => {
  test('two patterns sharing variables: matches are the join', () => {
    const eg = new EGraph();
    ['(+ a b)', '(* a b)', '(* a c)', '(+ c d)', '(* c d)', '(* d c)'].forEach((t) => eg.add(W(t)));
    const r = multiRule('mul-add', '?s = (+ ?x ?y), ?p = (* ?x ?y) --> ?s = ?p');
    const ms = r.search(eg);
    expect(ms.count).toBe(2); // (a, b) and (c, d)
    expect(r.apply(eg, ms)).toBe(2);
    eg.rebuild();
    expect(eg.find(eg.lookup(W('(+ a b)')))).toBe(eg.find(eg.lookup(W('(* a b)'))));
    expect(eg.find(eg.lookup(W('(+ c d)')))).toBe(eg.find(eg.lookup(W('(* c d)'))));
    expect(eg.find(eg.lookup(W('(* d c)')))).not.toBe(eg.find(eg.lookup(W('(* c d)'))));
    expect(r.search(eg, 1).count).toBe(1);
  });

  test('in a runner, with rules; new classes bound on the right', () => {
    // transitivity of an order written as facts: (lt a b), (lt b c) give (lt a c)
    const trans = multiRule('trans', '?p = (lt ?a ?b), ?q = (lt ?b ?c) --> ?r = (lt ?a ?c), ?r = true');
    const facts = multiRule('true', '?t = true, ?p = (lt ?a ?b) --> ?p = ?t');
    const run = new Runner().withScheduler(new SimpleScheduler());
    for (const t of ['(lt a b)', '(lt b c)', '(lt c d)', 'true']) run.withExpr(W(t));
    run.run([trans, facts]);
    expect(run.stopReason).toBe('saturated');
    const eg = run.egraph;
    expect(eg.find(eg.lookup(W('(lt a d)')))).toBe(eg.find(eg.lookup(sym('true'))));
    expect(eg.lookup(W('(lt d a)'))).toBe(-1);
  });

  test('mixed with ordinary rules; a root shared with a variable', () => {
    const r = multiRule('self', '?a = (f ?a) --> ?a = (g ?a)');
    const eg = new EGraph();
    const x = eg.add(W('(f x)'));
    eg.union(x, eg.add(sym('x')));
    const run = new Runner({ egraph: eg }).run([r, rule('id', '(h ?x) --> ?x', S)]);
    expect(run.stopReason).toBe('saturated');
    expect(eg.find(eg.lookup(W('(g x)')))).toBe(eg.find(x));
  });

  test('bad rules', () => {
    expect(() => multiRule('m', '?a = (f ?x)')).toThrow("expected 'v = pattern, ... --> v = pattern, ...'");
    expect(() => multiRule('m', '(f ?x) --> ?a = ?x')).toThrow("expected '?v = pattern'");
    expect(() => multiRule('m', '?a = (f ?x) --> ?a = ?y')).toThrow('the right side uses ?y');
    expect(() => multiRule('m', '?a = (f ?xs...) --> ?a = 1')).toThrow('no segment variables');
  });
});
