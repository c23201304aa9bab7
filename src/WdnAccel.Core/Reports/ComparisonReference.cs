namespace WdnAccel.Core.Reports;

/// <summary>
/// The cost a solver comparison measures success against: a published best-known cost, or, for a problem without
/// one, the least cost found by any algorithm and seed of the same comparison.
/// </summary>
public sealed record ComparisonReference(double Cost, string Source)
{
    public const string Published = "published best-known cost";
    public const string BestFoundHere = "best cost found in this comparison (no published best-known cost)";

    public bool IsPublished => Source == Published;
}
