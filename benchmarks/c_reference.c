/* Hand-written reference sweeps for `adamdyn bench` (OpenMP, float64).
 *
 * Work: Adam (eps = 0, no bias correction) on |x|^4/4, lr = 1e-2, x0 = 1, over a
 * G x G grid of (beta1, beta2) in [0.01, 0.999], T steps. Rows of beta1 are split over
 * threads; each row holds the G values of beta2 in arrays, and the time loop runs
 * outside an inner loop over the row that the compiler vectorizes (no calls, no
 * branches: a point that leaves the float64 range is frozen by a mask and stops
 * counting updates). Reductions: minimum loss per point.
 *
 *   raw:        x, m, v in float64.
 *   normalized: the normalized map in sign/log form (u = m/g, log c = log v/g^2,
 *               log|x|), the scheme of adamdyn's original kernels: one log1p+exp per
 *               moment and a log for rho each step; never under- or overflows.
 *   normalized_fast: the scaled-float scheme of adamdyn's generated normalized kernels
 *               (u = m/g, q = v/g^2/Lambda^2 = 1/lambda^2 as floats, Lambda = lr/|x| carried
 *               as a float, log|x| the only log: one log1p per step), WITHOUT the range
 *               guard and sign/log fallback of the generated kernels (a lower bound on work).
 *   raw_full:   raw, with every per-step reduction of adamdyn's raw kernels (the same work).
 *
 * Built three times by run_c_reference.sh: -O3 and -O3 -fno-math-errno (IEEE float64: libm
 * calls stay scalar; the second lets sqrt vectorize) and -Ofast (-ffast-math: vector libm,
 * reassociation; NOT IEEE). Prints one JSON line. raw_full carries `omp simd`: without it gcc
 * does not vectorize its loop at all ("control flow in loop"); with it gcc vectorizes but the
 * result is still slow (a measured fact about gcc on this code, not a tuned target).
 * Updates counted: steps actually iterated by points still running. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <omp.h>

#define TINY 2.2250738585072014e-308

static double beta(int k, int G) { return 0.01 + (0.999 - 0.01) * k / (G > 1 ? G - 1 : 1); }

static double raw_sweep(int G, int T, double *out, double *secs) {
    long updates = 0;
    double t0 = omp_get_wtime();
#pragma omp parallel reduction(+ : updates)
    {
        double *x = malloc(sizeof(double) * G), *m = malloc(sizeof(double) * G), *v = malloc(sizeof(double) * G);
        double *b2 = malloc(sizeof(double) * G), *c2 = malloc(sizeof(double) * G), *mn = malloc(sizeof(double) * G);
        long *act = malloc(sizeof(long) * G);
#pragma omp for schedule(dynamic, 1)
        for (int r = 0; r < G; r++) {
            const double b1 = beta(r, G), c1 = 1.0 - b1, lr = 1e-2;
            for (int k = 0; k < G; k++) {
                x[k] = 1.0; m[k] = 0.0; v[k] = 0.0; mn[k] = INFINITY; act[k] = 1;
                b2[k] = beta(k, G); c2[k] = 1.0 - b2[k];
            }
            long cnt = 0;
            for (int t = 0; t < T; t++) {
                long a = 0;
                for (int k = 0; k < G; k++) {
                    double xk = x[k], g = xk * xk * xk, loss = 0.25 * xk * g;
                    long on = act[k] & (loss <= 1e50) & (loss >= TINY);
                    mn[k] = (on & (loss < mn[k])) ? loss : mn[k];
                    double mk = b1 * m[k] + c1 * g;
                    double vk = b2[k] * v[k] + c2[k] * (g * g);
                    double xn = xk - lr * mk / sqrt(vk);
                    x[k] = on ? xn : xk;
                    m[k] = on ? mk : m[k];
                    v[k] = on ? vk : v[k];
                    act[k] = on;
                    a += on;
                }
                cnt += a;
                if (a == 0) break;
            }
            updates += cnt;
            for (int k = 0; k < G; k++) out[r * G + k] = mn[k];
        }
        free(x); free(m); free(v); free(b2); free(c2); free(mn); free(act);
    }
    *secs = omp_get_wtime() - t0;
    return (double)updates;
}

/* raw_full: the raw sweep with the reductions adamdyn's raw kernels keep per point and step
 * (the same work as the generated kernels, not just the minimum): running minimum of |x| and
 * its step, first spike step (|x| above 10^(2/4) times its running minimum: 2 decades of loss),
 * maximum coupling sqrt(v)/|g| (compared by cross-multiplication), count of steps more than
 * 4 decades below the SignGD floor, divergence bound, underflow (|x|, g^2, m or v subnormal),
 * stop flag and stop step. Log10 samples for the late slope (every ceil(T/64) steps) are left
 * out: a point reads them once per 32 steps. */
