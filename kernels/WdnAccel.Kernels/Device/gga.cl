/*
 * Batched Global Gradient Algorithm (Todini & Pilati 1988), one work-item per lane (candidate x demand case).
 * Step for step the scalar oracle kernels/WdnAccel.Kernels/Scalar/GgaScalarSolver.cs, which follows EPANET 2.2
 * (hydsolver.c hydsolve/newflows, hydcoeffs.c pipecoeff/pumpcoeff, hydstatus.c cvstatus/pumpstatus):
 *   initial flows at 1 ft/s, P = 1/g, Y = h/g per link, A = A12' P A12 over junctions, sparse Cholesky over the
 *   shared symbolic pattern (right-looking flat update list of CompiledNetwork), Q -= Y - P*dH, convergence
 *   sum|dQ|/sum|Q| <= accuracy, check-valve/pump status checks every CheckFreq trials up to MaxCheck.
 * Shared (read by every lane): topology, elimination order and factor pattern, pipe and pump data.
 * Per lane: every state array is structure-of-arrays with the lane fastest, x[element*K + lane], so
 * neighbouring work-items touch neighbouring addresses (coalesced on GPUs, vectorizable by PoCL).
 * The host requires fp64: iteration counts and statuses must equal the double-precision oracle's.
 */

#if defined(WDN_IS_OPENCL)
/* The oracle is plain IEEE double without fused multiply-add; keep the compiler from contracting a*b+c. */
#pragma OPENCL FP_CONTRACT OFF
#endif

/* Indices into cst[], filled by OpenClBackend.Hydraulics.cs from GgaConstants/LinkFormulas (SI units). */
#define GGA_OMEGA 0
#define GGA_ACCURACY 1
#define GGA_QSUM_FLOOR 2
#define GGA_RQTOL 3
#define GGA_CBIG 4
#define GGA_CSMALL 5
#define GGA_HTOL 6
#define GGA_QTOL 7
#define GGA_QZERO 8
#define GGA_INIT_VELOCITY 9
#define GGA_HW_N 10
#define GGA_HW_DEXP 11
#define GGA_GRAVITY 12
#define GGA_NAN 13

/* Link kinds (kind[]): LinkKind, with constant-power pumps told apart. */
#define LINK_PIPE 0
#define LINK_CHECK_VALVE 1
#define LINK_PUMP 2
#define LINK_CONST_POWER_PUMP 3

/* closed[] bits while iterating; 0/1 on exit. */
#define CLOSED_FIXED 1
#define CLOSED_STATUS 2

/* LaneStatus values. */
#define LANE_CONVERGED 1
#define LANE_NOT_CONVERGED 2
#define LANE_SINGULAR 3

/* GgaConstants.CheckFrequency, MaxCheck (EPANET defaults). */
#define GGA_CHECK_FREQUENCY 2
#define GGA_MAX_CHECK 10

#define AT(element) ((element) * K + lane)

/* hydstatus.c linkstatus for check valves and power-curve pumps of one lane; 1 when any status changed. */
INLINE int gga_status_check(const int K, const int lane, const int ns, const int np,
    GLOBAL_AS const int* RESTRICT status_links, GLOBAL_AS const int* RESTRICT kind,
    GLOBAL_AS const int* RESTRICT from, GLOBAL_AS const int* RESTRICT to,
    GLOBAL_AS const real_t* RESTRICT pump_h0, GLOBAL_AS const real_t* RESTRICT pump_speed,
    const real_t htol, const real_t qtol,
    GLOBAL_AS const real_t* RESTRICT head, GLOBAL_AS const real_t* RESTRICT flow, GLOBAL_AS unsigned char* RESTRICT closed)
{
    int change = 0;
    for (int s = 0; s < ns; ++s)
    {
        const int i = status_links[s];
        const unsigned char state = closed[AT(i)];
        if (state & CLOSED_FIXED) continue;
        const real_t dh = head[AT(from[i])] - head[AT(to[i])];
        const int was = (state & CLOSED_STATUS) != 0;
        int now = was;
        if (kind[i] == LINK_CHECK_VALVE)
        {
            const real_t q = flow[AT(i)];
            if (fabs(dh) > htol) now = dh < -htol || q < -qtol;
            else if (q < -qtol) now = 1;
        }
        else
        {
            const int pu = i - np;
            const real_t hmax = pump_speed[pu] * pump_speed[pu] * pump_h0[pu];
            now = -dh > hmax + htol;
        }
        if (now != was)
        {
            closed[AT(i)] = now ? CLOSED_STATUS : 0;
            change = 1;
        }
    }
    return change;
}

