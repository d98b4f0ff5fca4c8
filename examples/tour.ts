/**
 * `npm start`: a short tour of equate. Each step prints what it does and the result.
 */
import {
  parse, print, toLatex, toSexpr, parseSexpr, simplify, diff, evaluate, subst, freeSymbols, sym,
  exact, formatValue, EquateError, simplifyClassic, equivalent, verifyDerivation,
  generateDerivations, buildPrompt, mutateDerivation, derivationLatex, stepLatex,
} from '../src/index.js';

function show(label: string, value: string): void {
  console.log(`${label.padEnd(34)} ${value}`);
}

console.log('equate: a tour\n');

const written = parse('x*x + 2*x*y - y*y/1 + 1/3 + 1/6', { mode: 'written' });
show('parsed as written', print(written));
const canonical = simplify(written, { engine: 'canonical' });
show('canonical form', print(canonical));
show('as LaTeX', toLatex(canonical));
show('as an S-expression', toSexpr(canonical));
show('same object from egg syntax', String(parseSexpr('(+ (pow x 2) (* 2 y x) (* -1 (pow y 2)) 1/2)') === canonical));

const x = sym('x');
const f = parse('sin(x^2) * exp(x) / x');
show('f', print(f));
show("f'", print(diff(f, x)));
show("f' as LaTeX", toLatex(diff(f, x)));
show('d/dx g(x^2) (chain rule)', print(diff(parse('g(x^2)'), x)));
show('free symbols of f(x, y) + z', [...freeSymbols(parse('f(x, y) + z'))].map(print).join(', '));
show('f at x = 1.5', String(evaluate(f, { x: 1.5 })));
show('f at x = 1.5, 40 digits', evaluate(f, { x: 1.5 }, { mode: 'decimal', precision: 40 }).toString());
show('(1/3 + 1/6)^2 exactly', formatValue(evaluate(parse('(1/3 + 1/6)^2'), {}, { mode: 'exact' }) as ReturnType<typeof exact>));
show('f with x := y + 1', print(subst(f, { x: parse('y + 1') })));
show('2^(10^9) stays symbolic', print(parse('2^(10^9)')));

console.log('\nthe default simplifier (rule families over the canonical form)\n');
for (const src of ['cos(x)^2 + 1 + sin(x)^2', 'x/(x + 3) + 3/(x + 3)', 'tan(x)*cos(x)', '2*x*sin(x) + x^2*cos(x)', 'Integral(x*cos(x), x)']) {
  show(src, print(simplify(parse(src))));
}
const report = simplifyClassic(parse('(x^2 - 1)/(x - 1)', { mode: 'written' }));
show('(x^2 - 1)/(x - 1)', `${print(report.term)}, assuming ${report.nonzero.map(print).join(', ')} nonzero`);
show('sqrt(x^2), x complex', print(simplify(parse('sqrt(x^2)'))));
show('sqrt(x^2), x real', print(simplify(parse('sqrt(x^2)'), { real: true })));
show('the same with the e-graph', print(simplify(parse('tan(x)*cos(x) + sin(x)^2 + cos(x)^2'), { engine: 'egraph' })));
const proof = equivalent(parse('cos(x)^2'), parse('1 - sin(x)^2'));
show('cos(x)^2 = 1 - sin(x)^2 ?', `${String(proof.result)} (${proof.method}: ${proof.proof!.steps.map((s) => s.rule).join(', ')})`);
const refuted = equivalent(parse('sin(2*x)'), parse('2*sin(x)'));
show('sin(2x) = 2 sin(x) ?', `${String(refuted.result)}, at x = ${refuted.counterexample!.point.x!.toFixed(4)}`);

console.log('\nverifying a derivation written in LaTeX, step by step\n');
const derivation = [
  '\\eta{(a)} = e^{a}',
  '\\frac{d}{d a} \\eta{(a)} = \\frac{d}{d a} e^{a}',
  '\\frac{d}{d a} \\eta{(a)} = e^{a}',
  '\\frac{d}{d a} \\eta{(a)} = 2 \\eta{(a)}',
];
for (const step of verifyDerivation(derivation).steps) {
  const why = step.justification !== null && step.status !== 'premise' ? ` (${step.justification.rule} from ${step.justification.from.join(', ')})` : '';
  show(`${step.index}. ${step.latex}`, `${step.status}${why}`);
}

console.log('\ngenerating a derivation (seed 7), with its prompt, and a mutant the verifier flags\n');
const [made] = generateDerivations({ count: 1, seed: 7 });
console.log(`  ${buildPrompt(made!)}`);
for (const [i, step] of made!.steps.entries()) show(`${i + 1}. ${stepLatex(step)}`, step.refs.length > 0 ? `${step.rule} of ${step.refs.join(', ')}` : step.rule);
const mutated = mutateDerivation(made!, { seed: 1 })!;
const mutatedReport = verifyDerivation(derivationLatex(mutated.derivation).steps);
show(`mutant (${mutated.mutant.detail})`, `step ${mutated.index}: ${mutatedReport.steps[mutated.index - 1]!.status}`);
console.log();

try {
  parse('sin(x + * 2)');
} catch (e) {
  if (!(e instanceof EquateError)) throw e;
  show('a parse error', e.message);
}
