using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Tests.Shared;

namespace WdnAccel.Core.Tests.Model;

/// <summary>
/// Which controls on junction pressure the batched snapshot takes (<see cref="Core.Model.Network.SnapshotGaps"/>,
/// <see cref="CompiledNetwork.PressureControlLink"/>): each lane keeps one speed per pump, so a control may open a pump
/// only at the speed it runs at, or, for a pump at setting 0 at time zero, at one speed for all such controls.
/// </summary>
public class PressureControlGapTests
{
    private static string Reopened() =>
        File.ReadAllText(Path.Combine(RepoPaths.Root, "tools", "epanet-reference", "networks", "snapshot", "PUMP_REOPENED.inp"));

    [Fact]
    public void A_pump_at_setting_0_at_time_zero_starts_its_lanes_at_the_speed_its_control_opens_it_at()
    {
        var network = InpReader.ReadText(Reopened(), "r.inp").Scenario.Network;
        Assert.Empty(network.SnapshotGaps());
        var compiled = CompiledNetwork.Compile(network);
        int pu3 = compiled.LinkIndex("PU3");
        Assert.True(compiled.InitiallyClosed[pu3]);
        Assert.Equal(1.0, compiled.PumpSpeed[pu3 - compiled.PipeCount]);
        Assert.Equal(HydraulicBatch.LinkSettingZero, compiled.TimeZeroLinkState[pu3]);
        // PU2 is CLOSED in [STATUS], its setting its speed; the AT TIME 0 control sets that to 0 although the pump is
        // closed already, which the compiled network takes from the extended-period engine's time zero.
        int pu2 = compiled.LinkIndex("PU2");
        Assert.Equal(HydraulicBatch.LinkSettingZero, compiled.TimeZeroLinkState[pu2]);
        // Without that control the setting stays the speed: no bit, and the OPEN control leaves the pump closed.
        var untouched = InpReader.ReadText(Reopened().Replace(" LINK PU2 CLOSED AT TIME 0\n", ""), "r.inp").Scenario.Network;
        Assert.Equal(0, CompiledNetwork.Compile(untouched).TimeZeroLinkState[pu2]);
    }

    [Fact]
    public void Two_controls_that_open_one_pump_at_two_speeds_are_a_gap_the_snapshot_names()
    {
        string text = Reopened().Replace(" LINK PU3 OPEN IF NODE J7 BELOW 200", " LINK PU3 OPEN IF NODE J7 BELOW 200\n LINK PU3 0.8 IF NODE J8 BELOW 200");
        var network = InpReader.ReadText(text, "r.inp").Scenario.Network;
        var gap = Assert.Single(network.SnapshotGaps());
        Assert.Equal("control 7 (LINK PU3 to speed 0.8 on junction J8's pressure, while the pump opens at 1 by another control)", gap);
        var e = Assert.Throws<InvalidInputException>(() => CompiledNetwork.Compile(network, file: "r.inp"));
        Assert.Contains("LINK PU3 to speed 0.8", e.Message);
        Assert.Equal("CONTROLS", e.Field);
    }
}
