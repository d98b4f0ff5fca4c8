/**
 * The derivation generator and its perturbations: generated derivations pass the verifier
 * (also when generated without the verifier's filter, almost all of them), are reproducible
 * from the seed, carry annotations that say how each step was made, and come out in the
 * data's format; VR, EE and AG variants stay valid, SR drops the hints, mutants are flagged
 * at the changed step. The prompt builder rebuilds all 500 prompts of the data exactly.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  generateDerivations, extendDerivation, passesVerifier, derivationLatex, DEFAULT_WEIGHTS, type GenerateStats,
} from '../src/derivation/generate.js';
import { renameVariables, exchangeSides, alternativeGoal, removeHints, mutateDerivation } from '../src/derivation/perturb.js';
import { chainToGoal, fromLatex, isPremise, type Derivation } from '../src/derivation/derivation.js';
import { dataItem, fromDataItem } from '../src/derivation/item.js';
import { generateDataset } from '../src/derivation/dataset.js';
import { annotations, dataLatex, derivationText, sreprDerivation } from '../src/derivation/format.js';
import { buildPrompt } from '../src/derivation/prompt.js';
import { OPERATIONS, applyOperation } from '../src/derivation/operations.js';
import { DEFAULT_VOCABULARY } from '../src/derivation/vocabulary.js';
import { verifyDerivation } from '../src/derivation/verify.js';
import { Model } from '../src/derivation/model.js';
import { parseLatex, latexFunctionNames } from '../src/term/latex-parse.js';
import { canonicalize } from '../src/term/canonical.js';
import { parse } from '../src/term/parse.js';
import { print } from '../src/term/print.js';
import { calculusVariables, collectFunctions, collectSymbols, replace, replaceCanonical } from '../src/derivation/terms.js';
import { INTEGRAL, DERIVATIVE } from '../src/term/operators.js';
import { sym, int, SYM, CALL, type Term } from '../src/term/term.js';
import { srepr } from '../src/term/srepr.js';
import { EquateError } from '../src/term/errors.js';

const items = JSON.parse(readFileSync(fileURLToPath(new URL('../../shared/data/derivations/gpt-4_results.json', import.meta.url)), 'utf8')) as Record<string, unknown>[];

/** Every step a premise or valid and the goal reached, by the verifier with its defaults (proofs included). */
function validThroughout(d: Derivation): boolean {
  const { steps, premises } = derivationLatex(d);
  const r = verifyDerivation(steps, { premises });
  return r.goalReached && r.steps.every((s) => s.status === 'premise' || s.status === 'valid');
}

function sameEquation(a: Term, b: Term): boolean {
  return canonicalize(a.args[0]!) === canonicalize(b.args[0]!) && canonicalize(a.args[1]!) === canonicalize(b.args[1]!);
}

function read(latex: string): Term {
  return parseLatex(latex, { functions: latexFunctionNames(latex) });
}

const model = new Model({ points: 5, seed: 3 });
const stats: GenerateStats = { derivations: 0, attempts: 0, rejected: {}, unverified: 0, steps: 0 };
const generated = generateDerivations({ count: 40, seed: 2024, stats });

