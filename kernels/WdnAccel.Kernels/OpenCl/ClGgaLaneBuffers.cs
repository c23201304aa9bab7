using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.OpenCl;

/// <summary>
/// Per-lane device memory of Device/gga.cl for one <see cref="HydraulicBatch"/> shape (network × K), rented from
/// the backend's <see cref="ClBufferPool"/> and kept while the same batch is solved again (an optimizer's
/// generations). Inputs are uploaded only when they differ from what the device already holds (host copies of the
/// last upload), so a generation that changes only diameters moves only diameters in and the results out.
/// </summary>
internal sealed class ClGgaLaneBuffers : IDisposable
{
    private readonly ClBufferPool _pool;
    private readonly List<ClBuffer> _rented = [];
    private readonly double[] _lastDiameter, _lastRoughness, _lastDemand, _lastFixedHead;
    private bool _hasInputs;

    public ClGgaLaneBuffers(ClBufferPool pool, CompiledNetwork net, int count)
    {
        _pool = pool;
        Network = net;
        Count = count;
        long k = count;
        Diameter = Rent(net.PipeCount * k * sizeof(double));
        Roughness = Rent(net.PipeCount * k * sizeof(double));
        Demand = Rent(net.JunctionCount * k * sizeof(double));
        FixedHead = Rent(net.FixedCount * k * sizeof(double));
        Head = Rent(net.NodeCount * k * sizeof(double));
        Flow = Rent(net.LinkCount * k * sizeof(double));
        Closed = Rent(net.LinkCount * k);
        Status = Rent(k * sizeof(int));
        Iterations = Rent(k * sizeof(int));
        RelativeError = Rent(k * sizeof(double));
        Resistance = Rent(net.PipeCount * k * sizeof(double));
        MinorCoefficient = Rent(net.PipeCount * k * sizeof(double));
        P = Rent(net.LinkCount * k * sizeof(double));
        Y = Rent(net.LinkCount * k * sizeof(double));
        Factor = Rent(net.FactorSize * k * sizeof(double));
        Rhs = Rent(net.JunctionCount * k * sizeof(double));
        _lastDiameter = new double[net.PipeCount * count];
        _lastRoughness = new double[net.PipeCount * count];
        _lastDemand = new double[net.JunctionCount * count];
        _lastFixedHead = new double[net.FixedCount * count];
        StatusScratch = new int[count];
    }

    public CompiledNetwork Network { get; }
    public int Count { get; }

    public ClBuffer Diameter { get; }
    public ClBuffer Roughness { get; }
    public ClBuffer Demand { get; }
    public ClBuffer FixedHead { get; }
    public ClBuffer Head { get; }
    public ClBuffer Flow { get; }
    public ClBuffer Closed { get; }
    public ClBuffer Status { get; }
    public ClBuffer Iterations { get; }
    public ClBuffer RelativeError { get; }
    public ClBuffer Resistance { get; }
    public ClBuffer MinorCoefficient { get; }
    public ClBuffer P { get; }
    public ClBuffer Y { get; }
    public ClBuffer Factor { get; }
    public ClBuffer Rhs { get; }

    /// <summary>Host buffer for the device's int statuses before they become <see cref="LaneStatus"/> bytes.</summary>
    public int[] StatusScratch { get; }

    /// <summary>Input arrays written to the device so far (tests check that unchanged inputs stay put).</summary>
    public int InputUploads { get; private set; }

    /// <summary>Uploads whichever of the batch's four input arrays changed since the last call.</summary>
    public void UploadInputs(HydraulicBatch batch)
    {
        Sync(batch.Diameter, _lastDiameter, Diameter);
        Sync(batch.Roughness, _lastRoughness, Roughness);
        Sync(batch.Demand, _lastDemand, Demand);
        Sync(batch.FixedHead, _lastFixedHead, FixedHead);
        _hasInputs = true;
    }

    /// <summary>Binds the per-lane arguments 30..45 of gga_solve.</summary>
    public void Bind(ClKernel kernel)
    {
        kernel.SetArg(30, Diameter).SetArg(31, Roughness).SetArg(32, Demand).SetArg(33, FixedHead)
            .SetArg(34, Head).SetArg(35, Flow).SetArg(36, Closed).SetArg(37, Status).SetArg(38, Iterations).SetArg(39, RelativeError)
            .SetArg(40, Resistance).SetArg(41, MinorCoefficient).SetArg(42, P).SetArg(43, Y).SetArg(44, Factor).SetArg(45, Rhs);
    }

    public void Dispose()
    {
        foreach (var buffer in _rented) _pool.Return(buffer);
        _rented.Clear();
    }

    private void Sync(double[] source, double[] last, ClBuffer device)
    {
        if (source.Length == 0) return;
        if (_hasInputs && source.AsSpan().SequenceEqual(last)) return;
        device.Write<double>(source);
        source.CopyTo(last, 0);
        InputUploads++;
    }

    private ClBuffer Rent(long bytes)
    {
        var buffer = _pool.Rent(Math.Max(bytes, 1));
        _rented.Add(buffer);
        return buffer;
    }
}
