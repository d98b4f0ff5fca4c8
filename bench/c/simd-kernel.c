/*
 * equate's WebAssembly SIMD kernel, written in C: the same algorithms and constants as
 * src/codegen/wasm/simd-math.ts (exp by a table of 2^(j/512) and a degree-4 polynomial, sin
 * and cos by one reduction by pi and a degree-17 minimax polynomial, the same range masks and
 * the scalar fallback for a block where a lane is out of range), for f(x, y) = sin(x)cos(y) +
 * x^2 y - exp(x/(1 + y)), on the data of codegen.c. GCC vector extensions of W doubles (W = 2:
 * f64x2, as WebAssembly has; W = 4 or 8: AVX2 or AVX-512 widths), two vectors per iteration.
 *
 * bench/codegen.ts compiles it three times: W = 2 without FMA (-mno-fma -ffp-contract=off),
 * what WebAssembly SIMD offers, and W = 2 with FMA contraction, what relaxed SIMD adds, to show
 * what a native compiler makes of this code under the same constraints; and W = 8 with FMA,
 * what the C baseline's libmvec uses. Prints "<mean ns per point> <best ns per point>
 * <checksum> <max |difference| from libm>".
 *
 *   gcc -O3 -march=native -mno-fma -ffp-contract=off -DW=2 simd-kernel.c -lm && ./a.out 1000000 20
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#ifndef W
#define W 2
#endif

typedef double vd __attribute__((vector_size(8 * W), aligned(8)));
typedef int64_t vi __attribute__((vector_size(8 * W), aligned(8)));

#define TOINT 0x1.8p52
#define EXP_N 512
#define INVLN2N 0x1.71547652b82fep+9
#define LN2NHI 0x1.62e42ffp-10
#define LN2NLO -0x1.718432a1b0e26p-44
#define EXP_FAST 708.0
#define INVPI 0x1.45f306dc9c883p-2
#define PI1 0x1.921fb54400000p+1
#define PI2 0x1.0b4611a626331p-33
#define S1 -0x1.5555555555555p-3
#define S2 0x1.11111111110c1p-7
#define S3 -0x1.a01a01a0148b7p-13
#define S4 0x1.71de3a5287a10p-19
#define S5 -0x1.ae6454cb45472p-26
#define S6 0x1.6123cb245fbebp-33
#define S7 -0x1.ae431c5c69b3bp-41
#define S8 0x1.882980f5ab437p-49
#define TRIG_FAST 1.5e6
#define CANCEL 0x1p56

/* Entry j: the bits of 2^(j/N) rounded to a double, minus j 2^52/N (see expTable in simd-math.ts). */
static int64_t expTable[EXP_N];

static void makeExpTable(void) {
  for (int j = 0; j < EXP_N; j++) {
    double h = (double)exp2l((long double)j / EXP_N);
    int64_t bits;
    memcpy(&bits, &h, sizeof bits);
    expTable[j] = bits - (int64_t)j * ((int64_t)1 << 52) / EXP_N;
  }
}

static inline vd vexp(vd x, vi *ok) {
  *ok &= x * x <= EXP_FAST * EXP_FAST;
  vd t = x * INVLN2N + TOINT;
  vd k = t - TOINT;
  vd r = (x - k * LN2NHI) - k * LN2NLO;
  vi bits = (vi)t;
  vi sc;
  for (int i = 0; i < W; i++) sc[i] = expTable[bits[i] & (EXP_N - 1)];
  vd s = (vd)(sc + (bits << 43));
  vd r2 = r * r;
  return s + s * (r + r2 * (0.5 + r * (1.0 / 6 + r * (1.0 / 24))));
}

/* sin (cos = 0) or cos (cos = 1): (-1)^n sin(d), d = x - h pi. */
static inline vd vsincos(vd x, int cos, vi *ok) {
  vd t, h, d;
  if (cos) {
    t = (x * INVPI - 0.5) + TOINT;
    h = (t - TOINT) + 0.5;
    d = (h * PI1 - x) + h * PI2;
  } else {
    t = x * INVPI + TOINT;
    h = t - TOINT;
    d = (x - h * PI1) - h * PI2;
  }
  vd z = d * d;
  vd q = S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * (S6 + z * (S7 + z * S8))))));
  vd s = d + d * (z * q);
  vd xx = x * x;
  if (cos) *ok &= (xx <= TRIG_FAST * TRIG_FAST) & (xx <= z * CANCEL);
  else *ok &= (xx < TRIG_FAST * TRIG_FAST) & (xx < z * CANCEL);
  return (vd)((vi)s ^ ((vi)t << 63));
}

static inline vd load(const double *p) {
  vd v;
  memcpy(&v, p, sizeof v);
  return v;
}

static inline void store(double *p, vd v) {
  memcpy(p, &v, sizeof v);
}

static inline vd f(vd x, vd y, vi *ok) {
  return vsincos(x, 0, ok) * vsincos(y, 1, ok) + x * x * y - vexp(x / (1.0 + y), ok);
}

static inline int all(vi m) {
  int a = 1;
  for (int i = 0; i < W; i++) a &= m[i] != 0;
  return a;
}

static double scalar(double x, double y) {
  return sin(x) * cos(y) + x * x * y - exp(x / (1 + y));
}

__attribute__((noinline)) static void kernel(long n, const double *restrict x, const double *restrict y, double *restrict out) {
  long i = 0;
  for (; i + 2 * W <= n; i += 2 * W) {
    vi ok = (vi){} - 1;
    vd a = f(load(x + i), load(y + i), &ok);
    vd b = f(load(x + i + W), load(y + i + W), &ok);
    if (all(ok)) {
      store(out + i, a);
      store(out + i + W, b);
    } else {
      for (long j = i; j < i + 2 * W; j++) out[j] = scalar(x[j], y[j]);
    }
  }
  for (; i < n; i++) out[i] = scalar(x[i], y[i]);
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000000;
  int reps = argc > 2 ? atoi(argv[2]) : 20;
  Points p;
  if (!points(&p, n)) return 1;
  makeExpTable();
  Timing t = timeKernel(kernel, &p, reps);
  double sum = 0, diff = 0;
  for (long i = 0; i < n; i++) {
    sum += p.out[i];
    double e = fabs(p.out[i] - scalar(p.x[i], p.y[i]));
    if (e > diff) diff = e;
  }
  printf("%.3f %.3f %.17g %.3g\n", t.mean, t.best, sum, diff);
  return 0;
}
