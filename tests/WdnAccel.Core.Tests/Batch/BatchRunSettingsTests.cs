using WdnAccel.Core.Batch;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Tests.Batch;

/// <summary>run.json round-trips, compares what changes a record and nothing else, and planned ids name their algorithm.</summary>
public sealed class BatchRunSettingsTests
{
    private static readonly BatchRunSettings Run = new("optimize", 1, null, 2000, "simd", "auto", "0/4", "0.1.0", "/data/sweep.wdnb");

    [Fact]
    public void A_corrupt_run_json_is_named_with_a_clean_position()
    {
        string dir = Path.Combine(Path.GetTempPath(), "wdnaccel-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "run.json"), [0xff, 0xfe]);
        var e = Assert.Throws<InvalidInputException>(() => BatchRunSettings.Read(dir));
        Assert.Contains("run.json", e.Message);
        Assert.Contains("not a batch run's settings", e.Message);
        Assert.DoesNotContain("LineNumber", e.Message);
    }

    [Fact]
    public void Run_json_round_trips_and_compares_what_changes_a_record()
    {
        string dir = Path.Combine(Path.GetTempPath(), "wdnaccel-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        Assert.Null(BatchRunSettings.Read(dir));
        Run.Write(dir);
        Assert.Equal(Run, BatchRunSettings.Read(dir));

        Assert.Empty(Run.Differences(Run with { Input = "/elsewhere/sweep.wdnb" })); // a moved input resumes
        var changed = Run with { Seed = 7, Algorithm = "ga", Evaluations = null, Backend = "cuda", Shard = "1/4" };
        Assert.Equal(["--seed", "--algorithm", "--evaluations", "--backend", "--shard"], changed.Differences(Run).Select(d => d.Option));
        Assert.Equal(["--seed", "--algorithm", "--evaluations", "--backend"], changed.Differences(Run, shard: false).Select(d => d.Option));
        Assert.Equal("--seed 7 now, 1 then; --algorithm ga now, none (each scenario's) then",
            BatchRunSettings.Describe(changed.Differences(Run).Take(2).ToList()));

        File.WriteAllText(Path.Combine(dir, BatchRunSettings.FileName), "{\"format\": \"something else\"}");
        Assert.Throws<InvalidInputException>(() => BatchRunSettings.Read(dir));
    }

    [Theory]
    [InlineData("TLN|de|demand=1|seed=1", "de")]
    [InlineData("a|b|ga|demand=0.9|seed=12", "ga")] // a scenario name holding '|'
    [InlineData("two-loop.wdn", null)]
    [InlineData("TLN|de|seed=1", null)]
    public void A_planned_job_id_names_its_algorithm(string id, string? algorithm) => Assert.Equal(algorithm, BatchPlan.AlgorithmOf(id));

    [Theory]
    [InlineData("DE", "de")]
    [InlineData("ga-coa-sa", "gacoasa")]
    [InlineData(" shade ", "shade")]
    public void Batch_algorithms_are_canonical(string name, string canonical) => Assert.Equal(canonical, BatchAlgorithms.Check(name));

    [Theory]
    [InlineData("nsga2", "not a batch algorithm")]
    [InlineData("cor", "did you mean cro?")]
    public void Nsga2_and_unknown_names_are_refused(string name, string message) =>
        Assert.Contains(message, Assert.Throws<InvalidInputException>(() => BatchAlgorithms.Check(name, "m.csv", 3, "algorithm")).Message);
}
