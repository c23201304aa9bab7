using WdnAccel.Cli.Tests.Support;
using Xunit.Abstractions;

namespace WdnAccel.Cli.Tests.Fuzz;

/// <summary>
/// Mutated inputs of every kind the tool reads (.inp, .wdn, JSON scenarios, LP/MPS/JSON models, graph JSON, .wdnb
/// streams) run through the verb that reads them. Each must end with exit 0, 2 or 3 — never 1 (an internal error) —
/// within a time limit, and an exit 2 must name the file. The seed is fixed and the count small in CI;
/// WDNACCEL_FUZZ_CASES=N runs N cases per input for a longer search.
/// </summary>
public sealed class InputFuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static TheoryData<string, string> Inputs() => new()
    {
        { "networks/TLN.inp", "simulate" },
        { "networks/HAN.inp", "validate" },
        { "scenarios/TLN.wdn", "simulate" },
        { "scenarios/supply-allocation.json", "allocate" },
        { "lp/wyndor.lp", "lp" },
        { "lp/beale.mps", "lp" },
        { "lp/thirds.json", "lp" },
        { "graphs/small-directed.json", "paths" },
        { "graphs/zoned-scenario.json", "paths" },
        { "batch", "batch" },
    };

    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("WDNACCEL_FUZZ_CASES"), out int n) && n > 0 ? n : 40;

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Mutated_input_never_crashes_or_hangs(string input, string verb)
    {
        string dir = CliRunner.TempDir();
        byte[] original = input == "batch" ? Stream() : File.ReadAllBytes(CliRunner.Data(input.Split('/')));
        string name = input == "batch" ? "b.wdnb" : Path.GetFileName(input);
        bool text = !name.EndsWith(".wdn", StringComparison.Ordinal) && !name.EndsWith(".wdnb", StringComparison.Ordinal);
        var rng = new Random(input.Aggregate(17, (h, c) => unchecked(h * 31 + c))); // stable across runs, unlike HashCode
        var failures = new List<string>();
        var exits = new int[5];
        for (int i = 0; i < Cases; i++)
        {
            var (bytes, what) = InputMutator.Mutate(original, text, rng);
            string path = Path.Combine(dir, $"case{i}-{name}");
            File.WriteAllBytes(path, bytes);
            string[] args = verb switch
            {
                "simulate" or "paths" => [verb, path, "--backend", "scalar"],
                "batch" => [verb, path, "--out", Path.Combine(dir, $"out{i}"), "--job", "simulate", "--backend", "scalar"],
                _ => [verb, path],
            };
            var run = Task.Run(() => CliRunner.Run(args));
            if (await Task.WhenAny(run, Task.Delay(Limit)) != run)
            {
                failures.Add($"case {i} ({what}): no answer within {Limit.TotalSeconds} s — kept at {path}");
                continue;
            }
            var r = await run;
            exits[Math.Clamp(r.ExitCode, 0, 4)]++;
            if (r.ExitCode is not (0 or 2 or 3)) failures.Add($"case {i} ({what}): exit {r.ExitCode}: {Shorten(r.Error)} — kept at {path}");
            else if (r.ExitCode == 2 && !(r.Error + r.Out).Contains(Path.GetFileName(path), StringComparison.Ordinal)) // validate reports on stdout
                failures.Add($"case {i} ({what}): exit 2 without naming the file: {Shorten(r.Error)} — kept at {path}");
            else File.Delete(path);
        }
        output.WriteLine($"{input}: {Cases} cases, exits 0/2/3: {exits[0]}/{exits[2]}/{exits[3]}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string Shorten(string message) => message.Trim() is { Length: > 300 } long_ ? long_[..300] + "…" : message.Trim();

    /// <summary>A small .wdnb stream: three named copies of the two-loop network.</summary>
    private static byte[] Stream()
    {
        var s = Core.Io.ScenarioFile.Load(CliRunner.Data("scenarios", "TLN.wdn")).Scenario;
        using var ms = new MemoryStream();
        using (var w = new Core.Io.Scenarios.ScenarioBatchWriter(ms, leaveOpen: true))
            for (int i = 0; i < 3; i++) w.Write(s with { Name = $"tln-{i}" });
        return ms.ToArray();
    }
}
