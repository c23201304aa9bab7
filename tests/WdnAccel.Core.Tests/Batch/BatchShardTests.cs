using WdnAccel.Core.Batch;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Tests.Batch;

public sealed class BatchShardTests
{
    [Fact]
    public void Shards_partition_the_jobs_and_keep_a_job_in_its_shard()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => $"scenario-{i}.wdn").ToList();
        var shards = Enumerable.Range(0, 4).Select(i => new BatchShard(i, 4)).ToList();
        foreach (var id in ids) Assert.Single(shards, s => s.Contains(id));
        Assert.All(shards, s => Assert.InRange(ids.Count(s.Contains), 200, 300)); // the hash spreads them
        Assert.True(BatchShard.All.Contains("anything"));
    }

    [Theory]
    [InlineData("0/4", 0, 4)]
    [InlineData("3/4", 3, 4)]
    [InlineData("0/1", 0, 1)]
    public void Parses_i_of_n(string text, int i, int n) => Assert.Equal(new BatchShard(i, n), BatchShard.Parse(text));

    [Theory]
    [InlineData("4/4")]
    [InlineData("-1/4")]
    [InlineData("1/0")]
    [InlineData("a/b")]
    [InlineData("2")]
    public void Rejects_what_is_not_i_of_n(string text)
    {
        var e = Assert.Throws<InvalidInputException>(() => BatchShard.Parse(text));
        Assert.Equal("--shard", e.Field);
    }

    [Fact]
    public void A_slurm_job_array_names_the_shard()
    {
        var env = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "3", ["SLURM_ARRAY_TASK_COUNT"] = "4", ["SLURM_ARRAY_TASK_MIN"] = "1" };
        Assert.Equal(new BatchShard(2, 4), BatchShard.FromSlurm(k => env.GetValueOrDefault(k)));
        Assert.Null(BatchShard.FromSlurm(_ => null));
    }

    [Fact]
    public void Job_seeds_depend_on_the_batch_seed_and_the_id_only()
    {
        Assert.Equal(BatchSeeds.For(7, "HAN.wdn"), BatchSeeds.For(7, "HAN.wdn"));
        Assert.NotEqual(BatchSeeds.For(7, "HAN.wdn"), BatchSeeds.For(8, "HAN.wdn"));
        Assert.NotEqual(BatchSeeds.For(7, "HAN.wdn"), BatchSeeds.For(7, "TLN.wdn"));
        Assert.True(BatchSeeds.For(7, "HAN.wdn") >= 0);
        Assert.Equal(0xaf63dc4c8601ec8cUL, BatchSeeds.StableHash("a")); // FNV-1a 64 of "a", the published test vector
    }

    [Fact]
    public void Quartiles_interpolate_between_ranks()
    {
        double[] x = [1, 2, 3, 4, 10];
        Assert.Equal(3, WdnAccel.Core.Reports.SampleQuantiles.Quantile(x, 0.5));
        Assert.Equal(2, WdnAccel.Core.Reports.SampleQuantiles.Quantile(x, 0.25));
        Assert.Equal(4, WdnAccel.Core.Reports.SampleQuantiles.Quantile(x, 0.75));
        Assert.Equal(2.5, WdnAccel.Core.Reports.SampleQuantiles.Quantile([1, 2, 3, 4], 0.5));
    }
}
