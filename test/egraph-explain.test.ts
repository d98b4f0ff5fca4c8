/**
 * Explanations: chains of rewrites between equal terms, checked by replaying them without an
 * e-graph; rules both ways, congruence at positions, constant folding, asserted unions; and
 * egg's math and lambda suites with explanations on, every ground goal explained and checked.
 */
import { describe, expect, test } from 'vitest';
import { sym, int, type Term } from '../src/term/term.js';
import { parseSexpr, toSexpr } from '../src/term/sexpr.js';
import { defineOperator, getOperator } from '../src/term/operator.js';
import { rule, theory, type Rule, type Condition } from '../src/rewrite/index.js';
import { EGraph, Runner, constantFolding, explain, checkExplanation, isNotZero, isSym, isConst, isConstOrDistinctVar, allOf, type Explanation } from '../src/egraph/index.js';

const S = { syntax: 'sexpr', mode: 'written' } as const;
const W = (src: string): Term => parseSexpr(src, { mode: 'written' });
const show = (ex: Explanation): string[] => ex.steps.map((s) => `${s.rule} ${s.direction} [${s.position.join(',')}] ${toSexpr(s.term)}`);

const zero = rule('zero-add', '(+ ?a 0) --> ?a', S);
const comm = rule('comm-add', '(+ ?a ?b) --> (+ ?b ?a)', S);
const double = rule('double', '(+ ?a ?a) == (* 2 ?a)', S);

describe('explanations', () => {
  test('a chain of rules, replayed by the checker', () => {
    const eg = new EGraph({ explanations: true });
    new Runner({ egraph: eg }).withExpr(W('(+ 0 x)')).run([zero, comm]);
    const ex = explain(eg, W('(+ 0 x)'), sym('x'))!;
    expect(show(ex)).toEqual(['comm-add forward [] (+ x 0)', 'zero-add forward [] x']);
    expect(toSexpr(ex.start)).toBe('(+ 0 x)');
    expect(ex.end).toBe(sym('x'));
    expect(checkExplanation(ex, [zero, comm])).toEqual({ valid: true, assumed: 0, steps: [{ index: 0, ok: true, message: '' }, { index: 1, ok: true, message: '' }] });
  });

  test('congruence puts steps at positions; an equality used right to left is backward', () => {
    const eg = new EGraph({ explanations: true });
    new Runner({ egraph: eg }).withExpr(W('(f (* 2 y) (+ z 0))')).run([zero, double]);
    const ex = explain(eg, W('(f (* 2 y) (+ z 0))'), W('(f (+ y y) z)'))!;
    expect(show(ex)).toEqual(['double backward [0] (f (+ y y) (+ z 0))', 'zero-add forward [1] (f (+ y y) z)']);
    expect(checkExplanation(ex, [zero, double]).valid).toBe(true);
  });

  test('constant folding is a checked step', () => {
    const eg = new EGraph({ analysis: constantFolding(), explanations: true });
    eg.add(W('(+ 1 (* 2 3))'));
    const ex = explain(eg, W('(+ 1 (* 2 3))'), int(7))!;
    expect(show(ex)).toEqual(['constant-fold forward [1] (+ 1 6)', 'constant-fold forward [] 7']);
    expect(checkExplanation(ex, []).valid).toBe(true);
  });

  test('asserted unions are assumed; unequal terms have no explanation; explanations must be on', () => {
    const eg = new EGraph({ explanations: true });
    eg.union(eg.add(sym('x')), eg.add(sym('y')));
    eg.add(W('(g x)'));
    eg.add(W('(g y)'));
    eg.rebuild();
    const ex = explain(eg, W('(g x)'), W('(g y)'))!;
    expect(show(ex)).toEqual(['union forward [0] (g y)']);
    expect(checkExplanation(ex, [])).toMatchObject({ valid: true, assumed: 1 });
    expect(explain(eg, W('(g x)'), sym('z'))).toBe(null);
    expect(() => explain(new EGraph(), sym('x'), sym('x'))).toThrow('explanations are off');
  });

  test('the checker refuses wrong steps', () => {
    const eg = new EGraph({ explanations: true });
    new Runner({ egraph: eg }).withExpr(W('(+ 0 x)')).run([zero, comm]);
    const ex = explain(eg, W('(+ 0 x)'), sym('x'))!;
    const bad = { ...ex, steps: [{ ...ex.steps[0]!, rule: 'zero-add' }, ex.steps[1]!] };
    expect(checkExplanation(bad, [zero, comm]).steps[0]).toMatchObject({ ok: false });
    const moved = { ...ex, steps: [{ ...ex.steps[0]!, position: [0] }, ex.steps[1]!] };
    expect(checkExplanation(moved, [zero, comm]).valid).toBe(false);
    expect(checkExplanation({ ...ex, steps: [ex.steps[0]!] }, [zero, comm]).valid).toBe(false); // does not reach the end
    expect(checkExplanation(ex, [zero]).steps[0]).toMatchObject({ ok: false, message: "unknown rule 'comm-add'" });
  });

  test('loops in the chain are cut', () => {
    const eg = new EGraph({ explanations: true });
    new Runner({ egraph: eg }).withExpr(W('(+ a b)')).run([comm]);
    const ex = explain(eg, W('(+ a b)'), W('(+ a b)'))!;
    expect(ex.steps).toEqual([]);
    expect(show(explain(eg, W('(+ b a)'), W('(+ a b)'))!)).toEqual(['comm-add backward [] (+ a b)']);
  });
});

