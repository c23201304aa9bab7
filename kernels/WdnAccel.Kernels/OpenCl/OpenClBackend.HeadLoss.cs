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
        double viscosity = LinkFormulas.WaterViscosity20C)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(links);
        ArgumentOutOfRangeException.ThrowIfNegative(candidates);
        long total = (long)links * candidates;
        if (total > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(candidates), "links × candidates exceeds the kernel's int index range");
        RequireLength(length, links, nameof(length));
        RequireLength(roughnessC, links, nameof(roughnessC));
        RequireLength(minorK, links, nameof(minorK));
        RequireLength(diameter, total, nameof(diameter));
        RequireLength(flow, total, nameof(flow));
        RequireLength<double>(headLoss, total, nameof(headLoss));
        RequireLength<double>(velocity, total, nameof(velocity));
        RequireLength<double>(reynolds, total, nameof(reynolds));
        if (total == 0) return;

        lock (Gate)
        {
            var kernel = Kernel("head_loss.cl", "hw_head_loss_batch");
            using var len = UploadReal(length[..links]);
            using var c = UploadReal(roughnessC[..links]);
            using var k = UploadReal(minorK[..links]);
            using var d = UploadReal(diameter[..(int)total]);
            using var q = UploadReal(flow[..(int)total]);
            using var h = RentReal(total);
            using var v = RentReal(total);
            using var re = RentReal(total);
            kernel.SetArg(0, links).SetArg(1, candidates);
            SetRealArg(kernel, 2, omega);
            SetRealArg(kernel, 3, LinkFormulas.HazenWilliamsFlowExponent);
            SetRealArg(kernel, 4, LinkFormulas.HazenWilliamsDiameterExponent);
            SetRealArg(kernel, 5, LinkFormulas.Gravity);
            SetRealArg(kernel, 6, viscosity);
            kernel.SetArg(7, len.Buffer).SetArg(8, c.Buffer).SetArg(9, k.Buffer).SetArg(10, d.Buffer).SetArg(11, q.Buffer)
                .SetArg(12, h.Buffer).SetArg(13, v.Buffer).SetArg(14, re.Buffer);
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
