import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// `npm test` builds first (pretest); the CLI is run as users run it, from dist/.
const main = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));

function equate(...argv: string[]) {
  const r = spawnSync(process.execPath, [main, ...argv], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the equate command', () => {
  test('equiv --json gives the proof or the counterexample', () => {
    const yes = JSON.parse(equate('equiv', 'cos(x)^2', '1 - sin(x)^2', '--json').out);
    expect([yes.result, yes.method, yes.proof.length > 0]).toEqual([true, 'egraph', true]);
    const no = JSON.parse(equate('equiv', 'sin(x)', 'cos(x)', '--json').out);
    expect([no.result, typeof no.counterexample.point.x]).toEqual([false, 'number']);
    const bad = equate('equiv', 'x');
    expect([bad.code, bad.out, bad.err.trim()]).toEqual([2, '', 'equate: equiv takes two expressions']);
  });

  test.each([
    [['parse', 'x*x + x', '--written'], 'x*x + x'],
    [['parse', 'x*x + x'], 'x + x^2'],
    [['simplify', 'x + x - 2*y/2'], '2*x - y'],
    [['simplify', '(+ x x)', '--input', 'sexpr'], '2*x'],
    [['simplify', 'x^2', '--latex'], 'x^{2}'],
    [['simplify', 'x + 1', '--sexpr'], '(+ 1 x)'],
    [['simplify', 'cos(x)^2 + 1 + sin(x)^2'], '2'],
    [['simplify', 'tan(x)*cos(x)', '--engine', 'egraph'], 'sin(x)'],
    [['simplify', 'sqrt(x^2)', '--real'], 'abs(x)'],
    [['equiv', 'x + x', '2*x'], 'true (canonical)'],
    [['eval', 'x^2 + 1/3', 'x=1/2', '--exact'], '7/12'],
    [['eval', 'x * y', 'x=1.5', 'y=2'], '3'],
    [['eval', '1/3', '--precision', '30'], '0.333333333333333333333333333333'],
  ])('equate %j prints %s', (argv, expected) => {
    const r = equate(...argv);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(expected);
  });

  test('--json prints one JSON object', () => {
    const r = equate('simplify', 'x + x', '--json');
    expect(JSON.parse(r.out)).toMatchObject({ input: 'x + x', infix: '2*x', sexpr: '(* 2 x)', latex: '2 x' });
  });

  test.each([
    [['parse', 'sin(x + * 2)'], /column 8/],
    [['parse', '(((x)'], /missing '\)'/],
    [['parse', '#'], /unknown character/],
    [['eval', 'x + 1'], /no value for symbol x/],
    [['eval', 'x', 'x=abc'], /not a number/],
    [['frobnicate'], /unknown command/],
    [['parse', '('.repeat(60_000) + 'x' + ')'.repeat(60_000)], /deep|depth|nest/],
  ])('bad input %#: one line on stderr, exit 2, nothing on stdout', (argv, message) => {
    const r = equate(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/\bat .*\.js:\d+/);
  });
});

