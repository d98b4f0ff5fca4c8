/** verifyDerivation: input formats, each status, warnings, goals, and robustness. */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { verifyDerivation, readDerivation, readDerivations, STATUSES, type StepReport } from '../src/derivation/index.js';
import type { ProofLine } from '../src/derivation/report.js';
import { parse } from '../src/term/parse.js';

const statuses = (input: unknown, opts = {}): string[] => verifyDerivation(input, opts).steps.map((s) => s.status);
const rules = (input: unknown): (string | undefined)[] => verifyDerivation(input).steps.map((s) => s.justification?.rule);

describe('reading derivations', () => {
  it('reads the three shapes alike', () => {
    const eqs = ['f{(x)} = x^{2}', '\\frac{d}{d x} f{(x)} = 2 x'];
    const a = readDerivation(eqs.join(' and '));
    const b = readDerivation(eqs);
    const c = readDerivation({ premises: [eqs[0]], steps: [eqs[1]] });
    for (const r of [a, b, c]) {
      expect(r.steps.map((s) => s.premise)).toEqual([true, false]);
      expect(r.steps.every((s) => s.equation !== null)).toBe(true);
    }
    expect(readDerivation(eqs, { premises: 0 }).steps[0]!.premise).toBe(false);
  });
  it('reads JSONL, JSON arrays of derivations and plain lines', () => {
    expect(readDerivations('["x = 1", "2 x = 2"]\n"y = 2 and y + 1 = 3"\n{"steps": ["a = b"]}')).toHaveLength(3);
    expect(readDerivations('[{"steps": ["a = b"]}, ["x = 1"]]')).toHaveLength(2);
    expect(readDerivations('x = 1 and 2 x = 2\ny = 1')).toEqual(['x = 1 and 2 x = 2', 'y = 1']);
    expect(readDerivations('')).toEqual([]);
  });
  it('turns unreadable steps into unparsed entries with the parser message', () => {
    const r = verifyDerivation(['x = 1', 'x = \\frac{1', 'x + 1']);
    expect(r.steps.map((s) => s.status)).toEqual(['premise', 'unparsed', 'unparsed']);
    expect(r.steps[1]!.message).toMatch(/column/);
    expect(r.steps[2]!.message).toBe('not an equation');
  });
});

