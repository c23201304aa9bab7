using System.Runtime.InteropServices;

namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// Whether two compiled networks differ only in what a <see cref="HydraulicBatch"/> holds per lane (pipe diameters and
/// roughness, junction demands, fixed heads), so that one batch of the first solves both: same ids in the same order,
/// elevations, topology, lengths, minor losses, pumps and their curves, valves (types, settings, curves), closed links, controls on junction pressure, emitters, PDA,
/// formula and solver options (ACCURACY, TRIALS, CHECKFREQ, MAXCHECK, DAMPLIMIT, HEADERROR, FLOWCHANGE). Batch runs use it to
/// pack simulate jobs of one network (design or demand variants) into common device batches.
/// </summary>
public static class NetworkStructure
{
    /// <summary>A hash of everything <see cref="Same"/> compares (equal structures, equal hashes).</summary>
    public static int Hash(CompiledNetwork n)
    {
        var h = new HashCode();
        h.Add(n.JunctionCount);
        h.Add(n.FixedCount);
        h.Add(n.PipeCount);
        h.Add(n.PumpCount);
        h.Add(n.ValveCount);
        h.Add(n.Omega);
        h.Add(n.HeadLoss);
        h.Add(n.Viscosity);
        h.Add(n.Accuracy);
        h.Add(n.MaxTrials);
        foreach (var id in n.NodeIds) h.Add(id);
        foreach (var id in n.LinkIds) h.Add(id);
        h.AddBytes(MemoryMarshal.AsBytes(n.Elevation.AsSpan()));
        h.AddBytes(MemoryMarshal.AsBytes(n.From.AsSpan()));
        h.AddBytes(MemoryMarshal.AsBytes(n.To.AsSpan()));
        h.AddBytes(MemoryMarshal.AsBytes(n.Length.AsSpan()));
        h.AddBytes(MemoryMarshal.AsBytes(n.LinkCodes.AsSpan()));
        return h.ToHashCode();
    }

    /// <summary>True when a batch compiled from <paramref name="a"/> solves <paramref name="b"/>'s lanes exactly as <paramref name="b"/>'s own would.</summary>
    public static bool Same(CompiledNetwork a, CompiledNetwork b) =>
        ReferenceEquals(a, b) ||
        a.JunctionCount == b.JunctionCount && a.FixedCount == b.FixedCount && a.PipeCount == b.PipeCount && a.PumpCount == b.PumpCount
        && a.Omega.Equals(b.Omega) && a.HeadLoss == b.HeadLoss && a.Viscosity.Equals(b.Viscosity) && a.Accuracy.Equals(b.Accuracy)
        && a.MaxTrials == b.MaxTrials && a.FactorSize == b.FactorSize
        && a.NodeIds.AsSpan().SequenceEqual(b.NodeIds) && a.LinkIds.AsSpan().SequenceEqual(b.LinkIds)
        && Bits(a.Elevation, b.Elevation) && a.From.AsSpan().SequenceEqual(b.From) && a.To.AsSpan().SequenceEqual(b.To)
        && a.Kind.AsSpan().SequenceEqual(b.Kind) && a.InitiallyClosed.AsSpan().SequenceEqual(b.InitiallyClosed)
        && Bits(a.Length, b.Length) && Bits(a.MinorLoss, b.MinorLoss)
        && Bits(a.PumpH0, b.PumpH0) && Bits(a.PumpR, b.PumpR) && Bits(a.PumpN, b.PumpN) && Bits(a.PumpQ0, b.PumpQ0)
        && Bits(a.PumpSpeed, b.PumpSpeed) && a.PumpConstantPower.AsSpan().SequenceEqual(b.PumpConstantPower)
        && a.Order.AsSpan().SequenceEqual(b.Order) && a.ColumnStart.AsSpan().SequenceEqual(b.ColumnStart)
        && a.RowOfEntry.AsSpan().SequenceEqual(b.RowOfEntry) && a.LinkEntry.AsSpan().SequenceEqual(b.LinkEntry)
        && a.LinkCodes.AsSpan().SequenceEqual(b.LinkCodes) && a.StatusLinks.AsSpan().SequenceEqual(b.StatusLinks)
        && a.StartsAtZeroFlow.AsSpan().SequenceEqual(b.StartsAtZeroFlow)
        && a.CheckFrequency == b.CheckFrequency && a.MaxCheck == b.MaxCheck
        && a.DampLimit.Equals(b.DampLimit) && a.HeadError.Equals(b.HeadError) && a.FlowChange.Equals(b.FlowChange)
        && a.PumpCurveStart.AsSpan().SequenceEqual(b.PumpCurveStart) && Bits(a.CurveFlow, b.CurveFlow) && Bits(a.CurveHead, b.CurveHead)
        && a.PressureControlNode.AsSpan().SequenceEqual(b.PressureControlNode) && a.PressureControlLink.AsSpan().SequenceEqual(b.PressureControlLink)
        && Bits(a.PressureControlHead, b.PressureControlHead) && a.PressureControlBelow.AsSpan().SequenceEqual(b.PressureControlBelow)
        && a.PressureControlOpens.AsSpan().SequenceEqual(b.PressureControlOpens)
        && Bits(a.EmitterResistance, b.EmitterResistance) && a.EmitterExponent.Equals(b.EmitterExponent)
        && a.PressureDriven == b.PressureDriven && a.PdaMinimumPressure.Equals(b.PdaMinimumPressure)
        && a.PdaPressureRange.Equals(b.PdaPressureRange) && a.PdaExponent.Equals(b.PdaExponent)
        && a.ValveCount == b.ValveCount && a.ValveTypes.AsSpan().SequenceEqual(b.ValveTypes) && Bits(a.ValveDiameter, b.ValveDiameter)
        && Bits(a.ValveMinorLoss, b.ValveMinorLoss) && Bits(a.ValveSetting, b.ValveSetting) && a.ValveStartsActive.AsSpan().SequenceEqual(b.ValveStartsActive)
        && a.ValveCurveStart.AsSpan().SequenceEqual(b.ValveCurveStart);

    /// <summary>Bit-for-bit equality (so NaN equals NaN and −0 differs from +0, as the solver would see them).</summary>
    private static bool Bits(double[] a, double[] b) =>
        MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.AsSpan()));
}