static double raw_full_sweep(int G, int T, double *out, double *secs) {
    long updates = 0;
    const double spike = pow(10.0, 2.0 / 4), bound = pow(10.0, (50.0 + log10(4.0)) / 4);
    const double tiny = pow(10.0, (log10(TINY) + log10(4.0)) / 4), deep = pow(10.0, (4 * log10(1e-2) - 4.0) / 4);
    double t0 = omp_get_wtime();
#pragma omp parallel reduction(+ : updates)
    {
        double *x = malloc(sizeof(double) * G), *m = malloc(sizeof(double) * G), *v = malloc(sizeof(double) * G);
        double *b2 = malloc(sizeof(double) * G), *c2 = malloc(sizeof(double) * G), *mn = malloc(sizeof(double) * G);
        double *kmin = malloc(sizeof(double) * G), *kspk = malloc(sizeof(double) * G), *cn = malloc(sizeof(double) * G);
        double *cd = malloc(sizeof(double) * G), *kdeep = malloc(sizeof(double) * G), *flag = malloc(sizeof(double) * G);
        double *kend = malloc(sizeof(double) * G);
#pragma omp for schedule(dynamic, 1)
        for (int r = 0; r < G; r++) {
            const double b1 = beta(r, G), c1 = 1.0 - b1, lr = 1e-2;
            for (int k = 0; k < G; k++) {
                x[k] = 1.0; m[k] = 0.0; v[k] = 0.0; mn[k] = INFINITY; kmin[k] = -1; kspk[k] = -1;
                cn[k] = -1; cd[k] = 1; kdeep[k] = 0; flag[k] = 0; kend[k] = -1;
                b2[k] = beta(k, G); c2[k] = 1.0 - b2[k];
            }
            long cnt = 0;
            for (int t = 0; t <= T; t++) {
                long a = 0;
                const long last = t == T;
#pragma omp simd reduction(+ : a)
                for (int k = 0; k < G; k++) {
                    double xk = x[k], ax = fabs(xk), ga = ax * ax * ax, g = copysign(ga, xk);
                    double mk = b1 * m[k] + c1 * g, vk = b2[k] * v[k] + c2[k] * (g * g), sq = sqrt(vk);
                    double d = mk / sq;
                    long act = kend[k] < 0;
                    long lower = act & (ax < mn[k]);
                    double mnk = lower ? ax : mn[k];
                    mn[k] = mnk;
                    kmin[k] = lower ? (double)t : kmin[k];
                    long spk = act & (lower ^ 1) & (kspk[k] < 0) & (ax > mnk * spike);
                    kspk[k] = spk ? (double)t : kspk[k];
                    long up = act & (sq * cd[k] > cn[k] * ga);
                    cn[k] = up ? sq : cn[k];
                    cd[k] = up ? ga : cd[k];
                    kdeep[k] += (act & (ax < deep)) ? 1.0 : 0.0;
                    double amk = fabs(mk), avk = fabs(vk), g2 = ga * ga;
                    long uf = ((ga > 0) & (g2 < TINY)) | ((amk > 0) & (amk < TINY)) | ((avk > 0) & (avk < TINY));
                    long bad = act & (ax > bound);
                    long und = act & (bad ^ 1) & ((ax < tiny) | uf);
                    double fl = und ? 2.0 : flag[k];
                    flag[k] = bad ? 1.0 : fl;
                    long go = act & ((bad | und | last) ^ 1);
                    a += go;
                    x[k] = go ? xk - lr * d : xk;
                    m[k] = go ? mk : m[k];
                    v[k] = go ? vk : v[k];
                    kend[k] = (act & (go ^ 1)) ? (double)t : kend[k];
                }
                cnt += a;
                if (a == 0) break;
            }
            updates += cnt;
            for (int k = 0; k < G; k++) out[r * G + k] = mn[k];
        }
        free(x); free(m); free(v); free(b2); free(c2); free(mn); free(kmin); free(kspk); free(cn); free(cd);
        free(kdeep); free(flag); free(kend);
    }
    *secs = omp_get_wtime() - t0;
    return (double)updates;
}

