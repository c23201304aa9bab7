using WdnAccel.Core.Batch;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Kernels.Tests.Ilgpu;

namespace WdnAccel.Kernels.Tests.Hydraulics;

/// <summary>
/// Batch simulate jobs of one network are packed into one device batch (a lane per job). A packed job's record must be
/// the one it gets alone (a batch of one), byte for byte apart from timings, on every backend; otherwise shards or a
/// resumed run, which pack differently, would not equal the unsharded run.
/// </summary>
[Collection(IlgpuCollection.Name)]
public class SimulationPackTests
{
    private static Scenario Load(string name) =>
        ScenarioFile.Load(Path.Combine(HydraulicsTestData.Root, "data", "scenarios", name + ".wdn")).Scenario;

    /// <summary>Hanoi and two-loop variants (random catalog designs, demand multipliers) interleaved, and a broken job.</summary>
    private static List<BatchJob> Jobs()
    {
        var rng = new Random(5);
        var jobs = new List<BatchJob>();
        foreach (var (name, count) in new[] { ("HAN", 14), ("TLN", 5) })
        {
            var s = Load(name);
            for (int v = 0; v < count; v++)
            {
                var pipes = s.Network.Pipes.Select(p => s.Design!.DecisionPipes.Contains(p.Id)
                    ? p with { Diameter = s.Design.Catalog[rng.Next(s.Design.Catalog.Count)].Diameter } : p).ToList();
                var options = s.Network.Options with { DemandMultiplier = 0.8 + 0.1 * (v % 4) };
                var variant = s with { Name = $"{name}-{v}", Network = s.Network with { Pipes = pipes, Options = options } };
                jobs.Add(new BatchJob(variant.Name, BatchJobKind.Simulate, name + ".wdn", jobs.Count) { Scenario = variant });
            }
        }
        var han = Load("HAN");
        var broken = han with { Name = "broken", Network = han.Network with { Pipes = [.. han.Network.Pipes, han.Network.Pipes[0] with { Id = "X", Node2 = "nowhere" }] } };
        jobs.Insert(7, new BatchJob("broken", BatchJobKind.Simulate, "broken.wdn", 0) { Scenario = broken });
        // Interleave the networks so that packing has to group, not just cut runs.
        return jobs.OrderBy(j => j.Id.Length % 3).ThenBy(j => j.Id, StringComparer.Ordinal).Select((j, i) => j with { Index = i }).ToList();
    }

    [Theory]
    [MemberData(nameof(EveryBackend.Names), MemberType = typeof(EveryBackend))]
    public void A_packed_job_gets_the_record_it_gets_alone(string backendName)
    {
        var backend = EveryBackend.Create(backendName);
        var settings = new BatchSettings { Seed = 3 };
        var jobs = Jobs();
        var pack = new BatchSimulationPack(settings, backend);
        foreach (var job in jobs) pack.Add(job);
        var packed = pack.Flush();
        Assert.Equal(2, pack.Batches); // Hanoi's 14 variants in one batch, two-loop's 5 in another
        Assert.Equal(jobs.Select(j => j.Id), packed.Select(r => r.Job));
        for (int i = 0; i < jobs.Count; i++)
        {
            var alone = BatchJobRunner.Run(jobs[i], settings, backend);
            Assert.Equal(Convert.ToHexString(alone.EncodeWithoutTimings()), Convert.ToHexString(packed[i].EncodeWithoutTimings()));
        }
        var failed = Assert.Single(packed, r => r.Status == "failed");
        Assert.Equal("broken", failed.Job);
        Assert.Contains("nowhere", failed["error"]!.AsString());
        // The lanes really differ: the variants' lowest pressures are not all one value.
        var pressures = packed.Where(r => r.Job.StartsWith("HAN", StringComparison.Ordinal)).Select(r => r["min_pressure"]!.AsDouble()).Distinct().Count();
        Assert.True(pressures > 10, $"only {pressures} distinct Hanoi minimum pressures");
    }
}
