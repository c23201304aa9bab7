using WdnAccel.Core.Lp;

namespace WdnAccel.Core.Problems;

/// <summary>
/// One plant, zone or source of a <see cref="SupplyAllocationReport"/>: its flow (throughput, supplied or used),
/// its bound (capacity or demand) and its dual (value of capacity or marginal cost of demand), exact where certified.
/// </summary>
public sealed record SupplyAllocationReportLine(string Id, double Value, Rational? ValueExact, double Bound, double? Dual, Rational? DualExact);
