/* Hand-written reference sweeps (OpenMP, IEEE float64): raw Adam on |x|^4/4 and the
 * normalized (u, log c, log|x|) map in sign/log form, over a (beta1, beta2) grid,
 * lr = 1e-2, x0 = 1. Prints updates/s for each. Build: see run_c_reference.sh. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <omp.h>

static double raw_sweep(int G, int T, double *out) {
    long updates = 0;
    double t0 = omp_get_wtime();
#pragma omp parallel for schedule(static) reduction(+ : updates)
    for (int i = 0; i < G * G; i++) {
        double b1 = 0.01 + (0.999 - 0.01) * (i / G) / (G > 1 ? G - 1 : 1);
        double b2 = 0.01 + (0.999 - 0.01) * (i % G) / (G > 1 ? G - 1 : 1);
        double x = 1.0, m = 0.0, v = 0.0, mn = INFINITY;
        int t;
        for (t = 0; t < T; t++) {
            double g = x * x * x, loss = 0.25 * x * g;
            if (!(loss < 1e50) || loss < 2.2250738585072014e-308) break;
            if (loss < mn) mn = loss;
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            x -= 1e-2 * m / sqrt(v);
        }
        out[i] = mn;
        updates += t;
    }
    return updates / (omp_get_wtime() - t0);
}

static inline void sadd(double al, double as, double bl, double bs, double *rl, double *rs) {
    if (bs == 0) { *rl = al; *rs = as; return; }
    if (as == 0) { *rl = bl; *rs = bs; return; }
    double hl = al, hs = as, ll = bl, ls = bs;
    if (bl > al) { hl = bl; hs = bs; ll = al; ls = as; }
    double d = ll - hl;
    if (hs == ls) { *rl = hl + log1p(exp(d)); *rs = hs; return; }
    if (d == 0) { *rl = -INFINITY; *rs = 0; return; }
    *rl = hl + log(-expm1(d)); *rs = hs;
}

static double normalized_sweep(int G, int T, double *out) {
    long updates = 0;
    double t0 = omp_get_wtime();
#pragma omp parallel for schedule(static) reduction(+ : updates)
    for (int i = 0; i < G * G; i++) {
        double b1 = 0.01 + (0.999 - 0.01) * (i / G) / (G > 1 ? G - 1 : 1);
        double b2 = 0.01 + (0.999 - 0.01) * (i % G) / (G > 1 ? G - 1 : 1);
        double lb1 = log(b1), lc1 = log(1 - b1), lb2 = log(b2), lc2 = log(1 - b2), llr = log(1e-2);
        double L = 0, sg = 1, ul = -INFINITY, us = 0, cl = -INFINITY, cs = 0, ymin = INFINITY;
        int t;
        for (t = 0; t < T; t++) {
            double ml, ms, vl, vs, rl, rs;
            sadd(lb1 + ul, us, lc1, sg, &ml, &ms);           /* m' = b1 m + (1-b1) g, g = sign */
            sadd(lb2 + cl, cs, lc2, 1.0, &vl, &vs);          /* v' = b2 v + (1-b2) g^2 */
            double dl = ml - 0.5 * vl, ds = ms;              /* direction m'/sqrt(v') */
            double y = (4 * L - log(4.0)) / log(10.0);
            if (y < ymin) ymin = y;
            sadd(0.0, 1.0, llr - L + dl, -ds * sg, &rl, &rs); /* rho = 1 - lr/|x| dir sign(x) */
            if (rs == 0) break;
            L += rl; sg *= rs;
            ul = ml - 3 * rl; us = ms;                       /* renormalise by |rho|^(n-1)d */
            cl = vl - 6 * rl; cs = vs;
        }
        out[i] = ymin;
        updates += t;
    }
    return updates / (omp_get_wtime() - t0);
}

int main(int argc, char **argv) {
    int G = argc > 1 ? atoi(argv[1]) : 64, T = argc > 2 ? atoi(argv[2]) : 2000;
    double *out = malloc(sizeof(double) * G * G);
    double r = raw_sweep(G, T, out), s = out[G * G / 2];
    double nrm = normalized_sweep(G, T, out);
    printf("threads %d grid %d steps %d raw %.1f M/s normalized %.1f M/s (check %g %g)\n", omp_get_max_threads(), G,
           T, r / 1e6, nrm / 1e6, s, out[G * G / 2]);
    free(out);
    return 0;
}
