/*
 * What the C programs of bench/codegen.ts share: the data (n points x[i], y[i] uniform in
 * [0, 1) from the linear congruential generator the JS side repeats), the clock, and the
 * timing of a kernel over that data (`reps` runs after one warm-up, in ns per point).
 *
 *   Points p;
 *   if (!points(&p, n)) return 1;
 *   Timing t = timeKernel(kernel, &p, reps);
 */
#ifndef EQUATE_BENCH_H
#define EQUATE_BENCH_H

#include <stdint.h>
#include <stdlib.h>
#include <time.h>

/** out[i] = f(x[i], y[i]) for i < n. */
typedef void Kernel(long n, const double *restrict x, const double *restrict y, double *restrict out);

/** The inputs of a run and room for its results. */
typedef struct {
  long n;
  double *x, *y, *out;
} Points;

/** Nanoseconds per point: the mean over the timed runs and the best run. */
typedef struct {
  double mean, best;
} Timing;

static uint32_t seed = 12345;

static double rnd(void) {
  seed = seed * 1103515245u + 12345u;
  return seed / 4294967296.0;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

/** Fills `p` with n points from rnd(); 0 when memory runs out. */
static int points(Points *p, long n) {
  p->n = n;
  p->x = malloc(n * sizeof *p->x);
  p->y = malloc(n * sizeof *p->y);
  p->out = malloc(n * sizeof *p->out);
  if (!p->x || !p->y || !p->out) return 0;
  for (long i = 0; i < n; i++) {
    p->x[i] = rnd();
    p->y[i] = rnd();
  }
  return 1;
}

/** Runs `kernel` over `p` once to warm up, then `reps` times under the clock. */
static Timing timeKernel(Kernel *kernel, const Points *p, int reps) {
  kernel(p->n, p->x, p->y, p->out);
  double total = 0, best = 1e300;
  for (int r = 0; r < reps; r++) {
    double t0 = now();
    kernel(p->n, p->x, p->y, p->out);
    double t = now() - t0;
    total += t;
    if (t < best) best = t;
  }
  return (Timing){total / reps / p->n, best / p->n};
}

#endif