/* (log|a|, sign a) addition, branch-free apart from the zero cases handled by the caller */
static inline void sadd(double al, double as, double bl, double bs, double *rl, double *rs) {
    double hl = al > bl ? al : bl, ll = al > bl ? bl : al;
    double hs = al > bl ? as : bs, ls = al > bl ? bs : as;
    double e = exp(ll - hl);
    double s = hs * ls > 0 ? 1.0 + e : 1.0 - e;
    *rl = hl + log(s);
    *rs = hs;
}

static double normalized_sweep(int G, int T, double *out, double *secs) {
    long updates = 0;
    const double llr = log(1e-2), ln10 = log(10.0), l4 = log(4.0);
    double t0 = omp_get_wtime();
#pragma omp parallel reduction(+ : updates)
    {
        double *L = malloc(sizeof(double) * G), *sg = malloc(sizeof(double) * G), *ul = malloc(sizeof(double) * G);
        double *us = malloc(sizeof(double) * G), *cl = malloc(sizeof(double) * G), *lb2 = malloc(sizeof(double) * G);
        double *lc2 = malloc(sizeof(double) * G), *ymin = malloc(sizeof(double) * G);
        long *act = malloc(sizeof(long) * G);
#pragma omp for schedule(dynamic, 1)
        for (int r = 0; r < G; r++) {
            const double b1 = beta(r, G), lb1 = log(b1), lc1 = log(1.0 - b1);
            for (int k = 0; k < G; k++) {
                double b2 = beta(k, G);
                /* after step 0: u = 1 - b1, c = 1 - b2 (m0 = v0 = 0, frame |g| = 1) */
                L[k] = 0.0; sg[k] = 1.0; ul[k] = lc1; us[k] = 1.0; lb2[k] = log(b2); lc2[k] = log(1.0 - b2);
                cl[k] = lc2[k]; ymin[k] = INFINITY; act[k] = 1;
            }
            long cnt = 0;
            for (int t = 0; t < T; t++) {
                long a = 0;
                for (int k = 0; k < G; k++) {
                    double y = (4.0 * L[k] - l4) / ln10;
                    long on = act[k] & (y <= 50.0);
                    ymin[k] = (on & (y < ymin[k])) ? y : ymin[k];
                    /* rho = 1 - lr/|x| * u/sqrt(c) (sign-aware), in log form */
                    double dl = llr - L[k] + ul[k] - 0.5 * cl[k], ds = us[k];
                    double rl, rs;
                    sadd(0.0, 1.0, dl, -ds, &rl, &rs);
                    on &= (rs != 0.0) & (rl == rl);
                    double Ln = L[k] + rl, sgn = sg[k] * rs;
                    /* renormalise to the new frame, then fold in g_{t+1} = sign: */
                    double u0 = lb1 + ul[k] - 3.0 * rl, c0 = lb2[k] + cl[k] - 6.0 * rl;
                    double ml, ms, vl, vs;
                    sadd(u0, us[k] * rs, lc1, 1.0, &ml, &ms); /* m/g' = b1 m/g' + (1-b1) */
                    sadd(c0, 1.0, lc2[k], 1.0, &vl, &vs);       /* v/g'^2 */
                    L[k] = on ? Ln : L[k];
                    sg[k] = on ? sgn : sg[k];
                    ul[k] = on ? ml : ul[k];
                    us[k] = on ? ms : us[k];
                    cl[k] = on ? vl : cl[k];
                    act[k] = on;
                    a += on;
                }
                cnt += a;
                if (a == 0) break;
            }
            updates += cnt;
            for (int k = 0; k < G; k++) out[r * G + k] = ymin[k];
        }
        free(L); free(sg); free(ul); free(us); free(cl); free(lb2); free(lc2); free(ymin); free(act);
    }
    *secs = omp_get_wtime() - t0;
    return (double)updates;
}