// egg's math suite with explanations on (as egg's tests run with EGG_TEST_EXPLANATIONS)
const userOp = (name: string): void => void (getOperator(name) ?? defineOperator({ name, kind: 'calculus', arity: 2, precedence: 100, cost: 1 }));
userOp('d');
userOp('i');
const rw = (name: string, text: string, where?: Condition<Term>): Rule => rule(name, text, where ? { ...S, where } : S);
const everywhere: Condition<Term> = () => true;
const math = theory('egg-math', [
  rw('comm-add', '(+ ?a ?b) --> (+ ?b ?a)'), rw('comm-mul', '(* ?a ?b) --> (* ?b ?a)'),
  rw('assoc-add', '(+ ?a (+ ?b ?c)) --> (+ (+ ?a ?b) ?c)'), rw('assoc-mul', '(* ?a (* ?b ?c)) --> (* (* ?a ?b) ?c)'),
  rw('sub-canon', '(- ?a ?b) --> (+ ?a (* -1 ?b))'), rw('div-canon', '(/ ?a ?b) --> (* ?a (pow ?b -1))', isNotZero('b')),
  rw('zero-add', '(+ ?a 0) --> ?a'), rw('zero-mul', '(* ?a 0) --> 0'), rw('one-mul', '(* ?a 1) --> ?a'),
  rw('add-zero', '?a --> (+ ?a 0)', everywhere), rw('mul-one', '?a --> (* ?a 1)', everywhere),
  rw('cancel-sub', '(- ?a ?a) --> 0'), rw('cancel-div', '(/ ?a ?a) --> 1', isNotZero('a')),
  rw('distribute', '(* ?a (+ ?b ?c)) --> (+ (* ?a ?b) (* ?a ?c))'), rw('factor', '(+ (* ?a ?b) (* ?a ?c)) --> (* ?a (+ ?b ?c))'),
  rw('pow-mul', '(* (pow ?a ?b) (pow ?a ?c)) --> (pow ?a (+ ?b ?c))'), rw('pow0', '(pow ?x 0) --> 1', isNotZero('x')),
  rw('pow1', '(pow ?x 1) --> ?x'), rw('pow2', '(pow ?x 2) --> (* ?x ?x)'), rw('pow-recip', '(pow ?x -1) --> (/ 1 ?x)', isNotZero('x')),
  rw('recip-mul-div', '(* ?x (/ 1 ?x)) --> 1', isNotZero('x')),
  rw('d-variable', '(d ?x ?x) --> 1', isSym('x')), rw('d-constant', '(d ?x ?c) --> 0', allOf(isSym('x'), isConstOrDistinctVar('c', 'x'))),
  rw('d-add', '(d ?x (+ ?a ?b)) --> (+ (d ?x ?a) (d ?x ?b))'), rw('d-mul', '(d ?x (* ?a ?b)) --> (+ (* ?a (d ?x ?b)) (* ?b (d ?x ?a)))'),
  rw('d-sin', '(d ?x (sin ?x)) --> (cos ?x)'), rw('d-cos', '(d ?x (cos ?x)) --> (* -1 (sin ?x))'),
  rw('d-ln', '(d ?x (ln ?x)) --> (/ 1 ?x)', isNotZero('x')),
  rw('d-power', '(d ?x (pow ?f ?g)) --> (* (pow ?f ?g) (+ (* (d ?x ?f) (/ ?g ?f)) (* (d ?x ?g) (ln ?f))))', allOf(isNotZero('f'), isNotZero('g'))),
  rw('i-one', '(i 1 ?x) --> ?x'), rw('i-power-const', '(i (pow ?x ?c) ?x) --> (/ (pow ?x (+ ?c 1)) (+ ?c 1))', isConst('c')),
  rw('i-cos', '(i (cos ?x) ?x) --> (sin ?x)'), rw('i-sin', '(i (sin ?x) ?x) --> (* -1 (cos ?x))'),
  rw('i-sum', '(i (+ ?f ?g) ?x) --> (+ (i ?f ?x) (i ?g ?x))'), rw('i-dif', '(i (- ?f ?g) ?x) --> (- (i ?f ?x) (i ?g ?x))'),
  rw('i-parts', '(i (* ?a ?b) ?x) --> (- (* ?a (i ?b ?x)) (i (* (d ?x ?a) (i ?b ?x)) ?x))'),
]);

