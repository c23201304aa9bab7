/*
 * Hazen-Williams friction + minor loss, velocity and Reynolds number for a batch of links x K candidates.
 * Formulas as the scalar oracle src/WdnAccel.Core/Hydraulics/LinkFormulas.cs (DESIGN.md section 5):
 *   h_f = omega*L*Q|Q|^(n-1) / (C^n * D^m),  n = 1.852, m = 4.871  (EPANET hydcoeffs.c, SI form)
 *   h_m = 8K/(pi^2 g D^4) * Q|Q| = K v|v| / 2g
 *   v = 4Q/(pi D^2),  Re = |v| D / nu
 * Layout: per-link inputs [link]; per-candidate values [link*K + k], so neighbouring work-items (k) read
 * neighbouring addresses. Powers use the prelude's POW_NONNEG (exp of log: bases here are >= 0). Exponents and physical constants arrive as arguments, so float builds need no
 * double literals and double builds use the host's exact values.
 */
KERNEL void hw_head_loss_batch(
    const int links, const int candidates,
    const real_t omega, const real_t flow_exponent, const real_t diameter_exponent,
    const real_t gravity, const real_t viscosity,
    GLOBAL_AS const real_t* RESTRICT length,
    GLOBAL_AS const real_t* RESTRICT roughness,
    GLOBAL_AS const real_t* RESTRICT minor_k,
    GLOBAL_AS const real_t* RESTRICT diameter,
    GLOBAL_AS const real_t* RESTRICT flow,
    GLOBAL_AS real_t* RESTRICT head_loss,
    GLOBAL_AS real_t* RESTRICT velocity,
    GLOBAL_AS real_t* RESTRICT reynolds)
{
    const int idx = GID0;
    if (idx >= links * candidates) return;
    const int link = idx / candidates;

    const real_t d = diameter[idx];
    const real_t q = flow[idx];
    const real_t aq = fabs(q);

    const real_t r = omega * length[link] / (POW_NONNEG(roughness[link], flow_exponent) * POW_NONNEG(d, diameter_exponent));
    const real_t friction = r * q * POW_NONNEG(aq, flow_exponent - (real_t)1);
    const real_t d2 = d * d;
    const real_t m = (real_t)8 * minor_k[link] / (WDN_PI * WDN_PI * gravity * (d2 * d2));
    const real_t v = (real_t)4 * q / (WDN_PI * d * d);

    head_loss[idx] = friction + m * q * aq;
    velocity[idx] = v;
    reynolds[idx] = fabs(v) * d / viscosity;
}
