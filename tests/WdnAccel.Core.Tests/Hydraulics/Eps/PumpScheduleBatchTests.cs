using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Model;
using WdnAccel.Tests.Shared;
using Xunit;

namespace WdnAccel.Core.Tests.Hydraulics.Eps;

/// <summary>A schedule in the batch gives what the plain engine gives for the same schedule written as a speed pattern.</summary>
public sealed class PumpScheduleBatchTests
{
    private static Network Net1() => InpReader.ReadFile(RepoPaths.Data("networks", "Net1.inp")).Scenario.Network;

    [Fact]
    public void A_batch_schedule_equals_a_single_run_with_that_schedule_as_the_pump_pattern()
    {
        var net1 = Net1() with { Energy = new EnergySettings { GlobalPrice = 0.1 } };
        var batch = PumpScheduleBatch.Run(net1, 16, seed: 3, threads: 2);
        foreach (int i in new[] { 0, 5, 15 })
        {
            var c = batch.Candidates[i];
            var single = net1 with
            {
                Controls = [],
                Patterns = [.. net1.Patterns, new Pattern("schedule", c.Speeds[0]!)],
                Pumps = [net1.Pumps[0] with { PatternId = "schedule" }],
            };
            var run = ExtendedPeriodSimulation.Run(single);
            Assert.Equal(run.Energy.KilowattHours.Sum(), c.KilowattHours, 9);
            Assert.Equal(run.Energy.Cost.Sum(), c.EnergyCost, 9);
            var last = run.Steps[^1];
            Assert.Equal(last.TankLevel[0] - run.Steps[0].TankLevel[0], c.TankLevelChange[0], 9);
        }
        Assert.Contains(batch.Notes, n => n.Contains("2 simple control(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void Schedules_depend_on_seed_and_index_only()
    {
        var a = PumpScheduleBatch.Schedule(1, 12, 5, 9, 0.5);
        var b = PumpScheduleBatch.Schedule(1, 12, 5, 9, 0.5);
        var c = PumpScheduleBatch.Schedule(1, 12, 5, 10, 0.5);
        Assert.Equal(a[0], b[0]);
        Assert.NotEqual(a[0], c[0]);
    }

    [Fact]
    public void A_network_without_pumps_or_duration_is_refused_with_the_reason()
    {
        var net1 = Net1();
        var e1 = Assert.Throws<WdnAccel.Core.Io.InvalidInputException>(() => PumpScheduleBatch.Run(net1 with { Times = new SimulationTimes() }, 4, 1, 1));
        Assert.Contains("DURATION", e1.Message);
        var e2 = Assert.Throws<WdnAccel.Core.Io.InvalidInputException>(() => PumpScheduleBatch.Run(net1 with { Pumps = [] }, 4, 1, 1));
        Assert.Contains("pumps", e2.Message);
    }
}
