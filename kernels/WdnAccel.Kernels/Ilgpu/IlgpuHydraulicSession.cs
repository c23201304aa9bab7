using ILGPU;
using ILGPU.Runtime;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// A hydraulic session on an ILGPU accelerator for one (network, K): the network's tables uploaded once, every
/// per-lane buffer, and the loaded GGA and limits kernels, all owned here and freed by <see cref="Dispose"/>.
/// A solve sends only the inputs that changed since the last one (host copies of what the device holds) and brings
/// back statuses and trial counts, plus heads, flows and closed flags when the batch asks for outputs on the host;
/// the limits kernel then reads the heads where they are. Nothing is shared with other sessions.
/// </summary>
public sealed class IlgpuHydraulicSession : IHydraulicSession
{
    private readonly Accelerator _accelerator;
    private readonly List<MemoryBuffer> _owned = [];
    private readonly DeviceGgaNetwork _network;
    private readonly DeviceGgaLanes _lanes;
    private readonly Action<Index1D, DeviceGgaNetwork, DeviceGgaLanes> _gga;
    private readonly Action<Index1D, DeviceDesignLimits, DeviceGgaLanes, ArrayView<double>, ArrayView<double>> _limits;
    private readonly double[] _lastDiameter, _lastRoughness, _lastDemand, _lastFixedHead;
    private readonly byte[] _status;
    private bool _hasInputs;
    /// <summary>True while the device holds the outputs of the last solve that the host does not (OutputsToHost false).</summary>
    private bool _outputsOnDeviceOnly;

