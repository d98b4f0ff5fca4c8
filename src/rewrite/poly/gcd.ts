/**
 * Greatest common divisors of multivariate polynomials over the integers: the heuristic gcd
 * (GCDHEU, evaluation at a large integer and ξ-adic reconstruction, checked by division) and,
 * where it fails, the recursive subresultant PRS (Collins; Cohen, "A Course in Computational
 * Algebraic Number Theory", 3.3.1).
 *
 * `gcd(A, B)` first takes out the integer contents and the monomial contents (both gcds are
 * cheap), then drops every variable that occurs in only one of the two (`gcd(A, B)` is
 * `gcd(content_v(A), B)` when `B` has no `v`), then tries the heuristic gcd (its images are
 * gcds with one variable fewer), and else runs the subresultant PRS in the common variable of
 * least degree, whose coefficients are polynomials in the other variables: their contents are
 * again gcds, one variable fewer. Every division on the way is exact.
 *
 * Results are normalised: the gcd of integer polynomials has the gcd of their integer
 * contents as content and a positive leading coefficient (lexicographic order), so it does
 * not depend on the order of the arguments.
 *
 * @example
 * // gcd(x^2 y - y, x y - y) = x y - y
 * polyGcd(Poly.fromTerms(2, [[[2, 1], 1], [[0, 1], -1]]), Poly.fromTerms(2, [[[1, 1], 1], [[0, 1], -1]])).toString(['x', 'y']) // 'x*y - y'
 */
import { Poly } from './poly.js';
import { bounded, polyLimits } from './bounds.js';
import { bitLength, iabs, igcd } from './integer.js';
import { EquateError } from '../../term/errors.js';

/**
 * The gcd of two polynomials. For integer polynomials it is the gcd over the integers
 * (content included, leading coefficient positive); when a coefficient is a fraction, the
 * gcd over the rationals, given as its primitive integer associate.
 * Throws `LimitError` when the computation passes the bounds of `bounds.ts`.
 * @example polyGcd(Poly.fromTerms(1, [[[1], 4], [[0], 4]]), Poly.fromTerms(1, [[[2], 2], [[0], -2]])).toString(['x']) // '2*x + 2'
 */
export function polyGcd(a: Poly, b: Poly): Poly {
  checkRing(a, b);
  return bounded('polynomial gcd', () => {
    if (a.isInteger() && b.isInteger()) return gcdInteger(a, b);
    return gcdInteger(a.primitive().poly, b.primitive().poly);
  });
}

/**
 * The lcm of two polynomials: `a b / gcd(a, b)`, normalised like the gcd (integer
 * polynomials: positive leading coefficient; otherwise the primitive integer associate).
 * @example polyLcm(Poly.fromTerms(1, [[[2], 1], [[0], -1]]), Poly.fromTerms(1, [[[1], 1], [[0], -1]])).toString(['x']) // 'x^2 - 1'
 */
export function polyLcm(a: Poly, b: Poly): Poly {
  checkRing(a, b);
  return bounded('polynomial gcd', () => {
    if (a.isZero() || b.isZero()) return Poly.zero(a.nvars);
    const pa = a.isInteger() ? a : a.primitive().poly, pb = b.isInteger() ? b : b.primitive().poly;
    const g = gcdInteger(pa, pb);
    return positive(mustDivide(pa, g).mul(pb));
  });
}

/**
 * The pseudo-remainder of `a` by `b` in variable `v`: `lc(b)^(deg a - deg b + 1) a mod b`,
 * with `lc(b)` the leading coefficient of `b` in `v` (a polynomial in the other variables).
 * @example prem(Poly.fromTerms(1, [[[2], 1], [[0], 1]]), Poly.fromTerms(1, [[[1], 2], [[0], 1]]), 0).toString(['x']) // '5'
 */
