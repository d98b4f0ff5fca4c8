#!/usr/bin/env node
/**
 * The `equate` command: a thin shell over the public API. Errors print one line on stderr
 * and exit with code 2; nothing is written to stdout before a command has succeeded, except
 * by `generate`, which writes its records as they are made (after checking its options).
 */
import { Decimal } from 'decimal.js';
import {
  parse, print, toLatex, toSexpr, parseSexpr, simplifyClassic, simplify, equivalent, compile, evaluate, formatValue, EquateError,
  type Term, type ParseOptions,
} from '../index.js';
import { parseArgs, type Args } from './args.js';
import { verifyCommand } from './verify.js';
import { generateCommand } from './generate.js';

const USAGE = `usage: equate <command> [options]
  parse <expr>              read an expression and print it back  [--written] [--sexpr] [--latex]
  simplify <expr>           simplify  [--engine classic|egraph|canonical] [--real (symbols are real)] [--latex] [--sexpr]
  equiv <a> <b>             prove equal (with the proof) or give a counterexample  [--real]
  verify <file|->            check a derivation step by step (JSON, JSONL or ' and '-joined LaTeX)  [--jobs N] [--no-proofs] [--no-bridges]
  generate --count N         derivations in the data's format, checked by the verifier  [--seed S] [--jsonl] [--length 4-7] [--no-variants] [--no-verify] [--stats] [--jobs N]
  compile <expr> --args x,y generate a kernel: the JS source, or the WebAssembly module  [--target js|wasm] [--optimize]
  eval <expr> [x=1 y=2 ...] evaluate  [--precision N (decimal digits)] [--exact]
options: --json (one JSON object on stdout), --input sexpr (read S-expressions), --no-constants (pi, e are symbols)`;

class UsageError extends Error {}

function read(src: string | undefined, args: Args, mode: ParseOptions['mode']): Term {
  if (src === undefined) throw new UsageError('missing expression');
  const constants = !args.flags.has('no-constants');
  if (args.flags.get('input') === 'sexpr') return parseSexpr(src, { mode, constants });
  return parse(src, { mode, constants });
}

function render(t: Term, args: Args): string {
  if (args.flags.has('latex')) return toLatex(t);
  if (args.flags.has('sexpr')) return toSexpr(t);
  return print(t);
}

function describe(t: Term): Record<string, string> {
  return { infix: print(t), sexpr: toSexpr(t), latex: toLatex(t) };
}

function bindings(list: readonly string[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const b of list) {
    const eq = b.indexOf('=');
    if (eq <= 0) throw new UsageError(`expected name=value, got '${b}'`);
    env.set(b.slice(0, eq).trim(), b.slice(eq + 1).trim());
  }
  return env;
}

function run(argv: readonly string[]): string {
  const args = parseArgs(argv);
  const json = args.flags.has('json');
  const [src, ...rest] = args.positionals;
  switch (args.command) {
    case 'parse': {
      const t = read(src, args, args.flags.has('written') ? 'written' : 'canonical');
      return json ? JSON.stringify({ input: src, ...describe(t) }) : render(t, args);
    }
    case 'simplify': {
      const engine = args.flags.get('engine') ?? 'classic';
      const input = read(src, args, 'written');
      const real = args.flags.has('real');
      if (engine === 'canonical' || engine === 'egraph') {
        const t = simplify(input, { engine, real });
        return json ? JSON.stringify({ input: src, ...describe(t) }) : render(t, args);
      }
      if (engine !== 'classic') throw new UsageError(`unknown engine '${String(engine)}' (known: classic, egraph, canonical)`);
      const r = simplifyClassic(input, { real });
      if (!json) return render(r.term, args);
      return JSON.stringify({
        input: src, ...describe(r.term), assumedNonzero: r.nonzero.map(print), stopped: r.stopped,
        applications: r.applications, timeMs: Number(r.time.toFixed(3)),
      });
    }
    case 'equiv': {
      if (rest[0] === undefined) throw new UsageError('equiv takes two expressions');
      const a = read(src, args, 'written'), b = read(rest[0], args, 'written');
      const r = equivalent(a, b, { real: args.flags.has('real') });
      const proof = r.proof?.steps.map((s) => ({ rule: s.rule, direction: s.direction, position: s.position, term: print(s.term) })) ?? null;
      if (json) return JSON.stringify({ a: src, b: rest[0], result: r.result, method: r.method, proof, counterexample: r.counterexample, assumedNonzero: r.nonzero.map(print) });
      const lines = [`${String(r.result)} (${r.method})`];
      if (proof) for (const s of proof) lines.push(`  ${s.rule}${s.direction === 'backward' ? ' (backward)' : ''} at [${s.position.join(', ')}]: ${s.term}`);
      if (r.counterexample) lines.push(`  at ${Object.entries(r.counterexample.point).map(([k, v]) => `${k} = ${v}`).join(', ')}: ${r.counterexample.a} vs ${r.counterexample.b}`);
      return lines.join('\n');
    }
    case 'compile': {
      const argList = args.flags.get('args');
      if (typeof argList !== 'string' || argList.trim() === '') throw new UsageError('compile needs --args x,y (the kernel\'s arguments, in order)');
      const target = args.flags.get('target') ?? 'js';
      if (target !== 'js' && target !== 'wasm') throw new UsageError(`unknown target '${String(target)}' (known: js, wasm)`);
      const k = compile(read(src, args, 'canonical'), { args: argList.split(',').map((a) => a.trim()), target, optimize: args.flags.has('optimize') });
      const wasm = k.wasm !== undefined ? Buffer.from(k.wasm).toString('base64') : undefined;
      if (json) return JSON.stringify({ input: src, args: k.args, target: k.target, operations: k.stats.operations, byKind: k.stats.byKind, ...(k.source !== undefined ? { source: k.source } : {}), ...(wasm !== undefined ? { wasm } : {}) });
      return k.source ?? `WebAssembly module, ${k.wasm!.length} bytes, ${k.stats.operations} operations (base64):\n${wasm}`;
    }
    case 'eval': {
      const t = read(src, args, 'canonical');
      const given = bindings(rest);
      if (args.flags.has('exact')) {
        const env = new Map([...given].map(([k, v]) => [k, exactValue(v)] as const));
        const v = evaluate(t, env, { mode: 'exact' });
        const text = formatValue(v);
        return json ? JSON.stringify({ input: src, value: text, exact: true }) : text;
      }
      const precisionFlag = args.flags.get('precision');
      if (precisionFlag !== undefined) {
        const precision = Number(precisionFlag);
        if (!Number.isInteger(precision) || precision < 1 || precision > 10_000) throw new UsageError('--precision takes a whole number of digits from 1 to 10000');
        const env = new Map([...given].map(([k, v]) => [k, numberValue(v)] as const));
        const v = evaluate(t, env, { mode: 'decimal', precision }) as Decimal;
        const text = v.toString();
        return json ? JSON.stringify({ input: src, value: text, precision }) : text;
      }
      const env = new Map([...given].map(([k, v]) => [k, numberValue(v)] as const));
      const v = evaluate(t, env) as number;
      return json ? JSON.stringify({ input: src, value: Number.isFinite(v) ? v : String(v) }) : String(v);
    }
    case undefined:
    case 'help':
    case '--help':
      return USAGE;
    default:
      throw new UsageError(`unknown command '${args.command}'`);
  }
}

