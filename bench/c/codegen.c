/*
 * The C baseline of bench/codegen.ts: f(x, y) = sin(x)cos(y) + x^2 y - exp(x/(1 + y)) over
 * n points (default 1,000,000) of the same data as the JS side (x and y uniform in [0, 1)
 * from the same linear congruential generator), timed `reps` times after one warm-up.
 * A third argument picks a part of f instead, for the breakdown: "arith" (x^2 y - x/(1 + y)),
 * "sin" (sin(x)), "cos" (cos(y)), "exp" (exp(x/(1 + y))).
 * Prints "<mean ns per point> <best ns per point> <checksum>".
 *
 *   gcc -O2 codegen.c -lm && ./a.out 1000000 20 [full|arith|sin|cos|exp]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define KERNEL(name, expr) \
  __attribute__((noinline)) static void name(long n, const double *restrict x, const double *restrict y, double *restrict out) { \
    for (long i = 0; i < n; i++) out[i] = expr; \
  }

KERNEL(full, sin(x[i]) * cos(y[i]) + x[i] * x[i] * y[i] - exp(x[i] / (1 + y[i])))
KERNEL(arith, x[i] * x[i] * y[i] - x[i] / (1 + y[i]))
KERNEL(sine, sin(x[i]))
KERNEL(cosine, cos(y[i]))
KERNEL(exponential, exp(x[i] / (1 + y[i])))

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000000;
  int reps = argc > 2 ? atoi(argv[2]) : 20;
  const char *part = argc > 3 ? argv[3] : "full";
  Kernel *kernel = !strcmp(part, "arith") ? arith : !strcmp(part, "sin") ? sine : !strcmp(part, "cos") ? cosine : !strcmp(part, "exp") ? exponential : full;
  Points p;
  if (!points(&p, n)) return 1;
  Timing t = timeKernel(kernel, &p, reps);
  double sum = 0;
  for (long i = 0; i < n; i++) sum += p.out[i];
  printf("%.3f %.3f %.17g\n", t.mean, t.best, sum);
  return 0;
}