describe('generateDerivations', () => {
  it('emits derivations that its verifier passes throughout', () => {
    expect(generated).toHaveLength(40);
    for (const d of generated) expect(validThroughout(d)).toBe(true);
    expect(stats.derivations).toBe(40);
    expect(stats.unverified).toBeLessThanOrEqual(2);
  });

  it('makes valid derivations by construction: without the filter, at least 95% pass', () => {
    const raw = generateDerivations({ count: 40, seed: 77, verify: false });
    const passed = raw.filter(passesVerifier).length;
    expect(passed / raw.length).toBeGreaterThanOrEqual(0.95);
  });

  it('is reproducible from the seed, and derivation k is the same in any slice of the run', () => {
    const a = generateDerivations({ count: 5, seed: 9, verify: false }).map(derivationText);
    const b = generateDerivations({ count: 5, seed: 9, verify: false }).map(derivationText);
    const tail = generateDerivations({ count: 2, seed: 9, start: 3, verify: false }).map(derivationText);
    const other = generateDerivations({ count: 5, seed: 10, verify: false }).map(derivationText);
    expect(a).toEqual(b);
    expect(tail).toEqual(a.slice(3));
    expect(other).not.toEqual(a);
  });

  it('annotates every step: premises first, references to earlier steps, the goal depending on every step', () => {
    for (const d of generated) {
      expect(d.steps[0]!.rule).toBe('premise');
      expect(d.steps.length).toBeGreaterThanOrEqual(4);
      expect(d.steps.length).toBeLessThanOrEqual(7);
      expect(chainToGoal(d).steps).toHaveLength(d.steps.length);
      d.steps.forEach((s, i) => {
        if (isPremise(s.rule)) return;
        expect(OPERATIONS).toContain(s.rule);
        for (const r of s.refs) { expect(r).toBeGreaterThanOrEqual(1); expect(r).toBeLessThanOrEqual(i); }
        expect(s.refs.length).toBe(s.rule.startsWith('substitute') ? 2 : 1);
      });
    }
  });

  it('replays: applying each annotation to the equations it names gives the step', () => {
    let replayed = 0;
    for (const d of generated) {
      d.steps.forEach((s) => {
        if (isPremise(s.rule) || s.rule === 'step') return;
        const got = applyOperation(s.rule as (typeof OPERATIONS)[number], s.refs.map((r) => d.steps[r - 1]!.equation), s.operand);
        expect(got).not.toBeNull();
        expect(sameEquation(got!, s.equation)).toBe(true);
        replayed++;
      });
    }
    expect(replayed).toBeGreaterThan(100);
  });

  it('rejects trivial and repeated equations and keeps to the size limit', () => {
    for (const d of generated) {
      const seen = new Set<string>();
      for (const s of d.steps) {
        const [l, r] = [canonicalize(s.equation.args[0]!), canonicalize(s.equation.args[1]!)];
        expect(l).not.toBe(r);
        expect(s.equation.size).toBeLessThanOrEqual(80);
        const key = [l.id, r.id].sort((x, y) => x - y).join('=');
        expect(seen.has(key)).toBe(false);
        seen.add(key);
      }
    }
    expect(stats.rejected.trivial ?? 0).toBeGreaterThan(0);
  });

  it('writes equations in the data\'s LaTeX, which reads back to the same equations', () => {
    for (const d of generated) {
      for (const s of d.steps) {
        const text = dataLatex(s.equation);
        expect(text).not.toContain('\\left');
        const functions = latexFunctionNames(derivationText(d));
        const back = parseLatex(text, { functions });
        // the same equation: canonically, or (where a coefficient is distributed differently) at every point of a model
        if (!sameEquation(back, s.equation)) for (const k of [0, 1]) expect(Array.from(model.values(canonicalize(back.args[k]!)))).toEqual(Array.from(model.values(canonicalize(s.equation.args[k]!))).map((v) => expect.closeTo(v, 9)));
      }
    }
  });

  it('follows the options: fixed length, chosen operations, weights, vocabulary', () => {
    const five = generateDerivations({ count: 5, seed: 3, length: 5 });
    for (const d of five) expect(d.steps).toHaveLength(5);
    const ops = ['differentiate', 'evaluate_derivatives', 'substitute_LHS_for_RHS', 'times'] as const;
    const only = generateDerivations({ count: 6, seed: 4, operations: ops });
    for (const d of only) for (const s of d.steps) if (!isPremise(s.rule)) expect(ops).toContain(s.rule);
    const weighted = generateDerivations({ count: 4, seed: 5, operations: { ...DEFAULT_WEIGHTS, integrate: 0, evaluate_integrals: 0 } });
    for (const d of weighted) for (const s of d.steps) expect(['integrate', 'evaluate_integrals']).not.toContain(s.rule);
    const vocabulary = { symbols: ['x', 'y', 'z', 't', 'u', 'v', 'w'], functions: ['f', 'g'] };
    for (const d of generateDerivations({ count: 4, seed: 6, vocabulary })) {
      for (const s of d.steps) for (const n of collectSymbols(s.equation)) expect(vocabulary.symbols).toContain(n);
    }
  });

  it('rejects bad options with one-line errors', () => {
    const bad: [object, RegExp][] = [
      [{ count: -1 }, /count/], [{ count: 1.5 }, /count/], [{ length: [5, 3] }, /length/], [{ length: 1 }, /length/],
      [{ operations: ['fly'] }, /unknown operation 'fly'/], [{ operations: { add: -1 } }, /weight of 'add'/],
      [{ vocabulary: { symbols: ['x'] } }, /vocabulary/], [{ start: -2 }, /start/],
    ];
    for (const [opts, re] of bad) {
      expect(() => generateDerivations(opts)).toThrow(EquateError);
      expect(() => generateDerivations(opts)).toThrow(re);
    }
  });

  it('reads every default vocabulary name as one symbol or one function', () => {
    for (const n of DEFAULT_VOCABULARY.symbols) expect(parseLatex(n).kind).toBe(SYM);
    for (const n of DEFAULT_VOCABULARY.functions) {
      const t = read(`${n}{(z)}`);
      expect(t.kind).toBe(CALL);
      expect(t.op!.kind).toBe('undefined');
    }
  });
});