KERNEL void gga_solve(
    const int K, const int nj, const int nf, const int np, const int m, const int factor_size,
    const int max_trials, const int ns,
    GLOBAL_AS const real_t* RESTRICT cst,
    /* topology and factor pattern (CompiledNetwork) */
    GLOBAL_AS const int* RESTRICT from, GLOBAL_AS const int* RESTRICT to, GLOBAL_AS const int* RESTRICT kind,
    GLOBAL_AS const int* RESTRICT init_closed, GLOBAL_AS const int* RESTRICT link_entry,
    GLOBAL_AS const int* RESTRICT position, GLOBAL_AS const int* RESTRICT col_start, GLOBAL_AS const int* RESTRICT row_of_entry,
    GLOBAL_AS const int* RESTRICT upd_start, GLOBAL_AS const int* RESTRICT upd_target,
    GLOBAL_AS const int* RESTRICT upd_a, GLOBAL_AS const int* RESTRICT upd_b, GLOBAL_AS const int* RESTRICT status_links,
    GLOBAL_AS const real_t* RESTRICT length, GLOBAL_AS const real_t* RESTRICT minor_loss, GLOBAL_AS const real_t* RESTRICT elevation,
    GLOBAL_AS const real_t* RESTRICT pump_h0, GLOBAL_AS const real_t* RESTRICT pump_r, GLOBAL_AS const real_t* RESTRICT pump_n,
    GLOBAL_AS const real_t* RESTRICT pump_q0, GLOBAL_AS const real_t* RESTRICT pump_speed,
    /* per-lane inputs */
    GLOBAL_AS const real_t* RESTRICT diameter, GLOBAL_AS const real_t* RESTRICT roughness,
    GLOBAL_AS const real_t* RESTRICT demand, GLOBAL_AS const real_t* RESTRICT fixed_head,
    /* per-lane outputs */
    GLOBAL_AS real_t* RESTRICT head, GLOBAL_AS real_t* RESTRICT flow, GLOBAL_AS unsigned char* RESTRICT closed,
    GLOBAL_AS int* RESTRICT status, GLOBAL_AS int* RESTRICT iterations, GLOBAL_AS real_t* RESTRICT rel_err,
    /* per-lane scratch */
    GLOBAL_AS real_t* RESTRICT res, GLOBAL_AS real_t* RESTRICT kml, GLOBAL_AS real_t* RESTRICT pc,
    GLOBAL_AS real_t* RESTRICT yc, GLOBAL_AS real_t* RESTRICT v, GLOBAL_AS real_t* RESTRICT f)
{
    const int lane = GID0;
    if (lane >= K) return;

    const real_t omega = cst[GGA_OMEGA], accuracy = cst[GGA_ACCURACY], qsum_floor = cst[GGA_QSUM_FLOOR];
    const real_t rqtol = cst[GGA_RQTOL], cbig = cst[GGA_CBIG], csmall = cst[GGA_CSMALL];
    const real_t htol = cst[GGA_HTOL], qtol = cst[GGA_QTOL], qzero = cst[GGA_QZERO];
    const real_t hw_n = cst[GGA_HW_N], hw_dexp = cst[GGA_HW_DEXP];
    const real_t one = (real_t)1;

    /* Initial state (hydraul.c initlinkflow): open pipes at 1 ft/s, pumps at their design flow, closed at QZERO. */
    for (int i = 0; i < np; ++i)
    {
        const real_t d = diameter[AT(i)], c = roughness[AT(i)];
        if (init_closed[i] || d <= 0)
        {
            closed[AT(i)] = CLOSED_FIXED;
            flow[AT(i)] = qzero;
            res[AT(i)] = 0;
            kml[AT(i)] = 0;
            continue;
        }
        closed[AT(i)] = 0;
        /* LinkFormulas.HazenWilliamsResistance and MinorLossCoefficient, in the same operation order. */
        res[AT(i)] = omega * length[i] / (pow(c, hw_n) * pow(d, hw_dexp));
        kml[AT(i)] = (real_t)8 * minor_loss[i] / (WDN_PI * WDN_PI * cst[GGA_GRAVITY] * pow(d, (real_t)4));
        flow[AT(i)] = WDN_PI * d * d / (real_t)4 * cst[GGA_INIT_VELOCITY];
    }
    for (int i = np; i < m; ++i)
    {
        const int c = init_closed[i];
        closed[AT(i)] = c ? CLOSED_FIXED : 0;
        flow[AT(i)] = c ? qzero : pump_q0[i - np];
    }
    for (int j = 0; j < nj; ++j) head[AT(j)] = elevation[j];
    for (int fi = 0; fi < nf; ++fi) head[AT(nj + fi)] = fixed_head[AT(fi)];

    int lane_status = LANE_NOT_CONVERGED, iter = 1, next_check = GGA_CHECK_FREQUENCY;
    real_t rel = cst[GGA_NAN];
    for (; iter <= max_trials; ++iter)
    {
        /* Coefficients (hydcoeffs.c). */
        for (int i = 0; i < m; ++i)
        {
            const real_t qi = flow[AT(i)];
            real_t p, y;
            if (closed[AT(i)])
            {
                p = one / cbig;
                y = qi;
            }
            else if (i < np)
            {
                /* pipecoeff, Hazen-Williams: g = n r |Q|^(n-1) + 2 km |Q|, low-flow linearized below RQtol.
                   pow, not the prelude's POW_NONNEG: exp(log) was ~20 % faster on PoCL but moved flows 5e-6 relative
                   from the oracle's Math.Pow (and Sum|dQ|/Sum|Q| 1 %), enough to risk a different trial count. */
                const real_t q = fabs(qi);
                real_t hgrad = hw_n * res[AT(i)] * pow(q, hw_n - one);
                real_t hloss;
                if (hgrad < rqtol)
                {
                    hgrad = rqtol / hw_n;
                    hloss = hgrad * q;
                }
                else hloss = hgrad * q / hw_n;
                const real_t km = kml[AT(i)];
                hloss += km * q * q;
                hgrad += (real_t)2 * km * q;
                p = one / hgrad;
                y = (qi < 0 ? -hloss : qi > 0 ? hloss : (real_t)0) / hgrad;
            }
            else if (kind[i] == LINK_CONST_POWER_PUMP)
            {
                /* pumpcoeff, constant power: head loss r/Q with r = -R s^3; CBIG acts closed, CSMALL open. */
                const int pu = i - np;
                const real_t s = pump_speed[pu];
                const real_t rs = pump_r[pu] * s * s * s;
                const real_t q = fabs(qi);
                const real_t hgrad = rs / (q * q);
                if (hgrad > cbig) { p = one / cbig; y = qi; }
                else if (hgrad < csmall) { p = one / csmall; y = qi; }
                else { p = one / hgrad; y = -rs / qi / hgrad; }
            }
            else
            {
                /* pumpcoeff, power curve: head loss -h0 s^2 + r s^(2-n) |Q|^(n-1) Q. */
                const int pu = i - np;
                const real_t s = pump_speed[pu], n = pump_n[pu];
                const real_t h0s = s * s * pump_h0[pu];
                const real_t rs = pump_r[pu] * pow(s, (real_t)2 - n);
                const real_t q = fabs(qi);
                real_t hgrad = n * rs * pow(q, n - one);
                real_t hloss;
                if (hgrad < rqtol)
                {
                    hgrad = rqtol;
                    hloss = -h0s + hgrad * qi;
                }
                else hloss = -h0s + hgrad * qi / n;
                p = one / hgrad;
                y = hloss / hgrad;
            }
            pc[AT(i)] = p;
            yc[AT(i)] = y;
        }

        /* Assembly of A and F in elimination order (position[junction]). */
        for (int e = 0; e < factor_size; ++e) v[AT(e)] = 0;
        for (int j = 0; j < nj; ++j) f[AT(position[j])] = -demand[AT(j)];
        for (int i = 0; i < m; ++i)
        {
            const int a = from[i], b = to[i], entry = link_entry[i];
            const real_t p = pc[AT(i)], y = yc[AT(i)], q = flow[AT(i)];
            if (entry >= 0) v[AT(entry)] -= p;
            if (a < nj)
            {
                const int pa = position[a];
                v[AT(pa)] += p;
                f[AT(pa)] += y - q;
            }
            else f[AT(position[b])] += p * head[AT(a)];
            if (b < nj)
            {
                const int pb = position[b];
                v[AT(pb)] += p;
                f[AT(pb)] += q - y;
            }
            else f[AT(position[a])] += p * head[AT(b)];
        }

        /* Sparse Cholesky A = L L' over the shared pattern (right-looking updates), then two triangular solves. */
        int singular = 0;
        for (int c = 0; c < nj; ++c)
        {
            const real_t pivot = v[AT(c)];
            if (!(pivot > 0)) { singular = 1; break; }
            const real_t d = sqrt(pivot);
            v[AT(c)] = d;
            for (int e = col_start[c]; e < col_start[c + 1]; ++e) v[AT(nj + e)] /= d;
            for (int u = upd_start[c]; u < upd_start[c + 1]; ++u) v[AT(upd_target[u])] -= v[AT(upd_a[u])] * v[AT(upd_b[u])];
        }
        if (singular)
        {
            lane_status = LANE_SINGULAR;
            break;
        }
        for (int c = 0; c < nj; ++c)
        {
            const real_t fc = f[AT(c)] / v[AT(c)];
            f[AT(c)] = fc;
            for (int e = col_start[c]; e < col_start[c + 1]; ++e) f[AT(row_of_entry[e])] -= v[AT(nj + e)] * fc;
        }
        for (int c = nj - 1; c >= 0; --c)
        {
            real_t s = f[AT(c)];
            for (int e = col_start[c]; e < col_start[c + 1]; ++e) s -= v[AT(nj + e)] * f[AT(row_of_entry[e])];
            f[AT(c)] = s / v[AT(c)];
        }
        for (int j = 0; j < nj; ++j) head[AT(j)] = f[AT(position[j])];

        /* Flow update (hydsolver.c newflows). */
        real_t qsum = 0, dqsum = 0;
        for (int i = 0; i < m; ++i)
        {
            const real_t q = flow[AT(i)];
            real_t dq = yc[AT(i)] - pc[AT(i)] * (head[AT(from[i])] - head[AT(to[i])]);
            /* newlinkflows: a constant-power pump's flow may not go negative. */
            if (kind[i] == LINK_CONST_POWER_PUMP && dq > q) dq = q / (real_t)2;
            const real_t qn = q - dq;
            flow[AT(i)] = qn;
            qsum += fabs(qn);
            dqsum += fabs(dq);
        }
        rel = qsum > qsum_floor ? dqsum / qsum : dqsum;

        /* hydsolve: converged unless a status changes; otherwise check statuses every CheckFreq trials. */
        if (rel <= accuracy)
        {
            if (!gga_status_check(K, lane, ns, np, status_links, kind, from, to, pump_h0, pump_speed, htol, qtol, head, flow, closed))
            {
                lane_status = LANE_CONVERGED;
                break;
            }
            next_check = iter + GGA_CHECK_FREQUENCY;
        }
        else if (iter <= GGA_MAX_CHECK && iter == next_check)
        {
            gga_status_check(K, lane, ns, np, status_links, kind, from, to, pump_h0, pump_speed, htol, qtol, head, flow, closed);
            next_check += GGA_CHECK_FREQUENCY;
        }
    }

    status[lane] = lane_status;
    iterations[lane] = iter < max_trials ? iter : max_trials;
    rel_err[lane] = rel;
    for (int i = 0; i < m; ++i) closed[AT(i)] = closed[AT(i)] ? 1 : 0;
}
