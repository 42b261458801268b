/* The normalized scheme's C loop with the work of adamdyn's generated normalized kernel (for
 * benchmarks/normalized_work.py; compare benchmarks/c_reference.c's normalized_fast, which this file includes).
 *
 * Work: as c_reference.c (Adam, eps = 0, no bias correction, |x|^4/4, lr = 1e-2, x0 = 1, a G x G grid of
 * (beta1, beta2) in [0.01, 0.999], T steps, rows over OpenMP threads), in the scaled-float scheme of
 * normalized_fast (u = m/g, q = v/g^2/Lambda^2, Lambda = lr/|x| as floats, log|x| the only log: one log1p a
 * step). Besides the step, each step does what the generated kernel does: the range guard of the scaled
 * floats (a point whose q leaves [1e-150, 1e150], or whose step is not finite, stops here and is counted; the
 * kernel goes on with it in sign/log form, slower steps these loops do not take), Lambda anchored by exp every b = ceil(T/64) steps, and every reduction
 * of the kernel's result columns: minimum log10 loss and its step, first spike, divergence step, steps below
 * the deep level, final loss and last step, the running maximum of the log coupling (decided without a log
 * where the bounds 1 - 1/x <= log x <= x - 1 settle it, as the kernel does), the exact-zero step, and the
 * 64 loss samples of the late slope, fitted at the end.
 *
 *   full_one_loop: one loop over the row per step, as a C programmer writes it (log1p in the loop, so gcc
 *                  vectorizes none of it);
 *   full_two_pass: the kernel's layout, a branch-free pass (the algebra, guard and reductions; gcc may
 *                  vectorize it) and a pass with the log1p point by point.
 *
 * main prints one JSON line: updates/s of normalized_fast (minimum only), full_one_loop and full_two_pass,
 * best of REPEAT runs each, the updates each iterated (steps run by points still running), the points each
 * stopped at the range guard (normalized_fast has none: 0) and the minimum
 * log10 loss of one point from each (the same orbit, to rounding: the full loops anchor Lambda by exp). Usage: c_normalized_full GRID STEPS REPEAT. Build: gcc -O3 -fno-math-errno -march=native -fopenmp. */
#define main c_reference_main
#include "c_reference.c"
#undef main
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>

#define SAFE_LO 1e-150
#define SAFE_HI 1e150
#define NS 66

static inline int safev(double q) { double a = fabs(q); return (a < SAFE_HI) & ((a > SAFE_LO) | (a == 0.0)); }
static inline double ipv(double ar, double ir, int ie) {
    double x = ie < 0 ? ir : ar, r = 1.0; int k = abs(ie);
    for (int bit = 0; bit < 4; bit++) { r *= ((k >> bit) & 1) ? x : 1.0; x *= x; }
    return r;
}
static inline double cwv(double q, double lq, double cq, double lc) {
    double aq = fabs(q), acq = fabs(cq), d = lq - lc;
    int never = !(aq > 0.0) | !(lq > -INFINITY);
    int win = (acq == 0.0) | (1.0 - acq / aq + d > 0.0);
    int lose = aq / acq - 1.0 + d <= 0.0;
    return never ? 0.0 : (win ? 1.0 : (lose ? 0.0 : 2.0));
}
static int cwin(double q, double lq, double cq, double lc) {
    double aq = fabs(q);
    if (!(aq > 0.0) || !(lq > -INFINITY)) return 0;
    double acq = fabs(cq);
    if (acq == 0.0) return 1;
    double d = lq - lc, r = acq / aq;
    if (1.0 - r + d > 0.0) return 1;
    if (aq / acq - 1.0 + d <= 0.0) return 0;
    return log(aq) + lq > log(acq) + lc;
}

typedef struct { double *L, *sg, *lam, *q0, *q1, *b2, *ymin, *cmq, *cml, *fin, *lad, *mq, *vq, *cw, *Y;
                 long *mst, *spk, *dv, *nd, *te, *un, *live, *okv, *stop, *bad; } Row;