describe("egg's math suite with explanations", () => {
  const cases: [string, string, string, ((r: Runner<unknown, Term>) => Runner<unknown, Term>)?][] = [
    ['math_simplify_add', '(+ x (+ x (+ x x)))', '(* 4 x)'],
    ['math_powers', '(* (pow 2 x) (pow 2 y))', '(pow 2 (+ x y))'],
    ['math_simplify_const', '(+ 1 (- a (* (- 2 1) a)))', '1'],
    ['math_simplify_root', '(/ 1 (- (/ (+ 1 (sqrt five)) 2) (/ (- 1 (sqrt five)) 2)))', '(/ 1 (sqrt five))', (r) => r.withNodeLimit(75_000)],
    ['math_simplify_factor', '(* (+ x 3) (+ x 1))', '(+ (+ (* x x) (* 4 x)) 3)'],
    ['math_diff_same', '(d x x)', '1'],
    ['math_diff_different', '(d x y)', '0'],
    ['math_diff_simple1', '(d x (+ 1 (* 2 x)))', '2'],
    ['math_diff_simple2', '(d x (+ 1 (* y x)))', 'y'],
    ['math_diff_ln', '(d x (ln x))', '(/ 1 x)'],
    ['diff_power_simple', '(d x (pow x 3))', '(* 3 (pow x 2))'],
    ['diff_power_harder', '(d x (- (pow x 3) (* 7 (pow x 2))))', '(* x (- (* 3 x) 14))',
      (r) => r.withTimeLimit(10_000).withIterLimit(60).withNodeLimit(100_000).withExpr(W('(* x (- (* 3 x) 14))'))],
    ['integ_one', '(i 1 x)', 'x'],
    ['integ_sin', '(i (cos x) x)', '(sin x)'],
    ['integ_x', '(i (pow x 1) x)', '(/ (pow x 2) 2)'],
    ['integ_part1', '(i (* x (cos x)) x)', '(+ (* x (sin x)) (cos x))'],
    ['integ_part2', '(i (* (cos x) x) x)', '(+ (* x (sin x)) (cos x))'],
    ['integ_part3', '(i (ln x) x)', '(- (* x (ln x)) x)'],
  ];
  test.each(cases)('%s: explained and replayed', (_name, start, goal, settings) => {
    let runner = new Runner<unknown, Term>({ analysis: constantFolding() as never, explanations: true });
    if (settings) runner = settings(runner);
    runner.withExpr(W(start));
    runner.withGoal(W(goal)).run(math);
    const ex = explain(runner.egraph, W(start), W(goal));
    expect(ex).not.toBe(null);
    const check = checkExplanation(ex!, math);
    expect(check.steps.filter((s) => s.ok === false)).toEqual([]);
    expect(check.valid).toBe(true);
    expect(ex!.steps.length).toBeGreaterThan(0);
  });
});

test('appliers and dynamic right sides are assumed steps, multi-patterns asserted', async () => {
  const { egraphRule, multiRule } = await import('../src/egraph/index.js');
  const P = (await import('../src/rewrite/index.js')).parsePattern;
  const swap = egraphRule('swap', '(pair ?a ?b)', (ctx) => ctx.instantiate(P('(pair ?b ?a)', S)), S);
  const eg = new EGraph({ explanations: true });
  new Runner({ egraph: eg }).withExpr(W('(pair x y)')).run([swap]);
  const ex = explain(eg, W('(pair x y)'), W('(pair y x)'))!;
  expect(show(ex)).toEqual(['swap forward [] (pair y x)']);
  expect(checkExplanation(ex, [swap.rule])).toMatchObject({ valid: true, assumed: 1 });
  const same = multiRule('same', '?a = (f ?x), ?b = (g ?x) --> ?a = ?b');
  const e2 = new EGraph({ explanations: true });
  new Runner({ egraph: e2 }).withExpr(W('(f z)')).withExpr(W('(g z)')).run([same]);
  const ex2 = explain(e2, W('(f z)'), W('(g z)'))!;
  expect(ex2.steps.map((s) => [s.rule, s.asserted])).toEqual([['same', true]]);
  expect(checkExplanation(ex2, [])).toMatchObject({ valid: true, assumed: 1 });
});
