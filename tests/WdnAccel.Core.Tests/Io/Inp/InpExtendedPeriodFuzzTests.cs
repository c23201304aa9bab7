using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Tests.Io.Inp;

/// <summary>
/// Token-level mutations of files with every extended-period section (dropped, swapped, duplicated tokens; numbers
/// made negative, NaN, huge; lines cut): the reader loads or answers <see cref="InvalidInputException"/>, and what it
/// loads validates and writes without throwing anything else. WDNACCEL_FUZZ_CASES=N runs N cases per file.
/// </summary>
public class InpExtendedPeriodFuzzTests
{
    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("WDNACCEL_FUZZ_CASES"), out int n) && n > 0 ? n : 300;

    private static readonly string[] Replacements =
        ["-1", "0", "NaN", "1e308", "-1e-300", "x", "", "OPEN", "CLOSED", "ACTIVE", "12:61", "25 PM", "*", "IF", "AT", "RULE", "THEN", "J1", "T1", "PU1", "V3", "1", "2COMP"];

    public static TheoryData<string> Inputs() => new() { "EveryElementUs", "KpaSi", "Net1.inp", "Net2.inp" };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Mutated_files_load_or_fail_with_a_located_problem(string input)
    {
        string text = input switch
        {
            "EveryElementUs" => InpSnippets.EveryElementUs,
            "KpaSi" => InpSnippets.KpaSi,
            _ => File.ReadAllText(RepoPaths.Data("networks", input)),
        };
        var lines = text.Split('\n');
        var rng = new Random(input.Aggregate(23, (h, c) => unchecked(h * 31 + c)));
        for (int k = 0; k < Cases; k++)
        {
            var mutated = (string[])lines.Clone();
            for (int m = rng.Next(1, 4); m > 0; m--)
            {
                int i = rng.Next(mutated.Length);
                var tokens = mutated[i].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
                if (tokens.Count == 0 || tokens[0].StartsWith('[')) continue;
                int j = rng.Next(tokens.Count);
                switch (rng.Next(5))
                {
                    case 0: tokens.RemoveAt(j); break;
                    case 1: tokens[j] = Replacements[rng.Next(Replacements.Length)]; break;
                    case 2: tokens.Insert(j, tokens[rng.Next(tokens.Count)]); break;
                    case 3: (tokens[j], tokens[^1]) = (tokens[^1], tokens[j]); break;
                    default: tokens = tokens.Take(j).ToList(); break;
                }
                mutated[i] = " " + string.Join(' ', tokens);
            }
            string variant = string.Join('\n', mutated);
            try
            {
                var read = InpReader.ReadText(variant, "fuzz.inp");
                ScenarioValidator.Validate(read.Scenario, read.SourceLines, "fuzz.inp");
                string written = InpWriter.Write(read.Scenario, out _);
                InpReader.ReadText(written, "again.inp");
            }
            catch (InvalidInputException e)
            {
                Assert.All(e.All, p => Assert.True(p.Line is not null || p.File is not null, $"unlocated problem: {p.Message}\n{variant}"));
            }
            catch (Exception e)
            {
                Assert.Fail($"{e.GetType().Name}: {e.Message}\n{e.StackTrace}\n--- input ---\n{variant}");
            }
        }
    }
}