describe('perturbations', () => {
  const sample = generated.slice(0, 20);

  it('VR renames every symbol and function and stays valid', () => {
    sample.forEach((d, k) => {
      const vr = renameVariables(d, { seed: k });
      const before = new Set<string>(), after = new Set<string>();
      for (const s of d.steps) collectSymbols(s.equation, new Set(), before);
      for (const s of vr.steps) collectSymbols(s.equation, new Set(), after);
      for (const n of after) expect(before.has(n)).toBe(false);
      expect(after.size).toBe(before.size);
      expect(validThroughout(vr)).toBe(true);
    });
  });

  it('EE swaps both sides of every equation, flips substitutions, and stays valid', () => {
    for (const d of sample) {
      const ee = exchangeSides(d);
      ee.steps.forEach((s, i) => {
        expect(s.equation.args[0]).toBe(d.steps[i]!.equation.args[1]);
        if (d.steps[i]!.rule === 'substitute_LHS_for_RHS') expect(s.rule).toBe('substitute_RHS_for_LHS');
      });
      expect(validThroughout(ee)).toBe(true);
    }
  });

  it('AG keeps the chain, changes the goal, and stays valid', () => {
    let found = 0;
    sample.forEach((d, k) => {
      const ag = alternativeGoal(d, { seed: k });
      if (ag === null) return;
      found++;
      const goal = ag.steps[ag.steps.length - 1]!.equation, old = d.steps[d.steps.length - 1]!.equation;
      expect(sameEquation(goal, old)).toBe(false);
      for (const s of ag.steps.slice(0, -1)) expect(d.steps.some((t) => t.equation === s.equation)).toBe(true);
      expect(validThroughout(ag)).toBe(true);
    });
    expect(found).toBeGreaterThanOrEqual(18);
  });

  it('SR drops the hints from the prompt, not the steps', () => {
    const d = generated.find((x) => x.hints.length > 0)!;
    expect(buildPrompt(d)).toContain('then derive');
    const sr = removeHints(d);
    expect(buildPrompt(sr)).not.toContain('then derive');
    expect(derivationText(sr)).toBe(derivationText(d));
  });

  it('mutants are flagged at the changed step, earlier steps unchanged', () => {
    let total = 0, flagged = 0;
    const kinds = new Set<string>();
    sample.forEach((d, k) => {
      const base = verifyDerivation(derivationLatex(d).steps, { premises: derivationLatex(d).premises });
      for (let s = 0; s < 4; s++) {
        const m = mutateDerivation(d, { seed: 31 * k + s });
        if (m === null) continue;
        total++;
        kinds.add(m.mutant.kind);
        const { steps, premises } = derivationLatex(m.derivation);
        const r = verifyDerivation(steps, { premises });
        const st = r.steps[m.index - 1]!.status;
        if (st !== 'valid' && st !== 'premise') flagged++;
        for (let j = 0; j < m.index - 1; j++) expect(r.steps[j]!.status).toBe(base.steps[j]!.status);
      }
    });
    expect(total).toBeGreaterThanOrEqual(70);
    expect(kinds.size).toBeGreaterThanOrEqual(4);
    expect(flagged / total).toBeGreaterThanOrEqual(0.99);
  });

  it("keep the data's derivations as valid as they were: VR, EE and AG of the 100 static derivations", () => {
    const tally: Record<string, [number, number]> = {};
    const count = (kind: string, d: Derivation): void => {
      const { steps, premises } = derivationLatex(d);
      const r = verifyDerivation(steps, { premises, proofs: false });
      const t = (tally[kind] ??= [0, 0]);
      r.steps.forEach((s, i) => {
        if (i < premises) return;
        t[1]++;
        if (s.status === 'valid' || s.status === 'premise') t[0]++;
      });
    };
    let agFound = 0;
    items.forEach((item, k) => {
      const d = fromDataItem(item);
      count('static', d);
      count('VR', renameVariables(d, { seed: k }));
      count('EE', exchangeSides(d));
      const ag = alternativeGoal(d, { seed: k });
      if (ag !== null) { agFound++; count('AG', ag); }
    });
    expect(tally.VR).toEqual(tally.static);
    expect(tally.EE).toEqual(tally.static);
    expect(tally.AG![0]).toBe(tally.AG![1]);
    expect(agFound).toBeGreaterThanOrEqual(98);
  });

  it('work on derivations read from LaTeX', () => {
    const d = fromLatex(['f{(x)} = x^{2}', '\\frac{d}{d x} f{(x)} = \\frac{d}{d x} x^{2}', '\\frac{d}{d x} f{(x)} = 2 x']);
    expect(validThroughout(renameVariables(d))).toBe(true);
    expect(validThroughout(exchangeSides(d))).toBe(true);
    const ag = alternativeGoal(d, { seed: 1 });
    expect(ag).not.toBeNull();
    expect(validThroughout(ag!)).toBe(true);
    const more = extendDerivation(d, { seed: 5 });
    expect(more).not.toBeNull();
    expect(more!.steps.at(-1)!.refs).toContain(3);
  });
});

