import { describe, expect, test } from 'vitest';
import { sym, int, num, call, internTableSize, NUM, SYM, CALL } from '../src/term/term.js';
import { exact } from '../src/term/number.js';
import { ADD, MUL, SIN, EQ } from '../src/term/operators.js';
import { limits } from '../src/term/limits.js';
import { LimitError } from '../src/term/errors.js';

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** Ends the current job (WeakRef targets are kept alive until then) and collects garbage. */
const settle = async (): Promise<void> => {
  await new Promise<void>((resolve) => setImmediate(resolve));
  gc();
};

describe('hash-consing', () => {
  test('structurally equal terms are the same object', () => {
    const x = sym('x');
    const a = call(ADD, [x, call(MUL, [int(2), call(SIN, [x])])]);
    const b = call(ADD, [sym('x'), call(MUL, [num(exact(4, 2)), call(SIN, [sym('x')])])]);
    expect(a).toBe(b);
    expect(a.id).toBe(b.id);
    expect(a.hash).toBe(b.hash);
  });

  test.each([
    ['exact 2 and float 2.0 differ', int(2), num(2.0)],
    ['x and x with assumptions differ', sym('x'), sym('x', ['positive'])],
    ['argument order matters in a raw call', call(ADD, [sym('a'), sym('b')]), call(ADD, [sym('b'), sym('a')])],
    ['a = b and b = a differ', call(EQ, [sym('a'), sym('b')]), call(EQ, [sym('b'), sym('a')])],
  ])('%s', (_name, a, b) => {
    expect(a).not.toBe(b);
  });

  test('-0 is 0', () => {
    expect(num(-0)).toBe(num(0));
  });

  test('names of Object.prototype members are ordinary symbols', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '']) {
      const s = sym(name);
      expect(s.kind).toBe(SYM);
      expect(s.name).toBe(name);
      expect(sym(name)).toBe(s);
    }
  });

  test('kinds, depth and size are cached on construction', () => {
    const x = sym('x');
    const t = call(ADD, [x, call(SIN, [x])]);
    expect([int(1).kind, x.kind, t.kind]).toEqual([NUM, SYM, CALL]);
    expect(t.depth).toBe(3);
    expect(t.size).toBe(4);
  });

  test('the hash does not depend on creation order (it is structural)', () => {
    const h = call(SIN, [sym('hash-probe')]).hash;
    expect(h).toBe(call(SIN, [sym('hash-probe')]).hash);
    expect(Number.isInteger(h)).toBe(true);
  });

  test('terms deeper than limits.maxDepth are refused with a LimitError', () => {
    let t = sym('x');
    for (let i = 1; i < limits.maxDepth; i++) t = call(SIN, [t]);
    expect(t.depth).toBe(limits.maxDepth);
    expect(() => call(SIN, [t])).toThrow(LimitError);
  });

  test('wrong arity is refused', () => {
    expect(() => call(SIN, [sym('x'), sym('y')])).toThrow('sin takes 1 argument, got 2');
  });
});

describe('the intern table stays bounded', () => {
  test('building and dropping 3 million terms keeps table and heap bounded', async () => {
    const batches = 30, perBatch = 100_000;
    const x = sym('x');
    const sizes: number[] = [];
    const heaps: number[] = [];
    for (let b = 0; b < batches; b++) {
      for (let i = 0; i < perBatch; i++) {
        // Distinct every time: the integer makes each term new.
        call(MUL, [int(b * perBatch + i), x]);
      }
      await settle();
      sizes.push(internTableSize());
      heaps.push(process.memoryUsage().heapUsed);
    }
    const total = batches * perBatch;
    // Dropped terms are reclaimed: the table holds far fewer entries than were ever made.
    expect(Math.max(...sizes)).toBeLessThan(total / 3);
    expect(internTableSize({ sweep: true })).toBeLessThan(total / 3);
    // Heap does not grow with the number of batches: the last third is no larger than
    // the first third plus a margin far below what the dropped terms would take.
    const third = Math.floor(batches / 3);
    const early = Math.max(...heaps.slice(0, third));
    const late = Math.max(...heaps.slice(2 * third));
    expect(late).toBeLessThan(early + 50e6);
  }, 120_000);

  test('live terms survive a sweep and stay canonical', async () => {
    const keep = Array.from({ length: 1000 }, (_, i) => call(ADD, [sym('k'), int(i)]));
    for (let i = 0; i < 200_000; i++) call(MUL, [int(-i - 1), sym('tmp')]);
    await settle();
    internTableSize({ sweep: true });
    for (let i = 0; i < 1000; i++) expect(call(ADD, [sym('k'), int(i)])).toBe(keep[i]);
  });
});
