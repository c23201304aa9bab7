using WdnAccel.Core.Batch;
using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Tests.Shared;
using Xunit;

namespace WdnAccel.Core.Tests.Batch;

/// <summary>A simulate job on a network that runs through time gets the extended-period engine's answer, not a snapshot.</summary>
public sealed class ExtendedPeriodBatchTests
{
    [Fact]
    public void Net1_job_reports_the_lowest_pressure_over_every_report_step_and_the_pump_energy()
    {
        string file = RepoPaths.Data("networks", "Net1.inp");
        var record = BatchJobRunner.Run(new BatchJob("net1", BatchJobKind.Simulate, file, 0), new BatchSettings(), new ScalarBackend());
        Assert.Equal("ok", record.Status);
        Assert.Equal("extended period", record["engine"]!.AsString());
        var run = ExtendedPeriodSimulation.Run(InpReader.ReadFile(file).Scenario.Network, file);
        double lowest = run.Steps.Min(s => s.Pressure.Take(run.Network.JunctionCount).Min());
        Assert.Equal(lowest, record["min_pressure"]!.AsDouble(), 9);
        Assert.Equal(run.Energy.KilowattHours.Sum(), record["energy_kwh"]!.AsDouble(), 9);
        Assert.Equal(25, record["report_steps"]!.AsInt64());
        // Net1 simulates chlorine: the record carries its range over the junctions.
        Assert.True(record["min_quality"]!.AsDouble() < record["max_quality"]!.AsDouble());
    }
}