describe('statuses and justifications', () => {
  it('differentiates and evaluates', () => {
    const d = '\\eta{(a)} = e^{a} and \\frac{d}{d a} \\eta{(a)} = \\frac{d}{d a} e^{a} and \\frac{d}{d a} \\eta{(a)} = e^{a} and \\frac{d}{d a} \\eta{(a)} = \\eta{(a)}';
    const r = verifyDerivation(d);
    expect(r.steps.map((s) => s.status)).toEqual(['premise', 'valid', 'valid', 'valid']);
    expect(r.steps.map((s) => s.justification?.rule)).toEqual(['premise', 'differentiate', 'evaluate_derivatives', 'substitute_RHS_for_LHS']);
    expect(r.steps[1]!.justification!.from).toEqual([1]);
    expect(r.goalReached).toBe(true);
    expect(r.summary.valid).toBe(3);
  });
  it('integrates, with a fresh symbol as the integration constant', () => {
    const d = ['y{(x)} = \\cos{(x)}', '\\int y{(x)} dx = \\int \\cos{(x)} dx', '\\int y{(x)} dx = C + \\sin{(x)}'];
    expect(rules(d)).toEqual(['premise', 'integrate', 'evaluate_integrals']);
    expect(statuses([...d.slice(0, 2), '\\int y{(x)} dx = C + 2 \\sin{(x)}'])).toEqual(['premise', 'valid', 'invalid']);
  });
  it('fits several integration constants independently', () => {
    // A = 0 and B = -1: no single value of A = B does it
    expect(statuses(['g{(x)} = \\int (\\int 2 dx) dx', 'g{(x)} = A x + B + x^{2} + 1'])).toEqual(['premise', 'valid']);
    expect(statuses(['g{(x)} = \\int (\\int 2 dx) dx', 'g{(x)} = A x + B + x^{3}'])).toEqual(['premise', 'invalid']);
  });
  it('names operations on both sides', () => {
    expect(rules(['y = x^{2}', 'y + 1 = x^{2} + 1'])[1]).toBe('add');
    expect(rules(['y = x^{2}', 'y x = x^{3}'])[1]).toBe('times');
    expect(rules(['y = x^{2}', 'y^{3} = x^{6}'])[1]).toBe('power');
    expect(rules(['y = x^{2}', 'e^{y} = e^{x^{2}}'])[1]).toBe('exp');
    expect(rules(['y = x^{2}', '\\cos{(y)} = \\cos{(x^{2})}'])[1]).toBe('cos');
    expect(rules(['y = x^{2}', 'y - x^{2} = 0'])[1]).toBe('add');
    expect(rules(['y = x^{2}', '2 y - 2 x^{2} = 0'])[1]).toBe('rearrange');
    expect(rules(['y = x^{2}', 'x^{2} = y'])[1]).toBe('premise');
    expect(rules(['y = x^{2}', 'y + 1 = x^{2} + 1', '(x + 1)^{2} - 2 x = 1 + y'])[2]).toBe('evaluate');
  });
  it('finds invalid steps, with a counterexample where the premises hold', () => {
    const r = verifyDerivation(['f{(x)} = x^{2}', '\\frac{d}{d x} f{(x)} = 3 x']);
    expect(r.steps[1]!.status).toBe('invalid');
    const c = r.steps[1]!.counterexample!;
    expect(Object.keys(c.point)).toEqual(['x']);
    expect(c.lhs).toBeCloseTo(2 * c.point.x!, 9);
    expect(c.rhs).toBeCloseTo(3 * c.point.x!, 9);
    expect(r.goalReached).toBe(false);
  });
  it('calls a true step that skips operations unjustified', () => {
    expect(statuses(['f{(x)} = x^{3}', '\\frac{d^{2}}{d x^{2}} f{(x)} = 6 x'])).toEqual(['premise', 'unjustified']);
  });
  it('lists two operations that bridge a true step, where found', () => {
    const r = verifyDerivation(['f{(x)} = x^{3}', '\\frac{d^{2}}{d x^{2}} f{(x)} = 6 x']);
    expect(r.steps[1]!.bridge).toEqual([{ rule: 'differentiate', from: [1], detail: 'x' }, { rule: 'differentiate', from: [], detail: 'x' }]);
    expect(r.steps[1]!.message).toMatch(/bridge it: differentiate step 1 by x, then differentiate by x/);
    const sub = verifyDerivation(['f{(x)} = x^{2}', 'y = f{(x)} + 1', '2 y = 2 x^{2} + 2'], { premises: 2 }).steps[2]!;
    expect(sub.status).toBe('unjustified');
    expect(sub.bridge.map((b) => b.rule)).toEqual(['substitute_LHS_for_RHS', 'times']);
    expect(verifyDerivation(['f{(x)} = x^{3}', '\\frac{d^{2}}{d x^{2}} f{(x)} = 6 x'], { bridges: false }).steps[1]!.bridge).toEqual([]);
    expect(verifyDerivation(['f{(x)} = x^{3}', '\\frac{d^{2}}{d x^{2}} f{(x)} = 6 x'], { bridgeTimeMs: -1 }).steps[1]!.message).toMatch(/within -1 ms/);
  });
  it('marks repeats redundant and a repeated premise a premise', () => {
    expect(statuses(['y = x^{2}', 'y + 1 = x^{2} + 1', 'x^{2} + 1 = y + 1', 'x^{2} = y'])).toEqual(['premise', 'valid', 'redundant', 'premise']);
  });
  it('takes a new function definition as a premise', () => {
    const r = verifyDerivation(['y = x^{2}', 'g{(x)} = \\sin{(x)}', 'y + g{(x)} = x^{2} + g{(x)}', 'y + g{(x)} = x^{2} + \\sin{(x)}', 'y + g{(x)} = x^{2}']);
    expect(r.steps.map((s) => s.status)).toEqual(['premise', 'premise', 'valid', 'valid', 'invalid']);
    expect(r.steps[1]!.justification!.rule).toBe('definition');
    expect(statuses(['y = x^{2}', 'g{(x)} = \\sin{(x)}', 'y + g{(x)} = x^{2} + \\sin{(x)}'])[2]).toBe('unjustified');
  });
  it('reports irrelevant steps and the goal when a goal is given', () => {
    const r = verifyDerivation({ premises: ['y = x^{2}'], steps: ['y^{2} = x^{4}', 'y + 1 = x^{2} + 1'], goal: 'y + 1 = x^{2} + 1' });
    expect(r.steps.map((s) => s.status)).toEqual(['premise', 'irrelevant', 'valid']);
    expect(r.goalReached).toBe(true);
    const missing = verifyDerivation({ premises: ['y = x^{2}'], steps: ['2 y = 2 x^{2}'], goal: 'y = 5' });
    expect(missing.goalReached).toBe(false);
  });
  it('warns about degenerate steps', () => {
    const zero = verifyDerivation(['y = x', '\\frac{y}{\\frac{d}{d x} 1} = \\frac{x}{\\frac{d}{d x} 1}']);
    expect(zero.steps[1]!.status).toBe('valid');
    expect(zero.steps[1]!.warnings.join(' ')).toMatch(/zero/);
    const constant = verifyDerivation(['f{(x)} = \\cos{(x)}', '\\int f{(x)} dx = \\int \\cos{(x)} dx', '\\int f{(x)} dx = C + \\sin{(x)}', '\\frac{d}{d C} \\int f{(x)} dx = \\frac{d}{d C} (C + \\sin{(x)})']);
    expect(constant.steps[3]!.status).toBe('valid');
    expect(constant.steps[3]!.warnings.join(' ')).toMatch(/integration constant/);
  });
  it('carries the id and counts every status in the summary', () => {
    const r = verifyDerivation({ id: 'd7', steps: ['x = 1', 'x + 1 = 2'] });
    expect(r.id).toBe('d7');
    expect(Object.keys(r.summary)).toEqual([...STATUSES]);
  });
  it('rejects differentiating by an expression the premises tie to other symbols', () => {
    const r = verifyDerivation(['\\lambda{(V)} = V', '\\frac{d}{d \\lambda{(V)}} \\lambda{(V)} = \\frac{d}{d \\lambda{(V)}} V']);
    expect(r.steps[1]!.status).toBe('invalid');
    expect(r.steps[1]!.message).toMatch(/with respect to lambda\(V\), which the premises tie/);
    expect(statuses(['y = f{(x)}^{2}', '\\frac{d}{d f{(x)}} y = \\frac{d}{d f{(x)}} f{(x)}^{2}'])[1]).toBe('valid');
  });
  it('says when a step runs out of time', () => {
    const r = verifyDerivation(['y = x^{2}', 'y + 1 = x^{2} + 2'], { stepTimeMs: -1 });
    expect(r.steps[1]!.status).toBe('unjustified');
    expect(r.steps[1]!.message).toMatch(/time limit/);
  });
});

