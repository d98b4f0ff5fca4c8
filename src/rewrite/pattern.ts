/**
 * Patterns: terms with holes. A pattern is plain data (so both engines, the classical
 * rewriter and the e-graph, read the same object):
 *
 * - literals: numbers (`{ type: 'number' }`) and symbols (`{ type: 'symbol' }`);
 * - slot variables, which match any one term: `~x` in infix, `?x` in S-expressions;
 * - typed slots, which match a term a named predicate accepts (see `predicate.ts`):
 *   `~n::isInteger` / `?n::isInteger`;
 * - segment variables, which match any number of arguments (zero or more): `~~xs` in infix,
 *   `?xs...` in S-expressions (typed: `~~xs::isNumber` / `?xs...::isNumber`). In a call of a
 *   commutative operator (`+`, `*`) a segment takes the arguments the other pattern arguments
 *   leave, at most one segment per call; in any other call it must be the last argument and
 *   takes the trailing run (so in patterns to match; a right side splices a segment's terms
 *   wherever it stands);
 * - calls `op(p1, ..., pn)`.
 *
 * Infix patterns are read by the infix parser in canonical mode (default), so they have the
 * canonical form of the terms they match: `~a - ~b` is `~a + (-1)*~b`, `~x + ~x` is `2*~x`.
 * Read a pattern with `{ mode: 'written' }` to match terms kept as written.
 *
 * @example parsePattern('sin(~x)^2 + cos(~x)^2 + ~~rest')
 * @example parsePattern('(+ (^ (sin ?x) 2) (^ (cos ?x) 2) ?rest...)', { syntax: 'sexpr' })
 */
import { call, num, sym, type Term } from '../term/term.js';
import type { Operator } from '../term/operator.js';
import type { Value } from '../term/number.js';
import { parse } from '../term/parse.js';
import { parseSexpr, toSexpr } from '../term/sexpr.js';
import { EquateError, ParseError } from '../term/errors.js';
import { getPredicate, PREDICATE_NAME } from './predicate.js';

export interface NumberPattern {
  readonly type: 'number';
  readonly value: Value;
}
export interface SymbolPattern {
  readonly type: 'symbol';
  readonly name: string;
}
/** A slot: matches one term (accepted by `predicate` when one is named). */
export interface VarPattern {
  readonly type: 'var';
  readonly name: string;
  readonly predicate: string | null;
}
/** A segment: matches a run of arguments (each accepted by `predicate` when one is named). */
export interface SegmentPattern {
  readonly type: 'segment';
  readonly name: string;
  readonly predicate: string | null;
}
export interface CallPattern {
  readonly type: 'call';
  readonly op: Operator;
  readonly args: readonly Pattern[];
}
export type Pattern = NumberPattern | SymbolPattern | VarPattern | SegmentPattern | CallPattern;

/** Names of pattern variables: a letter or `_`, then letters, digits or `_`. */
const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A number literal. */
export function pnum(value: Value): NumberPattern {
  return Object.freeze({ type: 'number', value });
}

/** A symbol literal. */
export function psym(name: string): SymbolPattern {
  return Object.freeze({ type: 'symbol', name });
}

/**
 * A slot variable, optionally typed by a registered predicate.
 * @example pvar('n', 'isInteger') // ~n::isInteger
 */
export function pvar(name: string, predicate: string | null = null): VarPattern {
  checkVariable(name, predicate);
  return Object.freeze({ type: 'var', name, predicate });
}

/**
 * A segment variable, optionally typed (every term of the run must satisfy the predicate).
 * @example psegment('rest') // ~~rest
 */
export function psegment(name: string, predicate: string | null = null): SegmentPattern {
  checkVariable(name, predicate);
  return Object.freeze({ type: 'segment', name, predicate });
}

/**
 * A call pattern. Checks the arity (a segment counts as any number of arguments); where
 * segments may stand in a pattern to match is checked by `checkPattern`.
 * @example pcall(ADD, [pvar('x'), psegment('rest')]) // ~x + ~~rest
 */
