namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// One line of a device check: a parity comparison (<see cref="Passed"/> with the largest deviation seen) or a
/// throughput figure (<see cref="PerSecond"/>, with the SIMD backend's figure on the same machine beside it).
/// </summary>
public sealed record DeviceCheckRow(string Check, string Subject, bool Passed, string Detail,
    double? MaxDeviation = null, double? PerSecond = null, double? SimdPerSecond = null, double? Seconds = null);
