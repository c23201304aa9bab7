using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.OpenCl;

public sealed partial class OpenClBackend
{
    /// <summary>
    /// Hazen–Williams friction plus minor head loss (m, signed with flow), velocity (m/s) and Reynolds number
    /// for <paramref name="links"/> × <paramref name="candidates"/> values (Device/head_loss.cl). Per-link inputs
    /// have length <paramref name="links"/>; per-candidate spans are <c>[link * candidates + k]</c>.
    /// Same formulas as <see cref="LinkFormulas"/>.
    /// </summary>
    public void HazenWilliamsBatch(double omega, int links, int candidates,
        ReadOnlySpan<double> length, ReadOnlySpan<double> roughnessC, ReadOnlySpan<double> minorK,
        ReadOnlySpan<double> diameter, ReadOnlySpan<double> flow,
        Span<double> headLoss, Span<double> velocity, Span<double> reynolds,
        double viscosity = LinkFormulas.WaterViscosity20C) =>
        LinkBatch("hw_head_loss_batch",
            [omega, LinkFormulas.HazenWilliamsFlowExponent, LinkFormulas.HazenWilliamsDiameterExponent, LinkFormulas.Gravity, viscosity],
            links, candidates, length, roughnessC, minorK, diameter, flow, headLoss, velocity, reynolds);

    /// <summary>
    /// Darcy–Weisbach friction (EPANET 2.2's friction factor: Hagen–Poiseuille, Dunlop's transition, Swamee–Jain) plus
    /// minor head loss, velocity and Reynolds number, laid out as <see cref="HazenWilliamsBatch"/>; roughness is ε in m.
    /// Same formulas as <see cref="LinkFormulas.DarcyWeisbachHeadLoss"/>.
    /// </summary>
    public void DarcyWeisbachBatch(int links, int candidates,
        ReadOnlySpan<double> length, ReadOnlySpan<double> roughness, ReadOnlySpan<double> minorK,
        ReadOnlySpan<double> diameter, ReadOnlySpan<double> flow,
        Span<double> headLoss, Span<double> velocity, Span<double> reynolds,
        double viscosity = LinkFormulas.EpanetViscosity) =>
        LinkBatch("dw_head_loss_batch", [LinkFormulas.Gravity, viscosity],
            links, candidates, length, roughness, minorK, diameter, flow, headLoss, velocity, reynolds);

    /// <summary>Shared host side of the link kernels: checks, uploads, the kernel's real scalars first, then the buffers.</summary>
    private void LinkBatch(string function, double[] scalars, int links, int candidates,
        ReadOnlySpan<double> length, ReadOnlySpan<double> roughness, ReadOnlySpan<double> minorK,
        ReadOnlySpan<double> diameter, ReadOnlySpan<double> flow,
        Span<double> headLoss, Span<double> velocity, Span<double> reynolds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(links);
        ArgumentOutOfRangeException.ThrowIfNegative(candidates);
        long total = (long)links * candidates;
        if (total > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(candidates), "links × candidates exceeds the kernel's int index range");
        RequireLength(length, links, nameof(length));
        RequireLength(roughness, links, nameof(roughness));
        RequireLength(minorK, links, nameof(minorK));
        RequireLength(diameter, total, nameof(diameter));
        RequireLength(flow, total, nameof(flow));
        RequireLength<double>(headLoss, total, nameof(headLoss));
        RequireLength<double>(velocity, total, nameof(velocity));
        RequireLength<double>(reynolds, total, nameof(reynolds));
        if (total == 0) return;

        lock (Gate)
        {
            var kernel = Kernel("head_loss.cl", function);
            using var len = UploadReal(length[..links]);
            using var c = UploadReal(roughness[..links]);
            using var k = UploadReal(minorK[..links]);
            using var d = UploadReal(diameter[..(int)total]);
            using var q = UploadReal(flow[..(int)total]);
            using var h = RentReal(total);
            using var v = RentReal(total);
            using var re = RentReal(total);
            kernel.SetArg(0, links).SetArg(1, candidates);
            int arg = 2;
            foreach (double scalar in scalars) SetRealArg(kernel, arg++, scalar);
            kernel.SetArg(arg++, len.Buffer).SetArg(arg++, c.Buffer).SetArg(arg++, k.Buffer).SetArg(arg++, d.Buffer).SetArg(arg++, q.Buffer)
                .SetArg(arg++, h.Buffer).SetArg(arg++, v.Buffer).SetArg(arg, re.Buffer);
            kernel.Launch(total, LocalSize1D);
            DownloadReal(h.Buffer, headLoss[..(int)total]);
            DownloadReal(v.Buffer, velocity[..(int)total]);
            DownloadReal(re.Buffer, reynolds[..(int)total]);
        }
    }

    private static void RequireLength<T>(ReadOnlySpan<T> span, long needed, string name)
    {
        if (span.Length < needed) throw new ArgumentException($"{name} has {span.Length} values; {needed} needed", name);
    }
}