export function prem(a: Poly, b: Poly, v: number): Poly {
  const db = b.degree(v);
  let r = a;
  let da = r.degree(v);
  if (r.isZero() || da < db) return r;
  const lcb = b.coeffIn(v, db);
  let e = da - db + 1;
  const shift = new Array<number>(a.nvars).fill(0);
  while (!r.isZero()) {
    da = r.degree(v);
    if (da < db) break;
    const lcr = r.coeffIn(v, da);
    shift[v] = da - db;
    r = lcb.mul(r).sub(lcr.mul(b).mulMonomial(shift));
    e--;
  }
  return e > 0 ? r.mul(lcb.pow(e)) : r;
}

/**
 * The content of `a` in variable `v`: the gcd of its coefficients as a polynomial in `v`,
 * normalised (positive leading coefficient).
 */
export function contentIn(a: Poly, v: number): Poly {
  const cs = a.coefficientsIn(v).map(([, c]) => c);
  if (cs.length === 0) return Poly.zero(a.nvars);
  if (cs.some((c) => c.isConstant())) return Poly.constant(a.nvars, a.content());
  cs.sort((x, y) => x.length - y.length);
  let g = cs[0]!;
  for (let i = 1; i < cs.length; i++) {
    g = gcdInteger(g, cs[i]!);
    if (g.isConstant()) return Poly.constant(a.nvars, a.content());
  }
  return positive(g);
}

/** The gcd over the integers of two integer polynomials. May throw `GiveUp`. */
export function gcdInteger(a: Poly, b: Poly): Poly {
  if (a.isZero()) return positive(b);
  if (b.isZero()) return positive(a);
  const n = a.nvars;
  const ca = a.content(), cb = b.content(), c = igcd(ca, cb);
  const ma = a.minDegrees(), mb = b.minDegrees();
  const m = new Int32Array(n);
  for (let k = 0; k < n; k++) m[k] = Math.min(ma[k]!, mb[k]!);
  const g = gcdCore(strip(a, ca, ma), strip(b, cb, mb));
  if (c === 1n && m.every((e) => e === 0)) return g;
  return g.mulMonomial(m, c);
}

/** `a / (c x^m)` for the content `c` and monomial content `m` of `a`. */
function strip(a: Poly, c: bigint, m: Int32Array): Poly {
  const n = a.nvars;
  let shifted = false;
  for (let k = 0; k < n; k++) if (m[k] !== 0) shifted = true;
  if (c === 1n && !shifted) return a;
  const exps = shifted ? a.exps.slice() : a.exps;
  if (shifted) for (let i = 0; i < a.length; i++) for (let k = 0; k < n; k++) exps[i * n + k]! -= m[k]!;
  return new Poly(n, exps, c === 1n ? a.coeffs : a.coeffs.map((x) => x / c), 1n);
}

/** Gcd of two nonzero integer polynomials with content 1 and no monomial factor. */
function gcdCore(a: Poly, b: Poly): Poly {
  const n = a.nvars;
  if (a.isConstant() || b.isConstant()) return Poly.one(n);
  if (a.equals(b)) return positive(a);
  // An irreducible factor divides the other or is coprime to it.
  if (linearIrreducible(b)) return a.divExactInteger(b) !== undefined ? positive(b) : Poly.one(n);
  if (linearIrreducible(a)) return b.divExactInteger(a) !== undefined ? positive(a) : Poly.one(n);
  const ua = a.usedVars(), ub = b.usedVars();
  for (let v = 0; v < n; v++) {
    if (ua[v] && !ub[v]) return gcdInteger(contentIn(a, v), b);
    if (ub[v] && !ua[v]) return gcdInteger(a, contentIn(b, v));
  }
  const da = a.degrees(), db = b.degrees();
  let best = -1;
  for (let v = 0; v < n; v++) {
    if (!ua[v]) continue;
    if (best < 0) {
      best = v;
      continue;
    }
    const lo = Math.min(da[v]!, db[v]!), bestLo = Math.min(da[best]!, db[best]!);
    if (lo < bestLo || (lo === bestLo && Math.max(da[v]!, db[v]!) < Math.max(da[best]!, db[best]!))) best = v;
  }
  return heuristicGcd(a, b) ?? subresultantGcd(a, b, best);
}