static double normalized_fast_sweep(int G, int T, double *out, double *secs) {
    long updates = 0;
    const double ln10 = log(10.0), l4 = log(4.0), lr = 1e-2;
    double t0 = omp_get_wtime();
#pragma omp parallel reduction(+ : updates)
    {
        double *L = malloc(sizeof(double) * G), *sg = malloc(sizeof(double) * G), *q0 = malloc(sizeof(double) * G);
        double *q1 = malloc(sizeof(double) * G), *lam = malloc(sizeof(double) * G), *b2 = malloc(sizeof(double) * G);
        double *ymin = malloc(sizeof(double) * G);
        long *act = malloc(sizeof(long) * G);
#pragma omp for schedule(dynamic, 1)
        for (int r = 0; r < G; r++) {
            const double b1 = beta(r, G), c1 = 1.0 - b1;
            for (int k = 0; k < G; k++) {
                L[k] = 0.0; sg[k] = 1.0; q0[k] = 0.0; q1[k] = 0.0; lam[k] = lr; b2[k] = beta(k, G);
                ymin[k] = INFINITY; act[k] = 1;
            }
            long cnt = 0;
            for (int t = 0; t < T; t++) {
                long a = 0;
                for (int k = 0; k < G; k++) {
                    double y = (4.0 * L[k] - l4) / ln10;
                    long on = act[k] & (y <= 50.0);
                    ymin[k] = (on & (y < ymin[k])) ? y : ymin[k];
                    double m = b1 * q0[k] + c1 * sg[k];
                    double v = b2[k] * q1[k] + (1.0 - b2[k]) / (lam[k] * lam[k]);
                    double s = sg[k] * m / sqrt(v);
                    double rl = s < 1.0 ? log1p(-s) : log(s - 1.0);
                    double ir = 1.0 / fabs(1.0 - s), ir2 = ir * ir;
                    on &= (s != 1.0) & (rl == rl);
                    L[k] = on ? L[k] + rl : L[k];
                    sg[k] = on ? (s < 1.0 ? sg[k] : -sg[k]) : sg[k];
                    lam[k] = on ? lam[k] * ir : lam[k];
                    q0[k] = on ? m * ir2 * ir : q0[k];
                    q1[k] = on ? v * ir2 * ir2 : q1[k];
                    act[k] = on;
                    a += on;
                }
                cnt += a;
                if (a == 0) break;
            }
            updates += cnt;
            for (int k = 0; k < G; k++) out[r * G + k] = ymin[k];
        }
        free(L); free(sg); free(q0); free(q1); free(lam); free(b2); free(ymin); free(act);
    }
    *secs = omp_get_wtime() - t0;
    return (double)updates;
}

int main(int argc, char **argv) {
    int G = argc > 1 ? atoi(argv[1]) : 256, T = argc > 2 ? atoi(argv[2]) : 2000;
    double *out = malloc(sizeof(double) * G * G), s1, s2;
    raw_sweep(G > 16 ? 16 : G, 10, out, &s1); /* warm up threads */
    double u1 = raw_sweep(G, T, out, &s1), chk1 = out[G * G / 2 + G / 4];
    double u2 = normalized_sweep(G, T, out, &s2), chk2 = out[G * G / 2 + G / 4], s3;
    double u3 = normalized_fast_sweep(G, T, out, &s3), chk3 = out[G * G / 2 + G / 4], s4;
    double u4 = raw_full_sweep(G, T, out, &s4);
    printf("{\"threads\": %d, \"grid\": %d, \"steps\": %d, \"raw_updates_per_s\": %.6g, "
           "\"raw_full_updates_per_s\": %.6g, "
           "\"normalized_updates_per_s\": %.6g, \"normalized_fast_updates_per_s\": %.6g, "
           "\"raw_min_loss_check\": %.6g, \"normalized_min_log10_check\": %.6g, "
           "\"normalized_fast_min_log10_check\": %.6g}\n",
           omp_get_max_threads(), G, T, u1 / s1, u4 / s4, u2 / s2, u3 / s3, chk1, chk2, chk3);
    free(out);
    return 0;
}
