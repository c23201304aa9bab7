using WdnAccel.Core.Compute;
using WdnAccel.Kernels.OpenCl;

namespace WdnAccel.Kernels.Tests.OpenCl;

/// <summary>Device selection by type, index and name substring.</summary>
public sealed class OpenClOptionsTests
{
    [Theory]
    [InlineData("gpu", ClDeviceKind.Gpu, null, null)]
    [InlineData(" CPU ", ClDeviceKind.Cpu, null, null)]
    [InlineData("accelerator", ClDeviceKind.Accelerator, null, null)]
    [InlineData("2", null, 2, null)]
    [InlineData("NVIDIA H100", null, null, "NVIDIA H100")]
    [InlineData("-1", null, null, "-1")]
    public void A_device_spec_parses_to_kind_index_or_name(string spec, ClDeviceKind? kind, int? index, string? name)
    {
        var options = OpenClOptions.Parse(spec);
        Assert.Equal(kind, options.Kind);
        Assert.Equal(index, options.Index);
        Assert.Equal(name, options.DeviceName);
    }

    [Fact]
    public void A_blank_spec_is_unconstrained()
    {
        Assert.Equal(new OpenClOptions(), OpenClOptions.Parse(null));
        Assert.Equal(new OpenClOptions(), OpenClOptions.Parse("  "));
    }

    [Fact]
    public void No_device_at_all_is_backend_unavailable_with_install_advice()
    {
        var e = Assert.Throws<BackendUnavailableException>(() => new OpenClOptions().Select([]));
        Assert.Contains("pocl-opencl-icd", e.Message);
    }

    [OpenClFact]
    public void Selection_by_name_index_and_kind_finds_the_device_or_explains()
    {
        var devices = OpenClRuntime.GetDevices();
        var first = devices[0];
        Assert.Same(first, new OpenClOptions { DeviceName = first.Name[..Math.Min(6, first.Name.Length)].ToUpperInvariant() }.Select(devices));
        Assert.Same(first, new OpenClOptions { Index = 0 }.Select(devices));
        Assert.Same(first, new OpenClOptions { Kind = first.Kind, Index = 0 }.Select(devices));
        var e = Assert.Throws<BackendUnavailableException>(() => new OpenClOptions { DeviceName = "no-such-device-xyz" }.Select(devices));
        Assert.Contains("no-such-device-xyz", e.Message);
        Assert.Contains(first.Name, e.Message);
        Assert.Throws<BackendUnavailableException>(() => new OpenClOptions { Index = devices.Count }.Select(devices));
    }
}