/**
 * True when `p` (content 1) is irreducible because it has degree 1 in a variable v and a
 * coefficient in v that is an integer: then the content in v is 1, and a factorisation would
 * have a factor free of v dividing it (`x - 1`, `2 x + 3 y`, `x y + 1`).
 */
function linearIrreducible(p: Poly): boolean {
  const n = p.nvars, len = p.length, exps = p.exps;
  const degrees = p.degrees();
  for (let v = 0; v < n; v++) {
    if (degrees[v] !== 1) continue;
    // Terms with v (coefficient of v) and without (coefficient of 1): is either a lone integer?
    let with1 = 0, without = 0, withPure = true, withoutPure = true;
    for (let i = 0; i < len; i++) {
      let others = false;
      for (let k = 0; k < n; k++) {
        if (k !== v && exps[i * n + k] !== 0) {
          others = true;
          break;
        }
      }
      if (exps[i * n + v] === 1) {
        with1++;
        if (others) withPure = false;
      } else {
        without++;
        if (others) withoutPure = false;
      }
    }
    if ((with1 === 1 && withPure) || (without === 1 && withoutPure)) return true;
  }
  return false;
}

/**
 * The heuristic gcd (Char, Geddes and Gonnet, "GCDHEU", as in SymPy's `dmp_zz_heu_gcd`): put
 * a large integer `ξ` for one variable, take the gcd of the images (one variable fewer), and
 * read the gcd back from the ξ-adic digits of the image (symmetric remainders). With `ξ` above
 * twice the coefficients, a candidate that divides both is the gcd; candidates are checked by
 * division (so a result always divides both), the cofactors tried too, and a few growing `ξ`
 * tried before the question goes to the subresultant PRS (undefined).
 */
export function heuristicGcd(a: Poly, b: Poly): Poly | undefined {
  const n = a.nvars;
  const ua = a.usedVars();
  let v = -1;
  for (let k = n - 1; k >= 0; k--) if (ua[k]) { v = k; break; }
  if (v < 0) return undefined;
  // ξ >= 2 min(|a|, |b|) + 2 makes a divisor read back from the image the gcd (Geddes,
  // Czapor and Labahn, "Algorithms for Computer Algebra", 7.7); SymPy's cheaper cap at
  // 99 sqrt(bound) loses that (gcd(-161 x^2 + 1710785 x + 10626, -x + 10626) came out 1).
  const na = maxNorm(a), nb = maxNorm(b);
  let x = 2n * (na < nb ? na : nb) + 29n;
  const degree = Math.min(a.degree(v), b.degree(v));
  const topDegree = Math.max(a.totalDegree(), b.totalDegree());
  for (let attempt = 0; attempt < HEURISTIC_TRIES; attempt++) {
    if (bitLength(x) * topDegree > polyLimits.maxCoefficientBits) return undefined;
    const fa = evaluateAt(a, v, x), fb = evaluateAt(b, v, x);
    if (!fa.isZero() && !fb.isZero()) {
      const image = gcdInteger(fa, fb);
      const h = interpolate(image, v, x, degree);
      if (h !== undefined) {
        const g = positive(h.primitive().poly);
        if (a.divExactInteger(g) !== undefined && b.divExactInteger(g) !== undefined) return g;
      }
      // The gcd from a cofactor: a / (a's cofactor), checked against b.
      for (const [p, fp] of [[a, fa], [b, fb]] as const) {
        const coImage = fp.divExactInteger(image);
        if (coImage === undefined) continue;
        const co = interpolate(coImage, v, x, p.degree(v));
        if (co === undefined || co.isZero()) continue;
        const g = p.divExactInteger(positive(co.primitive().poly));
        if (g === undefined || g.isZero()) continue;
        const gp = positive(g.primitive().poly);
        if (a.divExactInteger(gp) !== undefined && b.divExactInteger(gp) !== undefined) return gp;
      }
    }
    x = (73794n * x * isqrt(isqrt(x))) / 27011n;
  }
  return undefined;
}

