using System.Text.Json;
using WdnAccel.Cli.Tests.Support;
using WdnAccel.Core.Batch;
using WdnAccel.Core.Io.Msgpack;
using WdnAccel.Core.Io.Scenarios;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>
/// What batch records and summaries say of optimize jobs without an answer (infeasible: no cost, as `optimize --json`)
/// or without a published one (scaled demands: no best-known cost, no hit rate), and that a folder's variants are per
/// network.
/// </summary>
public sealed class BatchResultFiguresTests
{
    private static readonly string Tln = CliRunner.Data("scenarios", "TLN.wdn");
    private static readonly string Han = CliRunner.Data("scenarios", "HAN.wdn");

    private static CliRunner.Result Run(params string[] args) => CliRunner.Run([.. args, "--backend", "scalar"]);

    private static List<BatchRecord> Records(string folder) => BatchResultFile.Read(Path.Combine(folder, BatchResultFile.FileName)).Records;

    [Fact]
    public void An_infeasible_optimize_record_has_no_best_cost_as_optimize_json_has_none()
    {
        string dir = CliRunner.TempDir(), stream = Path.Combine(dir, "han.wdnb");
        // Hanoi in 200 evaluations finds no feasible design.
        Assert.Equal(0, CliRunner.Run("batch", "plan", "--scenarios", Han, "--algorithms", "de", "--replicates", "2", "--evaluations", "200", "--out", stream).ExitCode);
        var run = Run("batch", stream, "--job", "optimize", "--out", Path.Combine(dir, "out"));
        Assert.Equal(3, run.ExitCode);
        var records = Records(Path.Combine(dir, "out"));
        Assert.All(records, r => Assert.Equal("infeasible", r.Status));
        Assert.All(records, r => Assert.Equal(MessagePackType.Nil, r["best_cost"]!.Type));
        var variant = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", BatchSummary.JsonName))).RootElement.GetProperty("variants")[0];
        Assert.Equal(0, variant.GetProperty("feasible").GetInt32());
        Assert.Equal(JsonValueKind.Null, variant.GetProperty("best_cost_median").ValueKind);
        string csv = File.ReadAllText(Path.Combine(dir, "out", BatchSummary.CsvName));
        Assert.Contains(",infeasible,", csv);
        Assert.Contains(",best_cost,,", csv); // no value for an infeasible job

        var verb = Run("optimize", Han, "--json", "--no-refine", "--evaluations", "200", "--seed", records[0]["seed"]!.AsInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(verb.Out).RootElement.GetProperty("best_cost").ValueKind);
    }

    [Fact]
    public void A_scaled_demand_variant_has_no_best_known_cost_or_hit_rate()
    {
        string dir = CliRunner.TempDir(), stream = Path.Combine(dir, "s.wdnb");
        Assert.Equal(0, CliRunner.Run("batch", "plan", "--scenarios", Tln, "--algorithms", "de", "--demand-multipliers", "0.8,1", "--evaluations", "300", "--out", stream).ExitCode);
        using (var reader = ScenarioBatchReader.Open(stream))
        {
            var planned = reader.ToList();
            Assert.Null(planned.Single(s => s.Name == "TLN|de|demand=0.8|seed=1").Design!.BestKnownCost);
            Assert.Equal(419_000, planned.Single(s => s.Name == "TLN|de|demand=1|seed=1").Design!.BestKnownCost);
        }
        Run("batch", stream, "--job", "optimize", "--out", Path.Combine(dir, "out"));
        var records = Records(Path.Combine(dir, "out")).ToDictionary(r => r.Job);
        Assert.Equal(MessagePackType.Nil, records["TLN|de|demand=0.8|seed=1"]["best_known_cost"]!.Type);
        Assert.Equal(419_000, records["TLN|de|demand=1|seed=1"]["best_known_cost"]!.AsDouble());
        var variants = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", BatchSummary.JsonName))).RootElement.GetProperty("variants")
            .EnumerateArray().ToDictionary(v => v.GetProperty("variant").GetString()!, v => v.Clone());
        Assert.Equal(JsonValueKind.Null, variants["optimize:TLN|de|demand=0.8"].GetProperty("hit_rate").ValueKind);
        Assert.Equal(JsonValueKind.Number, variants["optimize:TLN|de|demand=1"].GetProperty("hit_rate").ValueKind);
    }

    [Fact]
    public void A_folder_of_networks_gives_one_variant_per_network_failed_jobs_alike()
    {
        string dir = CliRunner.TempDir(), input = Path.Combine(dir, "in");
        Directory.CreateDirectory(input);
        File.Copy(Tln, Path.Combine(input, "TLN.wdn"));
        File.Copy(CliRunner.Data("scenarios", "GOY.wdn"), Path.Combine(input, "GOY.wdn"));
        File.WriteAllText(Path.Combine(input, "broken.json"), "{\"format\": \"wdnaccel-scenario\", \"network\": ");
        Run("batch", input, "--job", "optimize", "--algorithm", "shade", "--evaluations", "300", "--out", Path.Combine(dir, "out"));
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", BatchSummary.JsonName))).RootElement;
        Assert.Equal(["optimize:GOY.wdn|shade", "optimize:TLN.wdn|shade", "optimize:broken.json|shade"],
            summary.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("variant").GetString()));
        Assert.Equal("shade", Records(Path.Combine(dir, "out")).Single(r => r.Status == "failed")["algorithm"]!.AsString());
    }
}
