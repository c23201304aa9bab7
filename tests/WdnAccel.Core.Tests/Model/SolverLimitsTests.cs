using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Tests.Support;
using Xunit;

namespace WdnAccel.Core.Tests.Model;

/// <summary>
/// Trial limits and accuracies outside what the solver can use are clamped: with a warning when a file is loaded,
/// silently when a network is compiled from elsewhere. `Trials 2147483648` overflowed (an internal error) and
/// `Trials 2147483647` with `Accuracy 1e-300` ran for hours.
/// </summary>
public class SolverLimitsTests
{
    private static string Inp(string trials, string accuracy)
    {
        string text = File.ReadAllText(RepoPaths.Data("networks", "TLN.inp"));
        string edited = text.Replace(" Trials             \t40", $" Trials             \t{trials}").Replace(" Accuracy           \t0.001", $" Accuracy           \t{accuracy}");
        Assert.NotEqual(text, edited);
        string path = Path.Combine(Directory.CreateTempSubdirectory("wdnaccel-limits-").FullName, "tln.inp");
        File.WriteAllText(path, edited);
        return path;
    }

    [Fact]
    public void Huge_trials_and_tiny_accuracy_in_an_inp_are_clamped_with_warnings()
    {
        var loaded = ScenarioFile.Load(Inp("2147483648", "1e-300"));
        Assert.Equal(SolverLimits.MaxTrials, loaded.Scenario.Network.Options.MaxTrials);
        Assert.Equal(SolverLimits.MinAccuracy, loaded.Scenario.Network.Options.Accuracy);
        Assert.Contains(loaded.Warnings, w => w.Contains("max_trials") && w.Contains("100,000"));
        Assert.Contains(loaded.Warnings, w => w.Contains("accuracy") && w.Contains("1E-12"));
    }

    [Fact]
    public void Options_in_range_load_without_warnings()
    {
        var loaded = ScenarioFile.Load(Inp("500", "1e-6"));
        Assert.Equal(500, loaded.Scenario.Network.Options.MaxTrials);
        Assert.Equal(1e-6, loaded.Scenario.Network.Options.Accuracy);
        Assert.DoesNotContain(loaded.Warnings, w => w.Contains("max_trials") || w.Contains("accuracy"));
    }

    [Fact]
    public void A_fractional_trial_count_is_an_error_naming_the_line()
    {
        var e = Assert.Throws<InvalidInputException>(() => ScenarioFile.Load(Inp("2.5", "0.001")));
        Assert.Equal("Trials", e.Field);
        Assert.NotNull(e.Line);
    }

    [Fact]
    public void Compiling_clamps_scenarios_that_did_not_come_through_a_file()
    {
        var s = ScenarioFile.Load(RepoPaths.Data("networks", "TLN.inp")).Scenario;
        var net = CompiledNetwork.Compile(s.Network with { Options = s.Network.Options with { MaxTrials = int.MaxValue, Accuracy = 1e-300 } });
        Assert.Equal(SolverLimits.MaxTrials, net.MaxTrials);
        Assert.Equal(SolverLimits.MinAccuracy, net.Accuracy);
    }
}
