using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;

namespace WdnAccel.Kernels.OpenCl;

/// <summary>
/// What Device/gga.cl shares across all lanes of one <see cref="CompiledNetwork"/>: links, elimination order, the
/// symbolic factor pattern with its flat update list, pipe and pump data and the GGA constants. Uploaded once per
/// network (issue 7: topology in global memory, read by every work-item); buffers are owned, not pooled.
/// </summary>
internal sealed class ClGgaTopology : IDisposable
{
    /// <summary>Link kinds as gga.cl's LINK_* values.</summary>
    private const int LinkPipe = 0, LinkCheckValve = 1, LinkPump = 2, LinkConstantPowerPump = 3;

    /// <summary>Number of entries of the constant vector (gga.cl GGA_* indices 0..13).</summary>
    public const int ConstantCount = 14;

    private readonly List<ClBuffer> _owned = [];

    public ClGgaTopology(ClContext context, CompiledNetwork net)
    {
        Network = net;
        int np = net.PipeCount, m = net.LinkCount;
        var kind = new int[m];
        var initClosed = new int[m];
        var statusLinks = new List<int>();
        for (int i = 0; i < m; i++)
        {
            kind[i] = net.Kind[i] switch
            {
                LinkKind.CheckValvePipe => LinkCheckValve,
                LinkKind.Pump => net.PumpConstantPower[i - np] ? LinkConstantPowerPump : LinkPump,
                _ => LinkPipe,
            };
            initClosed[i] = net.InitiallyClosed[i] ? 1 : 0;
            // hydstatus.c: check valves and power-curve pumps change status; a constant-power pump never closes on head.
            if (kind[i] is LinkCheckValve or LinkPump) statusLinks.Add(i);
        }
        StatusLinkCount = statusLinks.Count;

        double[] constants = new double[ConstantCount];
        constants[0] = net.Omega;
        constants[1] = net.Accuracy;
        constants[2] = net.Accuracy * Units.CubicMetersPerCubicFoot;
        constants[3] = GgaConstants.RQtol;
        constants[4] = GgaConstants.CBig;
        constants[5] = GgaConstants.CSmall;
        constants[6] = GgaConstants.Htol;
        constants[7] = GgaConstants.Qtol;
        constants[8] = GgaConstants.QZero;
        constants[9] = GgaConstants.InitialVelocity;
        constants[10] = LinkFormulas.HazenWilliamsFlowExponent;
        constants[11] = LinkFormulas.HazenWilliamsDiameterExponent;
        constants[12] = LinkFormulas.Gravity;
        constants[13] = double.NaN;

        Constants = Upload(context, constants);
        From = Upload(context, net.From);
        To = Upload(context, net.To);
        Kind = Upload(context, kind);
        InitiallyClosed = Upload(context, initClosed);
        LinkEntry = Upload(context, net.LinkEntry);
        Position = Upload(context, net.Position);
        ColumnStart = Upload(context, net.ColumnStart);
        RowOfEntry = Upload(context, net.RowOfEntry);
        UpdateStart = Upload(context, net.UpdateStart);
        UpdateTarget = Upload(context, net.UpdateTarget);
        UpdateA = Upload(context, net.UpdateA);
        UpdateB = Upload(context, net.UpdateB);
        StatusLinks = Upload(context, statusLinks.ToArray());
        Length = Upload(context, net.Length);
        MinorLoss = Upload(context, net.MinorLoss);
        Elevation = Upload(context, net.Elevation);
        PumpH0 = Upload(context, net.PumpH0);
        PumpR = Upload(context, net.PumpR);
        PumpN = Upload(context, net.PumpN);
        PumpQ0 = Upload(context, net.PumpQ0);
        PumpSpeed = Upload(context, net.PumpSpeed);
    }

    public CompiledNetwork Network { get; }
    public int StatusLinkCount { get; }

    public ClBuffer Constants { get; }
    public ClBuffer From { get; }
    public ClBuffer To { get; }
    public ClBuffer Kind { get; }
    public ClBuffer InitiallyClosed { get; }
    public ClBuffer LinkEntry { get; }
    public ClBuffer Position { get; }
    public ClBuffer ColumnStart { get; }
    public ClBuffer RowOfEntry { get; }
    public ClBuffer UpdateStart { get; }
    public ClBuffer UpdateTarget { get; }
    public ClBuffer UpdateA { get; }
    public ClBuffer UpdateB { get; }
    public ClBuffer StatusLinks { get; }
    public ClBuffer Length { get; }
    public ClBuffer MinorLoss { get; }
    public ClBuffer Elevation { get; }
    public ClBuffer PumpH0 { get; }
    public ClBuffer PumpR { get; }
    public ClBuffer PumpN { get; }
    public ClBuffer PumpQ0 { get; }
    public ClBuffer PumpSpeed { get; }

    /// <summary>Binds the shared arguments 8..29 of gga_solve.</summary>
    public void Bind(ClKernel kernel)
    {
        kernel.SetArg(8, Constants)
            .SetArg(9, From).SetArg(10, To).SetArg(11, Kind).SetArg(12, InitiallyClosed).SetArg(13, LinkEntry)
            .SetArg(14, Position).SetArg(15, ColumnStart).SetArg(16, RowOfEntry)
            .SetArg(17, UpdateStart).SetArg(18, UpdateTarget).SetArg(19, UpdateA).SetArg(20, UpdateB).SetArg(21, StatusLinks)
            .SetArg(22, Length).SetArg(23, MinorLoss).SetArg(24, Elevation)
            .SetArg(25, PumpH0).SetArg(26, PumpR).SetArg(27, PumpN).SetArg(28, PumpQ0).SetArg(29, PumpSpeed);
    }

    public void Dispose()
    {
        foreach (var buffer in _owned) buffer.Dispose();
        _owned.Clear();
    }

    /// <summary>An owned buffer holding <paramref name="values"/> (at least one element: OpenCL has no empty buffers).</summary>
    private ClBuffer Upload<T>(ClContext context, T[] values) where T : unmanaged
    {
        var buffer = context.CreateBuffer<T>(Math.Max(values.Length, 1));
        _owned.Add(buffer);
        buffer.Write<T>(values);
        return buffer;
    }
}
