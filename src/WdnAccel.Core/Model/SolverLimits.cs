namespace WdnAccel.Core.Model;

/// <summary>
/// The ranges in which the hydraulic solver's options make sense, applied in one place. A trial limit above
/// <see cref="MaxTrials"/> only turns a solve that will not converge into one that seems to hang (EPANET's default is
/// 200; well-posed networks converge in under 50), and an accuracy below <see cref="MinAccuracy"/> is beneath what
/// Σ|ΔQ|/Σ|Q| can resolve in double precision, so such a solve could never converge. Out-of-range values are clamped
/// with a warning when a scenario is loaded, and clamped again, silently, when a network is compiled from any source.
/// </summary>
public static class SolverLimits
{
    public const int MaxTrials = 100_000;
    public const double MinAccuracy = 1e-12;

    /// <summary><paramref name="scenario"/> with its options clamped; each change is added to <paramref name="warnings"/>.</summary>
    public static Scenario Apply(Scenario scenario, List<string> warnings, string? file)
    {
        var o = scenario.Network.Options;
        string where = file is null ? "" : $"{file}: ";
        if (o.MaxTrials > MaxTrials)
        {
            warnings.Add($"{where}network.options.max_trials {o.MaxTrials} is above the limit of {MaxTrials:N0} trials; using {MaxTrials:N0}");
            o = o with { MaxTrials = MaxTrials };
        }
        if (o.Accuracy < MinAccuracy)
        {
            warnings.Add($"{where}network.options.accuracy {o.Accuracy:G3} is below what double precision resolves; using {MinAccuracy:G3}");
            o = o with { Accuracy = MinAccuracy };
        }
        return ReferenceEquals(o, scenario.Network.Options) ? scenario : scenario with { Network = scenario.Network with { Options = o } };
    }

    public static int ClampTrials(int trials) => Math.Min(trials, MaxTrials);

    public static double ClampAccuracy(double accuracy) => Math.Max(accuracy, MinAccuracy);
}