describe('equate compile', () => {
  test('prints the JS kernel, or the WebAssembly module with --json', () => {
    const js = equate('compile', 'x^2*y', '--args', 'x,y');
    expect(js.code).toBe(0);
    expect(js.out).toMatch(/function k\(v0, v1\)/);
    const w = JSON.parse(equate('compile', 'x^3', '--args', 'x', '--target', 'wasm', '--json').out);
    expect(w.target).toBe('wasm');
    expect(Buffer.from(w.wasm, 'base64').subarray(0, 4).toString('latin1')).toBe('\0asm');
    const bad = equate('compile', 'x + z', '--args', 'x');
    expect([bad.code, bad.out]).toEqual([2, '']);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('equate verify', () => {
  function verify(input: string, ...flags: string[]) {
    const r = spawnSync(process.execPath, [main, 'verify', '-', ...flags], { input, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  test('an and-joined derivation from stdin: each step with its status', () => {
    const r = verify('x = 1 and 2 x = 2 and x^2 = 3');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 premise\s+x = 1/);
    expect(r.out).toMatch(/2 valid\s+2 x = 2 \(times from 1\)/);
    expect(r.out).toMatch(/3 invalid\s+x\^2 = 3/);
  });

  test('JSONL in, one JSON report per line out, in input order, over worker threads', () => {
    const lines = [
      JSON.stringify({ id: 'a', steps: ['f{(x)} = x^2', '\\frac{d}{d x} f{(x)} = 2 x'] }),
      JSON.stringify({ id: 'b', steps: ['y = 2', 'y + 1 = 4'] }),
      JSON.stringify({ id: 'c', steps: ['g{(t)} = \\sin{(t)}', '\\frac{d}{d t} g{(t)} = \\cos{(t)}'] }),
    ].join('\n');
    const r = verify(lines, '--json', '--jobs', '2');
    expect(r.code).toBe(0);
    const reports = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(reports.map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(reports.map((x) => x.steps[1].status)).toEqual(['valid', 'invalid', 'valid']);
    expect(reports[1].steps[1].counterexample).not.toBe(null);
  });

  test('bad input: one line, exit 2', () => {
    const r = spawnSync(process.execPath, [main, 'verify', '/no/such/file'], { encoding: 'utf8' });
    expect([r.status, r.stdout, r.stderr.trim()]).toEqual([2, '', "equate: cannot read '/no/such/file': ENOENT"]);
    const j = spawnSync(process.execPath, [main, 'verify', '-', '--jobs', '0'], { input: 'x = 1', encoding: 'utf8' });
    expect([j.status, j.stderr.trim()]).toEqual([2, 'equate: --jobs takes a whole number from 1 to 256']);
  });
});

describe('equate generate', () => {
  test('writes records in the data\'s format, the same with one or two worker threads, that equate verify passes', () => {
    const one = spawnSync(process.execPath, [main, 'generate', '--count', '30', '--seed', '5', '--jsonl', '--jobs', '1'], { encoding: 'utf8', timeout: 120_000 });
    const two = spawnSync(process.execPath, [main, 'generate', '--count', '30', '--seed', '5', '--jsonl', '--jobs', '2', '--stats'], { encoding: 'utf8', timeout: 120_000 });
    expect([one.status, two.status]).toEqual([0, 0]);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toMatch(/^30 derivations \(\d+ steps\) in [\d.]+ s/);
    const records = one.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records).toHaveLength(30);
    for (const k of ['prompt', 'derivation', 'srepr_derivation', 'VR derivation', 'EE derivation', 'SR prompt']) expect(records[0]).toHaveProperty([k]);
    const input = records.map((r) => JSON.stringify({ steps: String(r.derivation).split(' and ') })).join('\n');
    const checked = spawnSync(process.execPath, [main, 'verify', '-', '--json'], { input, encoding: 'utf8', timeout: 120_000 });
    const reports = checked.stdout.trim().split('\n').map((l) => JSON.parse(l) as { goalReached: boolean; steps: { status: string }[] });
    for (const r of reports) {
      expect(r.goalReached).toBe(true);
      for (const s of r.steps.slice(1)) expect(['valid', 'premise']).toContain(s.status);
    }
  });

  test('a JSON array by default; bad options: one line, exit 2', () => {
    const r = equate('generate', '--count', '2', '--seed', '1', '--no-variants', '--length', '4');
    const records = JSON.parse(r.out) as Record<string, unknown>[];
    expect(records.map((x) => Object.keys(x))).toEqual([['prompt', 'derivation', 'srepr_derivation'], ['prompt', 'derivation', 'srepr_derivation']]);
    expect(records.map((x) => String(x.derivation).split(' and ').length)).toEqual([4, 4]);
    expect([equate('generate', '--count', 'x').err.trim(), equate('generate', '--count', 'x').code]).toEqual(['equate: --count takes a whole number from 0 to 10000000', 2]);
    expect(equate('generate', '--length', '9-3').err.trim()).toBe('equate: length must be an integer or range within [2, 40], got 9,3');
    expect(equate('generate', 'file').err.trim()).toBe("equate: generate takes options only, got 'file'");
  });
});

describe('npm start', () => {
  test('the tour runs and shows the simplifier, a proof and a counterexample', () => {
    const tour = fileURLToPath(new URL('../dist/examples/tour.js', import.meta.url));
    const r = spawnSync(process.execPath, [tour], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/cos\(x\)\^2 \+ 1 \+ sin\(x\)\^2\s+2\n/);
    expect(r.stdout).toMatch(/true \(egraph: trig-sum\)/);
    expect(r.stdout).toMatch(/sin\(2x\) = 2 sin\(x\) \?\s+false/);
    expect(r.stdout).toMatch(/2\. .*valid \(differentiate from 1\)/);
    expect(r.stdout).toMatch(/4\. .*invalid/);
    expect(r.stdout).toMatch(/Prompt: Given .*, then obtain /);
    expect(r.stdout).toMatch(/mutant \(.*\)\s+step \d+: (invalid|unjustified)/);
  });
});