describe('proofs', () => {
  const d = ['f{(x)} = x^{2}', '\\frac{d}{d x} f{(x)} = \\frac{d}{d x} x^{2}', '\\frac{d}{d x} f{(x)} = 2 x'];
  const sideLines = (s: StepReport, side: string): ProofLine[] => s.proof.filter((l) => l.side === side);
  it('proves a valid step from its candidate with the e-graph', () => {
    const r = verifyDerivation(d);
    expect(r.steps.map((s) => s.checked)).toEqual([null, 'symbolic', 'symbolic']);
    const diff = r.steps[1]!;
    expect(sideLines(diff, 'rhs').map((l) => l.term)).toEqual(['Derivative(x^2, x, 1)']);
    const evaluated = sideLines(r.steps[2]!, 'rhs');
    expect(evaluated[0]).toEqual({ side: 'rhs', rule: 'candidate', term: 'Derivative(x^2, x, 1)' });
    expect(evaluated[evaluated.length - 1]!.term).toBe('2*x');
    expect(evaluated.length).toBeGreaterThan(1);
    // every line reads back, and the rewrites keep the value
    for (const l of r.steps[2]!.proof) expect(() => parse(l.term)).not.toThrow();
  });
  it('builds the candidate of each operation', () => {
    const rhs = (steps: string[]): string[] => sideLines(verifyDerivation(steps).steps[1]!, 'rhs').map((l) => l.term);
    expect(rhs(['y = x^{2}', 'y + 1 = x^{2} + 1'])[0]).toBe('x^2 + 1');
    expect(rhs(['y = x^{2}', 'y x = x^{3}'])[0]).toBe('x*x^2');
    expect(rhs(['y = x^{2}', 'y^{3} = x^{6}'])[0]).toBe('(x^2)^3');
    expect(rhs(['y = x^{2}', '\\cos{(y)} = \\cos{(x^{2})}'])[0]).toBe('cos(x^2)');
    const rearranged = verifyDerivation(['y = x^{2}', '2 y - 2 x^{2} = 0']).steps[1]!;
    expect(rearranged.proof[0]!.side).toBe('lhs - rhs');
    expect(rearranged.checked).toBe('symbolic');
  });
  it('takes an integration constant as 0 in the proof and says so', () => {
    const r = verifyDerivation(['y{(x)} = \\cos{(x)}', '\\int y{(x)} dx = \\int \\cos{(x)} dx', '\\int y{(x)} dx = C + \\sin{(x)}']);
    const s = r.steps[2]!;
    expect(s.checked).toBe('symbolic');
    const rhs = sideLines(s, 'rhs');
    expect(rhs[rhs.length - 1]!.rule).toMatch(/integration constant C/);
    expect(rhs[rhs.length - 2]!.term).toBe('sin(x)');
  });
  it('leaves the proof empty when asked for none, or when the e-graph does not find one', () => {
    const r = verifyDerivation(d, { proofs: false });
    expect(r.steps.map((s) => s.checked)).toEqual([null, 'numeric', 'numeric']);
    expect(r.steps.every((s) => s.proof.length === 0)).toBe(true);
    expect(verifyDerivation(d, { proofTimeMs: 0 }).steps[2]!.checked).toBe('numeric');
  });
});

describe('robustness', () => {
  it('never throws', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.array(fc.string()), fc.anything()), (input) => {
      const r = verifyDerivation(input);
      expect(Array.isArray(r.steps)).toBe(true);
    }), { numRuns: 300 });
    for (const bad of [null, undefined, 42, {}, { steps: 5 }, '(((((', '\\frac{d}{d x} = = =', 'x = ' + '('.repeat(100_000)]) {
      expect(() => verifyDerivation(bad)).not.toThrow();
    }
  });
});