static double sweep(int G, int T, int two, double *out, double *secs, long *stops) {
    long updates = 0, gstop = 0;
    const double ln10 = log(10.0), n = 4.0, log_n = log(4.0), lr = 1e-2, log_lr = log(lr);
    const double spike_l = 2.0, bound = 50.0, ydeep = n * log10(lr) - log10(n) - 2.0;
    const int b = T + 63 >= 64 ? (T + 63) / 64 : 1;
    double t0 = omp_get_wtime();
#pragma omp parallel reduction(+ : updates, gstop)
    {
        Row R; double **d[] = {&R.L, &R.sg, &R.lam, &R.q0, &R.q1, &R.b2, &R.ymin, &R.cmq, &R.cml, &R.fin, &R.lad,
                               &R.mq, &R.vq, &R.cw};
        for (unsigned i = 0; i < sizeof d / sizeof *d; i++) *d[i] = malloc(sizeof(double) * G);
        long **l[] = {&R.mst, &R.spk, &R.dv, &R.nd, &R.te, &R.un, &R.live, &R.okv, &R.stop, &R.bad};
        for (unsigned i = 0; i < sizeof l / sizeof *l; i++) *l[i] = malloc(sizeof(long) * G);
        R.Y = malloc(sizeof(double) * G * NS);
#pragma omp for schedule(dynamic, 1)
        for (int r = 0; r < G; r++) {
            const double b1 = beta(r, G), c1 = 1.0 - b1;
            for (int k = 0; k < G; k++) {
                R.L[k] = 0.0; R.sg[k] = 1.0; R.q0[k] = 0.0; R.q1[k] = 0.0; R.lam[k] = lr; R.b2[k] = beta(k, G);
                R.ymin[k] = INFINITY; R.cmq[k] = 0.0; R.cml[k] = -INFINITY; R.fin[k] = NAN;
                R.mst[k] = R.spk[k] = R.dv[k] = R.un[k] = -1; R.nd[k] = R.te[k] = 0; R.live[k] = 1;
            }
            long cnt = 0;
            int tsamp = 0, ks = 0;
            for (int t = 0; t <= T; t++) {  /* step T only takes the reductions of the last state */
                const int samp = t == tsamp, last = t == T;
                long a = 0;
                if (samp) for (int k = 0; k < G; k++) R.lam[k] = exp(log_lr - R.L[k]);
                /* the algebra and every reduction: branch-free */
#pragma GCC ivdep
                for (int k = 0; k < G; k++) {
                    double L = R.L[k], sg = R.sg[k], lam = R.lam[k], lL = log_lr - L;
                    double q6 = ipv(lam, 1.0 / lam, -2);
                    double m = b1 * R.q0[k] + sg * c1, v = R.b2[k] * R.q1[k] + sg * sg * (1.0 - R.b2[k]) * q6;
                    double lad = m / sqrt(v);
                    long live = R.live[k];
                    long okv = live & safev(m) & safev(v) & (fabs(lad) < INFINITY);
                    double y = (n * L - log_n) / ln10;
                    long bad = !(fabs(L) < INFINITY) | (y > bound);
                    long lower = live & (y < R.ymin[k]);
                    long spk = live & !lower & (R.spk[k] < 0) & (y > R.ymin[k] + spike_l);
                    R.ymin[k] = lower ? y : R.ymin[k]; R.mst[k] = lower ? t : R.mst[k];
                    R.spk[k] = spk ? t : R.spk[k]; R.dv[k] = (live & bad) ? t : R.dv[k];
                    R.nd[k] += live & (y < ydeep); R.fin[k] = live ? y : R.fin[k]; R.te[k] = live ? t : R.te[k];
                    long stop = bad | last;
                    double cw = cwv(v, 2.0 * lL, R.cmq[k], R.cml[k]);
                    long cwin1 = okv & (cw == 1.0);
                    R.cmq[k] = cwin1 ? v : R.cmq[k]; R.cml[k] = cwin1 ? 2.0 * lL : R.cml[k];
                    double ar = fabs(1.0 - sg * lad), ir = 1.0 / ar;
                    long pw = okv & !stop;
                    R.lam[k] = pw ? lam * ipv(ar, ir, -1) : lam;
                    R.q0[k] = pw ? m * ipv(ar, ir, -3) : R.q0[k];
                    R.q1[k] = pw ? v * ipv(ar, ir, -4) : R.q1[k];
                    R.lad[k] = lad; R.mq[k] = m; R.vq[k] = v; R.cw[k] = cw; R.okv[k] = okv; R.stop[k] = stop;
                    R.bad[k] = !(safev(R.q0[k]) & safev(R.q1[k]));
                    if (!two) {  /* one loop: the rest of the step here */
                        if (live & okv) {
                            if (cw == 2.0 && cwin(v, 2.0 * lL, R.cmq[k], R.cml[k])) { R.cmq[k] = v; R.cml[k] = 2.0 * lL; }
                            if (samp) R.Y[k * NS + ks] = R.fin[k];
                            if (stop) R.live[k] = 0;
                            else {
                                double s = sg * lad;
                                double rl = s != 1.0 ? log1p(-s > s - 2.0 ? -s : s - 2.0) : -INFINITY, rs = s < 1.0 ? 1.0 : -1.0;
                                if (s == 1.0) { R.un[k] = t + 1; R.live[k] = 0; }
                                else { R.L[k] = L + rl; R.sg[k] = sg * rs; if (R.bad[k]) { R.live[k] = 0; gstop++; } }
                            }
                        } else if (live) { R.live[k] = 0; gstop++; }
                        a += R.live[k];
                    }
                }
                if (two) {  /* the rest of the step point by point: log1p, coupling ties, samples */
                    for (int k = 0; k < G; k++) {
                        if (R.live[k] & R.okv[k]) {
                            double lL = log_lr - R.L[k];
                            if (R.cw[k] == 2.0 && cwin(R.vq[k], 2.0 * lL, R.cmq[k], R.cml[k])) {
                                R.cmq[k] = R.vq[k]; R.cml[k] = 2.0 * lL;
                            }
                            if (samp) R.Y[k * NS + ks] = R.fin[k];
                            if (R.stop[k]) R.live[k] = 0;
                            else {
                                double s = R.sg[k] * R.lad[k];
                                double rl = s != 1.0 ? log1p(-s > s - 2.0 ? -s : s - 2.0) : -INFINITY, rs = s < 1.0 ? 1.0 : -1.0;
                                if (s == 1.0) { R.un[k] = t + 1; R.live[k] = 0; }
                                else { R.L[k] += rl; R.sg[k] *= rs; if (R.bad[k]) { R.live[k] = 0; gstop++; } }
                            }
                        } else if (R.live[k]) { R.live[k] = 0; gstop++; }
                        a += R.live[k];
                    }
                }
                if (samp) { ks++; tsamp += b; }
                cnt += a;
                if (a == 0) break;
            }
            updates += cnt;
            for (int k = 0; k < G; k++) {  /* the late slope: least squares over the last half of the samples */
                int m = ks, h = m / 2; double sx = 0, sy = 0, sxx = 0, sxy = 0;
                for (int j = h; j < m; j++) { double x = j * b, yv = R.Y[k * NS + j]; sx += x; sy += yv; sxx += x * x; sxy += x * yv; }
                double N = m - h, slope = N > 1 ? (N * sxy - sx * sy) / (N * sxx - sx * sx) : NAN;
                out[r * G + k] = R.ymin[k] + 1e-300 * (slope + R.cml[k] + R.nd[k] + R.te[k] + R.spk[k] + R.dv[k] + R.un[k] + R.mst[k]);
            }
        }
        for (unsigned i = 0; i < sizeof d / sizeof *d; i++) free(*d[i]);
        for (unsigned i = 0; i < sizeof l / sizeof *l; i++) free(*l[i]);
        free(R.Y);
    }
    *secs = omp_get_wtime() - t0;
    *stops = gstop;
    return (double)updates;
}

