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

/*
 * Darcy-Weisbach friction + minor loss, velocity and Reynolds number, laid out as hw_head_loss_batch; roughness is the
 * absolute roughness eps (m). Friction factor as EPANET 2.2 (hydcoeffs.c) and the scalar oracle
 * LinkFormulas.DarcyWeisbachFrictionFactor: f = 64/Re up to Re = 2000; Swamee-Jain f = 0.25/log10(eps/3.7D + 5.74/Re^0.9)^2
 * from Re = 4000; Dunlop's cubic in r = Re/2000 in between. h_f = f (L/D) v|v| / 2g.
 */
KERNEL void dw_head_loss_batch(
    const int links, const int candidates,
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
    const real_t v = (real_t)4 * q / (WDN_PI * d * d);
    const real_t re = fabs(v) * d / viscosity;
    const real_t e = roughness[link] / d / (real_t)3.7;
    real_t f;
    if (re <= (real_t)2000)
    {
        f = re > (real_t)0 ? (real_t)64 / re : (real_t)0;
    }
    else if (re >= (real_t)4000)
    {
        const real_t l = log10(e + (real_t)5.74 / POW_NONNEG(re, (real_t)0.9));
        f = (real_t)0.25 / (l * l);
    }
    else
    {
        const real_t ab = (real_t)5.74 / POW_NONNEG((real_t)4000, (real_t)0.9);
        const real_t a9 = (real_t)-2 / log((real_t)10);
        const real_t z2 = e + ab;
        const real_t z3 = a9 * log(z2);
        const real_t fa = (real_t)1 / (z3 * z3);
        const real_t fb = ((real_t)2 + (real_t)0.9 * (real_t)2 * a9 * ab / (z2 * z3)) * fa;
        const real_t r = re / (real_t)2000;
        const real_t x1 = (real_t)7 * fa - fb;
        const real_t x2 = (real_t)0.128 - (real_t)17 * fa + (real_t)2.5 * fb;
        const real_t x3 = (real_t)-0.128 + (real_t)13 * fa - (real_t)2 * fb;
        const real_t x4 = (real_t)0.032 - (real_t)3 * fa + (real_t)0.5 * fb;
        f = x1 + r * (x2 + r * (x3 + r * x4));
    }
    const real_t d2 = d * d;
    const real_t m = (real_t)8 * minor_k[link] / (WDN_PI * WDN_PI * gravity * (d2 * d2));
    head_loss[idx] = f * length[link] / d * v * fabs(v) / ((real_t)2 * gravity) + m * q * fabs(q);
    velocity[idx] = v;
    reynolds[idx] = re;
}
