/*
 * Pipe-sizing fitness on the device: per lane (candidate x demand case) of a solved batch, the smallest pressure/head
 * margin and the summed violation of the design limits, read from the heads, flows and statuses the GGA kernel left
 * in device memory, so a generation sends diameters in and reads two numbers per lane back.
 * Same operations in the same order as the scalar reference DesignFeasibility.Evaluate (src/WdnAccel.Core/
 * Hydraulics/DesignFeasibility.cs): p = h - z; low = p - p_min; high = p_max - p; head = h - h_min;
 * margin = min(margin, min(low, min(high, head))); violation += (max(0,-low) + max(0,-high)) + max(0,-head);
 * then velocity limits v = |4Q/(pi D^2)| on open pipes; a lane that did not converge: margin -inf, violation +inf.
 * Layout: per-junction tables [j]; per-lane values [element*K + lane] (neighbouring work-items, neighbouring addresses).
 */
#if defined(WDN_IS_OPENCL)
#pragma OPENCL FP_CONTRACT OFF
#endif

#define LANE_CONVERGED 1 /* LaneStatus.Converged */

KERNEL void design_limits(
    const int lanes, const int junctions, const int pipes, const int check_velocity,
    const real_t v_min, const real_t v_max,
    GLOBAL_AS const real_t* RESTRICT elevation,
    GLOBAL_AS const real_t* RESTRICT min_pressure,
    GLOBAL_AS const real_t* RESTRICT max_pressure,
    GLOBAL_AS const real_t* RESTRICT min_head,
    GLOBAL_AS const real_t* RESTRICT head,
    GLOBAL_AS const real_t* RESTRICT diameter,
    GLOBAL_AS const real_t* RESTRICT flow,
    GLOBAL_AS const unsigned char* RESTRICT closed,
    GLOBAL_AS const int* RESTRICT status,
    GLOBAL_AS real_t* RESTRICT margin,
    GLOBAL_AS real_t* RESTRICT violation)
{
    const int lane = GID0;
    if (lane >= lanes) return;
    if (status[lane] != LANE_CONVERGED)
    {
        margin[lane] = -(real_t)WDN_INFINITY;
        violation[lane] = (real_t)WDN_INFINITY;
        return;
    }
    real_t m = (real_t)WDN_INFINITY;
    real_t v = (real_t)0;
    for (int j = 0; j < junctions; j++)
    {
        const real_t h = head[j * lanes + lane];
        const real_t p = h - elevation[j];
        const real_t low = p - min_pressure[j];
        const real_t high = max_pressure[j] - p;
        const real_t hd = h - min_head[j];
        m = fmin(m, fmin(low, fmin(high, hd)));
        v += (fmax((real_t)0, -low) + fmax((real_t)0, -high)) + fmax((real_t)0, -hd);
    }
    if (check_velocity)
    {
        for (int i = 0; i < pipes; i++)
        {
            const real_t d = diameter[i * lanes + lane];
            if (d <= (real_t)0 || closed[i * lanes + lane] != 0) continue;
            const real_t vel = fabs((real_t)4 * flow[i * lanes + lane] / (WDN_PI * d * d));
            v += fmax((real_t)0, vel - v_max) + fmax((real_t)0, v_min - vel);
        }
    }
    margin[lane] = m;
    violation[lane] = v;
}
