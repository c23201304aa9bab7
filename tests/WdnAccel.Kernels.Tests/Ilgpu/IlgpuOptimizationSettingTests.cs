using ILGPU;
using WdnAccel.Kernels.Ilgpu;

namespace WdnAccel.Kernels.Tests.Ilgpu;

/// <summary>
/// WDNACCEL_ILGPU_OPTIMIZATION's values. A value that is no level was taken as O1 without a word, where the README
/// promises that a bad WDNACCEL_* variable exits 2 naming it. (The tests parse values instead of changing the process
/// environment under parallel tests.)
/// </summary>
public class IlgpuOptimizationSettingTests
{
    [Theory]
    [InlineData(null, OptimizationLevel.O1)]
    [InlineData("", OptimizationLevel.O1)]
    [InlineData("O0", OptimizationLevel.O0)]
    [InlineData("o1", OptimizationLevel.O1)]
    [InlineData(" O2 ", OptimizationLevel.O2)]
    public void The_variable_takes_the_three_levels_in_any_case(string? text, OptimizationLevel expected) =>
        Assert.Equal(expected, IlgpuDevices.ParseOptimization(text));

    [Theory]
    [InlineData("O3")]
    [InlineData("fast")]
    [InlineData("2")]
    public void Any_other_value_is_refused_naming_the_variable(string text)
    {
        // Bad input (exit 2), not a missing backend (exit 4).
        var e = Assert.Throws<Core.Io.InvalidInputException>(() => IlgpuDevices.ParseOptimization(text));
        Assert.Contains(IlgpuDevices.OptimizationVariable, e.Message);
        Assert.Contains($"'{text}'", e.Message);
    }
}
