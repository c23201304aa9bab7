using System.Text.Json;
using WdnAccel.Core.Batch;
using WdnAccel.Core.Io.Msgpack;

namespace WdnAccel.Core.Tests.Batch;

/// <summary>
/// summary.json's per-variant figures from hand-made records: cost statistics over feasible replicates only, the hit
/// rate as bench counts it (reaching the best-known cost within 0.1 %) and absent (null) for scaled demands, variants that never mix networks.
/// </summary>
public sealed class BatchSummaryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wdnaccel-summary-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>An optimize record as the runner writes one; <paramref name="cost"/> null for none.</summary>
    private static BatchRecord Optimize(string job, bool feasible, double? cost, double? bestKnown, string algorithm = "de")
    {
        var r = new BatchRecord(job, feasible ? "ok" : "infeasible")
            .Add("algorithm", algorithm)
            .Add("best_cost", cost is { } c ? MessagePackValue.FromDouble(c) : MessagePackValue.Nil)
            .Add("feasible", feasible);
        if (bestKnown is { } k) r.Add("best_known_cost", k);
        return r.Add("kind", "optimize").Add("seconds", 0.5);
    }

    private Dictionary<string, JsonElement> Variants(params BatchRecord[] records)
    {
        BatchSummary.Write(_dir, records);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_dir, BatchSummary.JsonName)));
        return doc.RootElement.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("variant").GetString()!, v => v.Clone());
    }

    [Fact]
    public void Cost_statistics_are_over_feasible_replicates_and_say_how_many()
    {
        // Two feasible replicates and two infeasible ones whose records (as older versions wrote them) carry the
        // least-violating design's cost, far below any feasible one.
        var v = Variants(
            Optimize("HAN|de|demand=1|seed=1", true, 6_200_000, 6_081_000),
            Optimize("HAN|de|demand=1|seed=2", false, 5_089_586, 6_081_000),
            Optimize("HAN|de|demand=1|seed=3", true, 6_400_000, 6_081_000),
            Optimize("HAN|de|demand=1|seed=4", false, 5_500_000, 6_081_000))["optimize:HAN|de|demand=1"];
        Assert.Equal(4, v.GetProperty("count").GetInt32());
        Assert.Equal(2, v.GetProperty("feasible").GetInt32());
        Assert.Equal(2, v.GetProperty("best_cost_count").GetInt32());
        Assert.Equal(6_300_000, v.GetProperty("best_cost_median").GetDouble());
        Assert.Equal(100_000, v.GetProperty("best_cost_iqr").GetDouble());
        Assert.Equal(0, v.GetProperty("hit_rate").GetDouble()); // infeasible replicates count as misses
    }

    [Fact]
    public void A_variant_without_a_feasible_replicate_states_a_null_median()
    {
        var v = Variants(Optimize("HAN|ga|demand=1|seed=1", false, 5_089_586, 6_081_000), Optimize("HAN|ga|demand=1|seed=2", false, null, 6_081_000))["optimize:HAN|ga|demand=1"];
        Assert.Equal(0, v.GetProperty("feasible").GetInt32());
        Assert.Equal(JsonValueKind.Null, v.GetProperty("best_cost_median").ValueKind);
        Assert.Equal(JsonValueKind.Null, v.GetProperty("best_cost_iqr").ValueKind);
        Assert.Equal(0, v.GetProperty("hit_rate").GetDouble());
    }

    [Fact]
    public void A_hit_reaches_the_best_known_cost_within_a_tenth_of_a_percent_as_bench_counts_it()
    {
        var v = Variants(
            Optimize("TLN|de|demand=1|seed=1", true, 419_000, 419_000),
            Optimize("TLN|de|demand=1|seed=2", true, 419_400, 419_000), // +0.095 %: a hit
            Optimize("TLN|de|demand=1|seed=3", true, 419_500, 419_000), // +0.12 %: a miss
            Optimize("TLN|de|demand=1|seed=4", false, 400_000, 419_000), // infeasible: a miss
            new BatchRecord("TLN|de|demand=1|seed=5", "failed").Add("algorithm", "de").Add("error", "lost").Add("kind", "optimize"))
            ["optimize:TLN|de|demand=1"]; // failed, with no best-known cost of its own: a miss still
        Assert.Equal(0.4, v.GetProperty("hit_rate").GetDouble());
    }

    [Fact]
    public void A_scaled_variant_has_no_best_known_cost_and_no_hit_rate()
    {
        // Records of a stream planned before scaled variants dropped the unscaled cost still carry it.
        var v = Variants(
            Optimize("TLN|shade|demand=0.8|seed=1", true, 366_000, 419_000),
            Optimize("TLN|shade|demand=0.8|seed=2", true, 366_000, null));
        var scaled = v["optimize:TLN|shade|demand=0.8"];
        Assert.Equal(JsonValueKind.Null, scaled.GetProperty("hit_rate").ValueKind);
        Assert.Null(BatchSummary.BestKnownCost(Optimize("TLN|shade|demand=0.8|seed=1", true, 366_000, 419_000)));
        Assert.Equal(419_000, BatchSummary.BestKnownCost(Optimize("TLN|shade|demand=1|seed=1", true, 366_000, 419_000)));
    }

    [Fact]
    public void Folder_jobs_are_variants_per_scenario_with_the_algorithm_failed_ones_included()
    {
        var failed = new BatchRecord("broken.json", "failed").Add("algorithm", "shade").Add("error", "broken.json: ends early").Add("kind", "optimize");
        var v = Variants(
            Optimize("TLN.wdn", true, 419_000, 419_000, "shade"),
            Optimize("GOY.wdn", true, 177_000, null, "shade"),
            failed);
        Assert.Equal(["optimize:GOY.wdn|shade", "optimize:TLN.wdn|shade", "optimize:broken.json|shade"], v.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(419_000, v["optimize:TLN.wdn|shade"].GetProperty("best_cost_median").GetDouble());
        Assert.Equal(1, v["optimize:broken.json|shade"].GetProperty("failed").GetInt32());
    }
}
