using WdnAccel.Kernels.Ilgpu;
using WdnAccel.Kernels.Tests.Hydraulics;

namespace WdnAccel.Kernels.Tests.Ilgpu;

/// <summary>
/// Where a GPU backend's loop-flow kernel keeps its scratch: WDNACCEL_GPU_SCRATCH's values, and a backend set to shared
/// memory opening such sessions and saying so in its reports. (The variable itself is read in the backend's
/// constructor; the tests parse its values instead of changing the process environment under parallel tests.)
/// </summary>
[Collection(IlgpuCollection.Name)]
public class GgaScratchSettingTests
{
    [Theory]
    [InlineData(null, GgaScratchMemory.Device)]
    [InlineData("", GgaScratchMemory.Device)]
    [InlineData("device", GgaScratchMemory.Device)]
    [InlineData(" Shared ", GgaScratchMemory.Shared)]
    public void The_variable_takes_device_or_shared(string? text, GgaScratchMemory expected) =>
        Assert.Equal(expected, IlgpuBackend.ParseScratch(text));

    [Fact]
    public void Any_other_value_is_refused_naming_the_variable()
    {
        // Bad input (exit 2), not a missing backend (exit 4).
        var e = Assert.Throws<Core.Io.InvalidInputException>(() => IlgpuBackend.ParseScratch("l2"));
        Assert.Contains(IlgpuBackend.ScratchVariable, e.Message);
        Assert.Contains("'l2'", e.Message);
    }

    [Fact]
    public void A_backend_set_to_shared_memory_opens_such_sessions_and_reports_them()
    {
        using var backend = new IlgpuBackend(IlgpuDeviceKind.Cpu, scratch: GgaScratchMemory.Shared);
        var (net, _) = HydraulicsTestData.DesignScenario("HAN");
        using var session = (IlgpuHydraulicSession)backend.OpenHydraulicSession(net, 8);
        Assert.True(session.SharedScratchLanesPerGroup > 0);
        Assert.Equal(session.Method, backend.HydraulicMethod(net));
        Assert.Contains("scratch in shared memory", backend.HydraulicMethod(net));
        // The junction form has no loop scratch, wherever the backend would keep it.
        using var junctions = backend.OpenHydraulicSession(net, 8, Core.Hydraulics.LoopFlowMode.Never);
        Assert.Equal(0, junctions.SharedScratchLanesPerGroup);
    }
}
