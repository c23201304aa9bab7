using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Model;
using WdnAccel.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace WdnAccel.Kernels.Tests.Hydraulics;

/// <summary>
/// Pump schedules read from a file, as SIMD lanes and threaded, against each schedule written into the network as the
/// pumps' speed patterns (the controls that switch them removed) and run alone through the scalar engine.
/// </summary>
public sealed class PumpScheduleFileBatchTests(ITestOutputHelper output)
{
    private static Network Net3() => InpReader.ReadFile(RepoPaths.Data("networks", "Net3.inp")).Scenario.Network with
    {
        Energy = new EnergySettings { GlobalPrice = 0.12 },
    };

    private static PumpScheduleList Schedules()
    {
        // Pump 10 on all day, off at night, or at 0.9 speed by day; pump 335 (the file's second pump) on from 6 to 20 h.
        double[] Hours(Func<int, double> f) => Enumerable.Range(0, 24).Select(h => f(h)).ToArray();
        var day = Hours(h => h is >= 6 and < 20 ? 1 : 0);
        return new PumpScheduleList("test.csv", ["10", "335"],
        [
            new ListedPumpSchedule("on", 1, [Hours(_ => 1), day]),
            new ListedPumpSchedule("night-off", 3, [Hours(h => h is >= 5 and < 23 ? 1 : 0), day]),
            new ListedPumpSchedule("slow", 5, [Hours(h => h is >= 6 and < 20 ? 0.9 : 1), Hours(_ => 1)]),
        ]);
    }

    /// <summary>The schedule written into the network: each pump's speeds as its pattern, the controls that switch it gone.</summary>
    private static Network Written(Network network, PumpScheduleList list, int i) => network with
    {
        Controls = network.Controls.Where(c => !list.Pumps.Contains(c.Action.LinkId)).ToArray(),
        Rules = network.Rules.Where(r => !r.Then.Concat(r.Else).Any(a => list.Pumps.Contains(a.LinkId))).ToArray(),
        Patterns = [.. network.Patterns, .. list.Pumps.Select((p, k) => new Pattern($"schedule-{p}", list.Schedules[i].Speeds[k]))],
        Pumps = network.Pumps.Select(p => list.Pumps.Contains(p.Id) ? p with { PatternId = $"schedule-{p.Id}" } : p).ToArray(),
    };

    [Fact]
    public void Each_file_schedule_runs_as_it_does_written_into_the_network_as_speed_patterns()
    {
        var network = Net3();
        var list = Schedules();
        using var backend = new Simd.SimdBackend(2);
        var batched = PumpScheduleBatch.RunBatched(network, list, backend, threads: 2, lanes: 2);
        var threaded = PumpScheduleBatch.Run(network, list, threads: 2);
        Assert.Equal("batched", batched.Path);
        Assert.Contains(batched.Notes, n => n.Contains("simple control(s)", StringComparison.Ordinal));
        double worstPressure = 0, worstEnergy = 0;
        for (int i = 0; i < list.Schedules.Count; i++)
        {
            var alone = RunAlone(Written(network, list, i));
            foreach (var c in new[] { batched.Candidates[i], threaded.Candidates[i] })
            {
                Assert.Equal(list.Schedules[i].Id, c.Id);
                Assert.Equal(list.Schedules[i].Speeds[0], c.Speeds[0]);
                Assert.Equal(list.Schedules[i].Speeds[1], c.Speeds[1]);
                Assert.Equal(alone.Converged, c.Converged);
                Assert.Equal(alone.CutOffSteps, c.CutOffSteps);
                worstEnergy = Math.Max(worstEnergy, Math.Abs(c.KilowattHours - alone.KilowattHours) / alone.KilowattHours);
                if (alone.CutOffSteps == 0) worstPressure = Math.Max(worstPressure, Math.Abs(c.MinPressure - alone.MinPressure));
            }
        }
        output.WriteLine($"worst lowest-pressure difference {worstPressure:G3} m, worst relative energy difference {worstEnergy:G3}");
        Assert.True(worstPressure <= 1e-6, $"{worstPressure:G3} m");
        Assert.True(worstEnergy <= 1e-6, $"{worstEnergy:G3}");
        Assert.True(batched.Candidates.Select(c => c.KilowattHours).Distinct().Count() == 3);
    }

    [Fact]
    public void A_daily_schedule_repeats_every_day_of_a_longer_run()
    {
        var network = Net3() with { Times = Net3().Times with { Duration = 48 * 3600 } };
        var list = Schedules();
        using var backend = new Simd.SimdBackend(2);
        var batched = PumpScheduleBatch.RunBatched(network, list, backend, threads: 2);
        for (int i = 0; i < list.Schedules.Count; i++)
        {
            var alone = RunAlone(Written(network, list, i));
            Assert.Equal(alone.KilowattHours, batched.Candidates[i].KilowattHours, alone.KilowattHours * 1e-6);
        }
    }

    private sealed record Alone(double KilowattHours, double MinPressure, int CutOffSteps, bool Converged);

    private static Alone RunAlone(Network written)
    {
        var net = EpsNetwork.Compile(written);
        var summary = new EpsRunSummary(net);
        var run = ExtendedPeriodSimulation.Run(net, new EpsSolver(net), keepPeriods: false, recordSteps: false, onReport: summary.Observe);
        return new Alone(run.Energy.KilowattHours.Sum(), summary.MinPressure, summary.CutOffSteps, EpsRunSummary.Converged(run));
    }
}