/** How many evaluation points the heuristic gcd tries. */
const HEURISTIC_TRIES = 6;

/** `p` with the integer `x` put for variable `v` (a polynomial without `v`). */
export function evaluateAt(p: Poly, v: number, x: bigint): Poly {
  const n = p.nvars;
  const exps = p.exps.slice();
  const powers: bigint[] = [1n];
  const coeffs = p.coeffs.map((c, i) => {
    const e = exps[i * n + v]!;
    exps[i * n + v] = 0;
    while (powers.length <= e) powers.push(powers[powers.length - 1]! * x);
    return c * powers[e]!;
  });
  return Poly.collect(n, exps, coeffs, p.den);
}

/**
 * The polynomial whose value at `x_v = x` is `h`, reading each coefficient of `h` in base `x`
 * with digits in (-x/2, x/2]; undefined when a coefficient needs more than `degree + 1` digits.
 */
function interpolate(h: Poly, v: number, x: bigint, degree: number): Poly | undefined {
  const n = h.nvars;
  const exps: number[] = [];
  const coeffs: bigint[] = [];
  const half = x / 2n;
  for (let i = 0; i < h.length; i++) {
    let c = h.coeffs[i]!;
    for (let d = 0; c !== 0n; d++) {
      if (d > degree) return undefined;
      let r = c % x;
      if (r < 0n) r += x;
      if (r > half) r -= x;
      if (r !== 0n) {
        for (let k = 0; k < n; k++) exps.push(k === v ? d : h.exps[i * n + k]!);
        coeffs.push(r);
      }
      c = (c - r) / x;
    }
  }
  return Poly.collect(n, Int32Array.from(exps), coeffs);
}

function maxNorm(p: Poly): bigint {
  let m = 0n;
  for (const c of p.coeffs) {
    const a = iabs(c);
    if (a > m) m = a;
  }
  return m;
}

/** floor(sqrt(n)) for n >= 0 (Newton's iteration from above). */
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((bitLength(n) >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** Gcd of two integer polynomials that both involve `v`, by the subresultant PRS in `v`. */
export function subresultantGcd(a: Poly, b: Poly, v: number): Poly {
  const n = a.nvars;
  if (b.degree(v) > a.degree(v)) [a, b] = [b, a];
  const ca = contentIn(a, v), cb = contentIn(b, v);
  const d = gcdInteger(ca, cb);
  let A = mustDivide(a, ca), B = mustDivide(b, cb);
  let g = Poly.one(n), h = Poly.one(n);
  for (;;) {
    const delta = A.degree(v) - B.degree(v);
    const R = prem(A, B, v);
    if (R.isZero()) break;
    if (R.degree(v) === 0) {
      B = Poly.one(n);
      break;
    }
    A = B;
    B = mustDivide(R, g.mul(h.pow(delta)));
    g = A.coeffIn(v, A.degree(v));
    if (delta > 0) h = delta === 1 ? g : mustDivide(g.pow(delta), h.pow(delta - 1));
  }
  const pp = B.isConstant() ? Poly.one(n) : mustDivide(B, contentIn(B, v));
  return positive(d.mul(pp));
}

/** The exact integer quotient, which the algorithm guarantees. */
function mustDivide(a: Poly, b: Poly): Poly {
  const q = a.divExactInteger(b);
  if (q === undefined) throw new EquateError('polynomial gcd: a division that must be exact was not');
  return q;
}

/** `p` or `-p`, whichever has a positive leading coefficient. */
export function positive(p: Poly): Poly {
  return p.leadingSign() < 0 ? p.neg() : p;
}

function checkRing(a: Poly, b: Poly): void {
  if (a.nvars !== b.nvars) throw new EquateError(`polynomials over ${a.nvars} and ${b.nvars} variables`);
}