function numberValue(text: string): number {
  const v = Number(text);
  if (text === '' || Number.isNaN(v)) throw new UsageError(`not a number: '${text}'`);
  return v;
}

function exactValue(text: string) {
  const t = parse(text);
  if (t.kind !== 0) throw new UsageError(`not an exact number: '${text}'`);
  return t.value!;
}

async function main(): Promise<void> {
  let out: string;
  try {
    const argv = process.argv.slice(2);
    if (argv[0] === 'generate') {
      await generate(argv);
      return;
    }
    out = argv[0] === 'verify' ? await verify(argv) : run(argv);
  } catch (e) {
    const message = e instanceof EquateError || e instanceof UsageError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
    process.stderr.write(`equate: ${message.split('\n')[0]}\n`);
    process.exitCode = e instanceof UsageError || e instanceof EquateError ? 2 : 1;
    return;
  }
  process.stdout.write(out + '\n');
}

/** `equate verify`: asynchronous (worker threads). */
async function verify(argv: readonly string[]): Promise<string> {
  const args = parseArgs(argv);
  const file = args.positionals[0];
  if (file === undefined) throw new UsageError('verify takes a file name, or - for stdin');
  const jobsFlag = args.flags.get('jobs');
  let jobs: number | undefined;
  if (jobsFlag !== undefined) {
    jobs = Number(jobsFlag);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError('--jobs takes a whole number from 1 to 256');
  }
  const verify = { proofs: !args.flags.has('no-proofs'), bridges: !args.flags.has('no-bridges') };
  return verifyCommand(file, { json: args.flags.has('json'), verify, ...(jobs !== undefined ? { jobs } : {}) });
}

function wholeNumber(args: Args, name: string, lo: number, hi: number): number | undefined {
  const v = args.flags.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v === true || !Number.isInteger(n) || n < lo || n > hi) throw new UsageError(`--${name} takes a whole number from ${lo} to ${hi}`);
  return n;
}

/** `equate generate`: asynchronous (worker threads); writes its records to stdout as they are made. */
async function generate(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv);
  if (args.positionals.length > 0) throw new UsageError(`generate takes options only, got '${args.positionals[0]}'`);
  const count = wholeNumber(args, 'count', 0, 10_000_000) ?? 10;
  const seed = wholeNumber(args, 'seed', 0, 2 ** 32 - 1) ?? 1;
  const jobs = wholeNumber(args, 'jobs', 1, 256);
  const lengthFlag = args.flags.get('length');
  let length: [number, number] | undefined;
  if (lengthFlag !== undefined) {
    const m = typeof lengthFlag === 'string' ? /^(\d+)(?:-(\d+))?$/.exec(lengthFlag.trim()) : null;
    if (m === null) throw new UsageError('--length takes a number of equations or a range such as 4-7');
    length = [Number(m[1]), Number(m[2] ?? m[1])];
  }
  await generateCommand({
    count, seed, jsonl: args.flags.has('jsonl'), showStats: args.flags.has('stats'),
    variants: !args.flags.has('no-variants'), verify: !args.flags.has('no-verify'),
    ...(length !== undefined ? { length } : {}), ...(jobs !== undefined ? { jobs } : {}),
  }, (text) => { process.stdout.write(text); });
}

// A reader that stops early (`equate verify big.jsonl | head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

void main();
