using System.Globalization;
using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Tests.Shared;
using Xunit;

namespace WdnAccel.Core.Tests.Hydraulics.Eps;

/// <summary>
/// A PSV in front of a zone that draws nothing (reference network VALVE_ZONE_NO_DEMAND): while the valve is active the
/// zone's last GGA pivot is zero only up to round-off. EPANET 2.2 tests pivot ≤ 0, so its label follows the last bits
/// of that pivot: over P2 lengths 1e-7 apart it reports the valve "open but cannot deliver pressure" throughout for 8 of 13,
/// and plain OPEN at 0:00 or 1:00 for 5. Ours counts a pivot within a few ulps of zero as zero, so its answer must not
/// move with those bits.
/// </summary>
public sealed class ValveZoneNoDemandTests
{
    private static readonly string InpPath =
        RepoPaths.EpsNetwork("VALVE_ZONE_NO_DEMAND.inp");

    public static TheoryData<int> Nudges() => new() { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };

    [Theory]
    [MemberData(nameof(Nudges))]
    public void Valve_opens_as_cannot_hold_whatever_the_last_bits_of_the_zone_pipe(int k)
    {
        string text = File.ReadAllText(InpPath);
        const string length = " 148.090014809 ";
        Assert.Contains(length, text);
        double nudged = 148.09 * (1 + k * 1e-7);
        text = text.Replace(length, " " + nudged.ToString("R", CultureInfo.InvariantCulture) + " ");
        var network = InpReader.ReadText(text, "VALVE_ZONE_NO_DEMAND.inp").Scenario.Network;
        var run = ExtendedPeriodSimulation.Run(network, "VALVE_ZONE_NO_DEMAND.inp");
        var net = run.Network;
        int v1 = net.LinkIndex("V1"), j1 = net.NodeIndex("J1"), j2 = net.NodeIndex("J2"), j3 = net.NodeIndex("J3");
        Assert.Equal(3, run.Steps.Count);
        foreach (var step in run.Steps)
        {
            Assert.True(step.Status[v1] == EpsStatus.OpenCannotHold, $"k={k} t={step.Time}: V1 {step.Status[v1]}");
            // EPANET's heads in every case: the open valve joins the zone to J1 and nothing flows (J1 64.565366 m).
            Assert.True(Math.Abs(step.Head[j1] - 64.565366) < 1e-3, $"k={k} t={step.Time}: J1 head {step.Head[j1]}");
            Assert.True(Math.Abs(step.Head[j2] - step.Head[j1]) < 1e-6 && Math.Abs(step.Head[j3] - step.Head[j1]) < 1e-6,
                $"k={k} t={step.Time}: zone heads {step.Head[j2]}, {step.Head[j3]} vs J1 {step.Head[j1]}");
            // Round-off flows only (EPANET: 1e-8 m³/s).
            Assert.True(Math.Abs(step.Flow[v1]) < 1e-7, $"k={k} t={step.Time}: V1 flow {step.Flow[v1]} m3/s");
        }
    }
}