export function pcall(op: Operator, args: readonly Pattern[]): CallPattern {
  let fixed = 0;
  for (const a of args) if (a.type !== 'segment') fixed++;
  if (fixed > op.maxArity || (fixed === args.length && fixed < op.minArity)) {
    const want = op.minArity === op.maxArity ? `${op.minArity}` : `${op.minArity} to ${op.maxArity}`;
    throw new EquateError(`${op.name} takes ${want} argument${want === '1' ? '' : 's'}, the pattern gives ${fixed}`);
  }
  return Object.freeze({ type: 'call', op, args: Object.freeze(args.slice()) });
}

function checkVariable(name: string, predicate: string | null): void {
  if (!VAR_NAME.test(name)) throw new EquateError(`bad pattern variable name '${name}'`);
  if (predicate !== null) {
    if (!PREDICATE_NAME.test(predicate)) throw new EquateError(`bad predicate name '${predicate}'`);
    getPredicate(predicate);
  }
}

/** `?x`, `?x::pred`, `?xs...`, `?xs...::pred` (the S-expression spelling of variables). */
const SEXPR_VARIABLE = /^\?([^:.]*)(\.\.\.)?(?:::(.*))?$/;

/**
 * The pattern a term spells: symbols named `?x`, `?x::pred`, `?xs...` or `?xs...::pred` are
 * variables, everything else is literal. Checks that variables are well formed and that no
 * name is both a slot and a segment.
 * @example patternFromTerm(parseSexpr('(+ ?x 0)', { mode: 'written' }))
 */
export function patternFromTerm(t: Term): Pattern {
  const go = (u: Term): Pattern => {
    if (u.isNumber()) return pnum(u.value!);
    if (u.isSymbol()) {
      const name = u.name!;
      if (!name.startsWith('?')) return psym(name);
      const m = SEXPR_VARIABLE.exec(name);
      if (m === null) throw new EquateError(`bad pattern variable '${name}'`);
      return m[2] !== undefined ? psegment(m[1]!, m[3] ?? null) : pvar(m[1]!, m[3] ?? null);
    }
    return pcall(u.op!, u.args.map(go));
  };
  const p = go(t);
  variables(p);
  return p;
}

/**
 * Checks a pattern to match (a left side): not a bare segment; in a commutative call at most
 * one segment, in any other call a segment only as the last argument; each variable name
 * used as either a slot or a segment. (Right sides may splice segments anywhere.)
 * @example checkPattern(parsePattern('f(~~xs, ~y)')) // throws: the segment must be last
 */
export function checkPattern(p: Pattern): void {
  if (p.type === 'segment') throw new EquateError(`segment variable ${show(p)} must be an argument of a call`);
  const go = (q: Pattern): void => {
    if (q.type !== 'call') return;
    let segments = 0;
    q.args.forEach((a, i) => {
      if (a.type === 'segment') {
        segments++;
        if (!q.op.commutative && i !== q.args.length - 1) throw new EquateError(`segment variable ${show(a)} must be the last argument of ${q.op.name}`);
      } else go(a);
    });
    if (segments > 1) throw new EquateError(`at most one segment variable per ${q.op.name} call`);
  };
  go(p);
  variables(p);
}

export interface PatternVariable {
  readonly name: string;
  readonly segment: boolean;
}

/**
 * The variables of a pattern in order of first occurrence (depth first, left to right).
 * @example variables(parsePattern('f(~x, ~~ys, ~x)')) // [{ name: 'x', segment: false }, { name: 'ys', segment: true }]
 */
export function variables(p: Pattern): PatternVariable[] {
  const out: PatternVariable[] = [];
  const seen = new Map<string, boolean>();
  const go = (q: Pattern): void => {
    if (q.type === 'var' || q.type === 'segment') {
      const segment = q.type === 'segment';
      const before = seen.get(q.name);
      if (before === undefined) {
        seen.set(q.name, segment);
        out.push({ name: q.name, segment });
      } else if (before !== segment) {
        throw new EquateError(`pattern variable '${q.name}' is used both as a slot and as a segment`);
      }
    } else if (q.type === 'call') for (const a of q.args) go(a);
  };
  go(p);
  return out;
}