int main(int argc, char **argv) {
    int G = argc > 1 ? atoi(argv[1]) : 256, T = argc > 2 ? atoi(argv[2]) : 2000, rep = argc > 3 ? atoi(argv[3]) : 3;
    double *out = malloc(sizeof(double) * G * G), s, best[3] = {0, 0, 0}, chk[3], upd[3];
    long stops[3] = {0, 0, 0};
    for (int i = 0; i < rep; i++) {
        for (int c = 0; c < 3; c++) {
            double u = c == 0 ? normalized_fast_sweep(G, T, out, &s) : sweep(G, T, c == 2, out, &s, &stops[c]);
            if (u / s > best[c]) best[c] = u / s;
            chk[c] = out[G * G / 2 + G / 4];
            upd[c] = u;
        }
    }
    printf("{\"threads\": %d, \"grid\": %d, \"steps\": %d, \"fast_min_only_updates_per_s\": %.6g, "
           "\"full_one_loop_updates_per_s\": %.6g, \"full_two_pass_updates_per_s\": %.6g, "
           "\"updates\": [%.17g, %.17g, %.17g], \"guard_stops\": [%ld, %ld, %ld], "
           "\"min_log10_check\": [%.17g, %.17g, %.17g]}\n",
           omp_get_max_threads(), G, T, best[0], best[1], best[2], upd[0], upd[1], upd[2], stops[0], stops[1], stops[2],
           chk[0], chk[1], chk[2]);
    free(out);
    return 0;
}