    public IlgpuHydraulicSession(Accelerator accelerator, CompiledNetwork network, int lanes)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        long largest = (long)Math.Max(network.FactorSize, Math.Max(network.NodeCount, network.LinkCount)) * lanes;
        if (largest > int.MaxValue)
            throw new InsufficientMemoryException($"a device batch of {lanes:N0} lanes of this network needs arrays of {largest:N0} elements; the GPU kernels index up to 2³¹: reduce --batch or --population");
        _accelerator = accelerator;
        Network = network;
        Lanes = lanes;
        try
        {
            _network = UploadNetwork(network);
            long k = lanes;
            _lanes = new DeviceGgaLanes
            {
                Count = lanes,
                Active = lanes,
                Diameter = Allocate<double>(network.PipeCount * k),
                Roughness = Allocate<double>(network.PipeCount * k),
                Demand = Allocate<double>(network.JunctionCount * k),
                FixedHead = Allocate<double>(network.FixedCount * k),
                Head = Allocate<double>(network.NodeCount * k),
                Flow = Allocate<double>(network.LinkCount * k),
                Closed = Allocate<byte>(network.LinkCount * k),
                Status = Allocate<byte>(k),
                Iterations = Allocate<int>(k),
                RelativeError = Allocate<double>(k),
                Resistance = Allocate<double>(network.PipeCount * k),
                MinorCoefficient = Allocate<double>(network.PipeCount * k),
                P = Allocate<double>(network.LinkCount * k),
                Y = Allocate<double>(network.LinkCount * k),
                Factor = Allocate<double>(network.FactorSize * k),
                Rhs = Allocate<double>(network.JunctionCount * k),
            };
            _gga = accelerator.LoadAutoGroupedStreamKernel<Index1D, DeviceGgaNetwork, DeviceGgaLanes>(HydraulicKernels.Gga);
            _limits = accelerator.LoadAutoGroupedStreamKernel<Index1D, DeviceDesignLimits, DeviceGgaLanes, ArrayView<double>, ArrayView<double>>(HydraulicKernels.DesignLimits);
        }
        catch (Exception e) when (e is ILGPU.Runtime.AcceleratorException or OutOfMemoryException)
        {
            Dispose();
            throw new InsufficientMemoryException($"the device cannot hold a hydraulic batch of {lanes:N0} lanes of this network ({e.Message}); reduce --batch or --population", e);
        }
        _lastDiameter = new double[network.PipeCount * lanes];
        _lastRoughness = new double[network.PipeCount * lanes];
        _lastDemand = new double[network.JunctionCount * lanes];
        _lastFixedHead = new double[network.FixedCount * lanes];
        _status = new byte[lanes];
    }

    public CompiledNetwork Network { get; }
    public int Lanes { get; }

    /// <summary>Input arrays sent to the device so far (a test checks that unchanged inputs stay put).</summary>
    public int InputUploads { get; private set; }

    public void Solve(HydraulicBatch batch)
    {
        HydraulicSessions.RequireShape(this, batch);
        Sync(batch.Diameter, _lastDiameter, _lanes.Diameter);
        Sync(batch.Roughness, _lastRoughness, _lanes.Roughness);
        Sync(batch.Demand, _lastDemand, _lanes.Demand);
        Sync(batch.FixedHead, _lastFixedHead, _lanes.FixedHead);
        _hasInputs = true;
        if (batch.ActiveLanes > 0) _gga(batch.ActiveLanes, _network, _lanes with { Active = batch.ActiveLanes });
        _accelerator.Synchronize();
        _lanes.Status.CopyToCPU(_status);
        for (int lane = 0; lane < Lanes; lane++) batch.Status[lane] = (LaneStatus)_status[lane];
        _lanes.Iterations.CopyToCPU(batch.Iterations);
        if (batch.OutputsToHost) CopyOutputs(batch);
        _outputsOnDeviceOnly = !batch.OutputsToHost;
    }

    /// <summary>
    /// The limits kernel on the device when the limits do not depend on the demand case (the usual design block);
    /// otherwise the host SIMD kernel, after fetching the outputs if they are still on the device.
    /// </summary>
    public void EvaluateDesignLimits(HydraulicBatch batch, DesignFeasibility limits, ReadOnlySpan<int> caseOfLane, Span<double> margin, Span<double> violation)
    {
        HydraulicSessions.RequireShape(this, batch);
        if (!limits.CaseIndependent)
        {
            if (_outputsOnDeviceOnly) CopyOutputs(batch);
            _outputsOnDeviceOnly = false;
            DesignLimitsKernel.Evaluate(batch, limits, caseOfLane, margin, violation);
            return;
        }
        int active = batch.ActiveLanes;
        using var elevation = _accelerator.Allocate1D(Network.Elevation);
        using var minPressure = _accelerator.Allocate1D(limits.MinPressure[0]);
        using var maxPressure = _accelerator.Allocate1D(limits.MaxPressure.ToArray());
        using var minHead = _accelerator.Allocate1D(limits.MinHead.ToArray());
        using var marginOut = _accelerator.Allocate1D<double>(Math.Max(active, 1));
        using var violationOut = _accelerator.Allocate1D<double>(Math.Max(active, 1));
        var table = new DeviceDesignLimits
        {
            Junctions = Network.JunctionCount,
            Pipes = Network.PipeCount,
            CheckVelocity = limits.MinVelocity is not null || limits.MaxVelocity is not null ? 1 : 0,
            MinVelocity = limits.MinVelocity ?? 0,
            MaxVelocity = limits.MaxVelocity ?? double.PositiveInfinity,
            Elevation = elevation.View,
            MinPressure = minPressure.View,
            MaxPressure = maxPressure.View,
            MinHead = minHead.View,
        };
        if (active > 0)
        {
            _limits(active, table, _lanes with { Active = active }, marginOut.View, violationOut.View);
            _accelerator.Synchronize();
            ((ArrayView<double>)marginOut.View).SubView(0, active).CopyToCPU(margin[..active]);
            ((ArrayView<double>)violationOut.View).SubView(0, active).CopyToCPU(violation[..active]);
        }
    }

    public void Dispose()
    {
        foreach (var buffer in _owned) buffer.Dispose();
        _owned.Clear();
    }

    private void CopyOutputs(HydraulicBatch batch)
    {
        _lanes.Head.CopyToCPU(batch.Head);
        _lanes.Flow.CopyToCPU(batch.Flow);
        _lanes.Closed.CopyToCPU(batch.Closed);
        _lanes.RelativeError.CopyToCPU(batch.RelativeError);
    }

    private void Sync(double[] source, double[] last, ArrayView<double> device)
    {
        if (source.Length == 0) return;
        if (_hasInputs && source.AsSpan().SequenceEqual(last)) return;
        device.CopyFromCPU(source);
        source.CopyTo(last, 0);
        InputUploads++;
    }

    private ArrayView<T> Allocate<T>(long length) where T : unmanaged
    {
        var buffer = _accelerator.Allocate1D<T>(Math.Max(length, 1));
        _owned.Add(buffer);
        // Zeroed, as a new HydraulicBatch is: lanes past ActiveLanes come back as they were (pending, 0 trials).
        buffer.MemSetToZero();
        return buffer.View.SubView(0, length);
    }

    private ArrayView<T> Upload<T>(T[] values) where T : unmanaged
    {
        var view = Allocate<T>(values.Length);
        if (values.Length > 0) view.CopyFromCPU(values);
        return view;
    }

    private DeviceGgaNetwork UploadNetwork(CompiledNetwork net) => new()
    {
        Junctions = net.JunctionCount,
        Fixed = net.FixedCount,
        Pipes = net.PipeCount,
        Links = net.LinkCount,
        Trials = net.MaxTrials,
        StatusLinks = net.StatusLinks.Length,
        OmegaValue = net.Omega,
        AccuracyValue = net.Accuracy,
        ViscosityValue = net.Viscosity,
        DarcyWeisbachFlag = net.HeadLoss == HeadLossModel.DarcyWeisbach ? 1 : 0,
        FromView = Upload(net.From),
        ToView = Upload(net.To),
        CodeView = Upload(net.LinkCodes),
        InitiallyClosedView = Upload(net.InitiallyClosed.Select(c => c ? 1 : 0).ToArray()),
        LinkEntryView = Upload(net.LinkEntry),
        PositionView = Upload(net.Position),
        ColumnStartView = Upload(net.ColumnStart),
        RowOfEntryView = Upload(net.RowOfEntry),
        UpdateStartView = Upload(net.UpdateStart),
        UpdateTargetView = Upload(net.UpdateTarget),
        UpdateAView = Upload(net.UpdateA),
        UpdateBView = Upload(net.UpdateB),
        StatusLinkView = Upload(net.StatusLinks),
        LengthView = Upload(net.Length),
        MinorLossView = Upload(net.MinorLoss),
        ElevationView = Upload(net.Elevation),
        PumpH0View = Upload(net.PumpH0),
        PumpRView = Upload(net.PumpR),
        PumpNView = Upload(net.PumpN),
        PumpQ0View = Upload(net.PumpQ0),
        PumpSpeedView = Upload(net.PumpSpeed),
    };
}