/** True when the pattern has no variables. */
export function isGround(p: Pattern): boolean {
  if (p.type === 'var' || p.type === 'segment') return false;
  if (p.type === 'call') return p.args.every(isGround);
  return true;
}

export interface PatternOptions {
  /** 'infix' (default): `~x`, `~~xs`, `~x::pred`; 'sexpr': `?x`, `?xs...`, `?x::pred`. */
  syntax?: 'infix' | 'sexpr';
  /** 'canonical' (default): the canonical form of what is written; 'written': exactly as written. */
  mode?: 'canonical' | 'written';
}

/** `~~name`, `~name`, each with an optional `::predicate`. */
const INFIX_VARIABLE = /(~~?)([A-Za-z_][A-Za-z0-9_]*)(?:::([A-Za-z_][A-Za-z0-9_]*))?/g;

/**
 * Infix pattern text with its variables rewritten as backquoted symbols of the S-expression
 * spelling (`~x` is `` `?x` ``, `~~xs::isNumber` is `` `?xs...::isNumber` ``), ready for
 * the infix parser. A `~` not followed by a name is an error.
 * @example infixPatternSource('~a - ~~b') // '`?a` - `?b...`'
 */
export function infixPatternSource(src: string): string {
  let out = '';
  let last = 0;
  const plain = (end: number): void => {
    const stray = src.indexOf('~', last);
    if (stray >= 0 && stray < end) throw new ParseError(`expected a variable name after '~'`, src, stray);
    out += src.slice(last, end);
  };
  INFIX_VARIABLE.lastIndex = 0;
  for (let m = INFIX_VARIABLE.exec(src); m !== null; m = INFIX_VARIABLE.exec(src)) {
    plain(m.index);
    out += `\`?${m[2]}${m[1] === '~~' ? '...' : ''}${m[3] !== undefined ? `::${m[3]}` : ''}\``;
    last = m.index + m[0].length;
  }
  plain(src.length);
  return out;
}

/**
 * Reads a pattern from infix (default) or S-expression text.
 * @example parsePattern('2*~x + ~~rest')
 * @example parsePattern('(+ ?x 0)', { syntax: 'sexpr', mode: 'written' })
 */
export function parsePattern(src: string, opts: PatternOptions = {}): Pattern {
  const mode = opts.mode ?? 'canonical';
  const t = opts.syntax === 'sexpr' ? parseSexpr(src, { mode }) : parse(infixPatternSource(src), { mode });
  return patternFromTerm(t);
}

/**
 * The term a pattern spells (variables as the symbols `?x`, `?xs...`), built as written.
 * @example patternToTerm(parsePattern('~x + 1')) // (+ 1 ?x)
 */
export function patternToTerm(p: Pattern): Term {
  switch (p.type) {
    case 'number': return num(p.value);
    case 'symbol': return sym(p.name);
    case 'var': return sym(`?${p.name}${p.predicate !== null ? `::${p.predicate}` : ''}`);
    case 'segment': return sym(`?${p.name}...${p.predicate !== null ? `::${p.predicate}` : ''}`);
    case 'call': return call(p.op, p.args.map(patternToTerm));
  }
}

/**
 * The S-expression of a pattern; `parsePattern(printPattern(p), { syntax: 'sexpr', mode: 'written' })`
 * reads it back.
 * @example printPattern(parsePattern('sin(~x)^2')) // '(^ (sin ?x) 2)'
 */
export function printPattern(p: Pattern): string {
  if (p.type === 'segment') return `?${p.name}...${p.predicate !== null ? `::${p.predicate}` : ''}`;
  return toSexpr(patternToTerm(p));
}

function show(p: Pattern): string {
  return printPattern(p);
}