describe("the data's format", () => {
  it('builds records with the keys of the data', () => {
    const [record] = generateDataset({ count: 1, seed: 8 });
    const keys = Object.keys(record!).sort();
    const dataKeys = Object.keys(items[0]!).filter((k) => /(^|\s)(prompt|derivation|srepr_derivation)$/.test(k)).sort();
    expect(keys).toEqual(dataKeys);
    expect(record!['SR prompt']).not.toContain('then derive');
    expect(record!.derivation).toBe(record!['SR derivation']);
  });

  it('writes annotations as the data does', () => {
    for (const d of generated) {
      annotations(d).forEach((a, i) => {
        const s = d.steps[i]!;
        if (isPremise(s.rule)) { expect(a).toBe(s.rule); return; }
        expect(Array.isArray(a)).toBe(true);
        const arr = a as (string | number)[];
        expect(arr[0]).toBe(s.rule);
        expect(arr.slice(1, 1 + s.refs.length)).toEqual(s.refs);
        if (['differentiate', 'integrate', 'add', 'minus', 'times', 'divide', 'power'].includes(s.rule)) expect(String(arr[2])).toMatch(/^(Symbol|Integer|Add|Mul|Pow|Rational|Function|Derivative|Integral|exp|log|sin|cos)\(/);
      });
      for (const [, text] of sreprDerivation(d)) {
        expect(text.startsWith('Equality(')).toBe(true);
        let depth = 0;
        for (const ch of text) { depth += ch === '(' ? 1 : ch === ')' ? -1 : 0; expect(depth).toBeGreaterThanOrEqual(0); }
        expect(depth).toBe(0);
      }
    }
  });

  it('reads the data back: rules and references from the annotations, hints from the prompt', () => {
    const d = fromDataItem(items[0]!);
    expect(d.steps.map((s) => s.rule)).toEqual((items[0]!.srepr_derivation as [unknown][]).map(([a]) => (typeof a === 'string' ? 'premise' : (a as string[])[0])));
    expect(d.hints.length).toBeGreaterThan(0);
    expect(dataItem({ '': d }).derivation).toBe(items[0]!.derivation);
  });

  it('rebuilds all 500 prompts of the data exactly (few-shot examples, hints, SR)', () => {
    const examplesOf = (prompt: string): { prompt: string; derivation: string }[] =>
      prompt.slice(prompt.indexOf('\n\n') + 2, prompt.indexOf('Now given')).split('\n\n\n').filter((b) => b.length > 0).map((b) => {
        const [p, der] = b.split('\n\nDerivation: ');
        return { prompt: p!, derivation: der! };
      });
    let same = 0, n = 0;
    for (const item of items) {
      for (const v of ['', 'VR', 'EE', 'AG', 'SR'] as const) {
        const key = v === '' ? 'prompt' : `${v} prompt`;
        const prompt = item[key] as string;
        n++;
        if (buildPrompt(fromDataItem(item, v), { examples: examplesOf(prompt), hints: v !== 'SR' }) === prompt) same++;
      }
    }
    expect(n).toBe(500);
    expect(same).toBe(500);
  });

  it("the doc comments' examples hold", () => {
    expect(dataLatex(parse('f(x) = sin(x)', { mode: 'written' }))).toBe('f{(x)} = \\sin{(x)}');
    expect(dataLatex(parse('Integral(x + 1, x)', { mode: 'written' }))).toBe('\\int (x + 1) dx');
    const e = parse('f(x) = x^2', { mode: 'written' });
    expect(print(applyOperation('times', [e], sym('x'))!)).toBe('x*f(x) = x^3');
    expect(print(applyOperation('differentiate', [e], sym('x'))!)).toBe('Derivative(f(x), x, 1) = Derivative(x^2, x, 1)');
    expect(calculusVariables(parse('Integral(f(x), x) + Derivative(g(y), y, 1)'), INTEGRAL)).toEqual([sym('x')]);
    expect(calculusVariables(parse('Derivative(f(x, y), y, 1)'), DERIVATIVE)).toEqual([sym('y')]);
    expect([...collectFunctions(parse('f(x) + Derivative(g(x, y), x, 1)'))].map((f) => f.name).sort()).toEqual(['f', 'g']);
    expect([...collectSymbols(parse('x + f(y)*z'), new Set(['z']))].sort()).toEqual(['x', 'y']);
    expect(print(replace(parse('sin(x) + x', { mode: 'written' }), sym('x'), int(2)))).toBe('sin(2) + 2');
    expect(print(replaceCanonical(parse('a + b + c'), parse('a + b'), sym('s')))).toBe('c + s');
    expect(generateDerivations({ count: 1, seed: 3 })[0]!.steps[0]!.rule).toBe('premise');
  });

  it('srepr writes SymPy constructors', () => {
    const x = "Symbol('x', commutative=True)";
    expect(srepr(parse('x^2 + 1'))).toBe(`Add(Integer(1), Pow(${x}, Integer(2)))`);
    expect(srepr(parse('x/3', { mode: 'written' }))).toBe(`Mul(${x}, Pow(Integer(3), Integer(-1)))`);
    expect(srepr(parse('-x/2'))).toBe(`Mul(Rational(-1, 2), ${x})`);
    expect(srepr(read('\\frac{d}{d x} f{(x)} = \\int \\sin{(x)} dx'))).toBe(`Equality(Derivative(Function('f')(${x}), Tuple(${x}, Integer(1))), Integral(sin(${x}), Tuple(${x})))`);
    expect(srepr(sym('theta'))).toBe("Symbol('\\\\theta', commutative=True)");
    expect(srepr(read('e^{\\hat{x}_0}'))).toBe("exp(Symbol('\\\\hat{x}_{0}', commutative=True))");
  });
});
