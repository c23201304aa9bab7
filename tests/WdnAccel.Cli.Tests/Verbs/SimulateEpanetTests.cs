using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using WdnAccel.Cli.Tests.Support;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>
/// `simulate --random-designs N --epanet LIB`. No EPANET library exists on the test machines, so these cover what can be
/// checked honestly without one: every way a wrong library, network or option fails (exit code and message), and the
/// pure unit conversion and design → EN_setlinkvalue mapping against hand-computed values, and the whole run's wiring
/// against a stub library with the toolkit's EN_ signatures (compiled here with the C compiler; it is not EPANET and
/// its heads mean nothing).
/// </summary>
[Collection(nameof(EpanetTempFileCollection))]
public class SimulateEpanetTests
{
    private static string TwoLoop => CliRunner.Data("networks", "TLN.inp");

    /// <summary>The C library: a shared library every Linux host has and that is not EPANET.</summary>
    private static string? NotEpanetLibrary =>
        new[] { "/lib/x86_64-linux-gnu/libc.so.6", "/lib/aarch64-linux-gnu/libc.so.6", "/lib64/libc.so.6", "/usr/lib/libSystem.B.dylib" }
            .FirstOrDefault(File.Exists);

    private static CliRunner.Result Simulate(string file, string library, params string[] more) =>
        CliRunner.Run(["simulate", file, "--random-designs", "20", "--catalog", "0.1,0.2,0.3", "--backend", "scalar", "--epanet", library, .. more]);

    private static void AssertNoStackTrace(CliRunner.Result r)
    {
        Assert.DoesNotContain("   at ", r.Error);
        Assert.DoesNotContain("internal error", r.Error);
    }

    [Fact]
    public void Missing_library_is_bad_input_naming_the_path()
    {
        string missing = Path.Combine(CliRunner.TempDir(), "libepanet2.so");
        var r = Simulate(TwoLoop, missing);
        Assert.Equal((int)ExitCode.BadInput, r.ExitCode);
        Assert.Contains(missing, r.Error);
        Assert.Contains("not found", r.Error);
        Assert.Equal("", r.Out);
        AssertNoStackTrace(r);
    }

    [Fact]
    public void A_library_that_is_not_EPANET_names_EN_createproject()
    {
        if (NotEpanetLibrary is not { } libc)
        {
            Assert.False(OperatingSystem.IsLinux(), "no C library at a known path on this Linux host"); // elsewhere: nothing to load
            return;
        }
        var r = Simulate(TwoLoop, libc);
        Assert.Equal((int)ExitCode.BadInput, r.ExitCode);
        Assert.Contains(libc, r.Error);
        Assert.Contains("EN_createproject", r.Error);
        Assert.Contains("not an EPANET", r.Error);
        AssertNoStackTrace(r);
    }

    [Fact]
    public void A_file_that_is_no_shared_library_is_bad_input()
    {
        string text = Path.Combine(CliRunner.TempDir(), "epanet2.dll");
        File.WriteAllText(text, "not a library");
        var r = Simulate(TwoLoop, text);
        Assert.Equal((int)ExitCode.BadInput, r.ExitCode);
        Assert.Contains(text, r.Error);
        Assert.Contains("cannot be loaded as a shared library", r.Error);
        AssertNoStackTrace(r);
    }

    [Fact]
    public void A_scenario_with_its_own_demand_cases_is_not_an_inp_EPANET_can_solve()
    {
        string dir = CliRunner.TempDir(), json = Path.Combine(dir, "two-loop-cases.json");
        Assert.Equal(0, CliRunner.Run("convert", CliRunner.Data("scenarios", "TLN.wdn"), json).ExitCode);
        var root = JsonNode.Parse(File.ReadAllText(json))!;
        root["network"]!["demand_cases"] = new JsonArray(
            new JsonObject { ["name"] = "base" },
            new JsonObject { ["name"] = "peak", ["multiplier"] = 1.8 });
        File.WriteAllText(json, root.ToJsonString());
        // The library path is never reached: the scenario is refused first.
        var r = CliRunner.Run("simulate", json, "--random-designs", "20", "--epanet", Path.Combine(dir, "missing.so"));
        Assert.Equal((int)ExitCode.BadInput, r.ExitCode);
        Assert.Contains(json, r.Error);
        Assert.Contains("--epanet", r.Error);
        Assert.Contains("2 demand case(s)", r.Error);
        Assert.Contains(".inp", r.Error);
        AssertNoStackTrace(r);
    }

    [Theory]
    [InlineData("simulate", "TLN.inp", "--epanet", "x.so")] // no --random-designs
    [InlineData("simulate", "TLN.inp", "--random-designs", "10", "--catalog", "0.1", "--epanet", "x.so", "--epanet-designs", "11")]
    [InlineData("simulate", "TLN.inp", "--random-designs", "10", "--catalog", "0.1", "--epanet", "x.so", "--epanet-designs", "0")]
    [InlineData("simulate", "TLN.inp", "--random-designs", "10", "--catalog", "0.1", "--epanet-designs", "5")] // no --epanet
    public void Option_misuse_is_bad_input(params string[] args)
    {
        args[1] = CliRunner.Data("networks", args[1]);
        var r = CliRunner.Run(args);
        Assert.Equal((int)ExitCode.BadInput, r.ExitCode);
        Assert.Contains("--epanet", r.Error);
        AssertNoStackTrace(r);
    }

    /// <summary>
    /// A stand-in with the EPANET 2.2 toolkit's EN_ signatures, not EPANET: CMH flow units (metric), node index = its
    /// numeric id, EN_initH accepts only EN_INITFLOW (10), EN_runH reports warning 1 (unbalanced) when link 2's
    /// EN_DIAMETER is under 150 (mm), and EN_open fails with 302 for a file named bad-network.inp (not for any path
    /// holding "bad": a random temporary name holds those letters now and then).
    /// </summary>
    private const string StubSource = """
        #include <stdlib.h>
        #include <string.h>
        #include <stdio.h>
        typedef struct { double diam[64]; } P;
        int EN_getversion(int *v) { *v = 20200; return 0; }
        int EN_geterror(int code, char *msg, int n) { snprintf(msg, n, "stub error %d", code); return 0; }
        int EN_createproject(P **ph) { *ph = calloc(1, sizeof(P)); return 0; }
        int EN_deleteproject(P *p) { free(p); return 0; }
        int EN_open(P *p, const char *inp, const char *r, const char *o) { return strstr(inp, "/bad-network.inp") ? 302 : 0; }
        int EN_close(P *p) { return 0; }
        int EN_getflowunits(P *p, int *u) { *u = 8; return 0; }
        int EN_getnodeindex(P *p, const char *id, int *i) { *i = atoi(id); return *i > 0 ? 0 : 203; }
        int EN_getlinkindex(P *p, const char *id, int *i) { *i = atoi(id); return *i > 0 && *i < 64 ? 0 : 204; }
        int EN_getlinkvalue(P *p, int i, int prop, double *v) { *v = 1; return 0; }
        int EN_setlinkvalue(P *p, int i, int prop, double v) { if (prop == 0) { if (v <= 0) return 211; p->diam[i] = v; } return 0; }
        int EN_getnodevalue(P *p, int i, int prop, double *v) { *v = 200.0 + i; return prop == 10 ? 0 : 251; }
        int EN_openH(P *p) { return 0; }
        int EN_initH(P *p, int flag) { return flag == 10 ? 0 : 251; }
        int EN_runH(P *p, long *t) { *t = 0; return p->diam[2] < 150 ? 1 : 0; }
        int EN_closeH(P *p) { return 0; }
        """;

    // On Linux the stub must build (.ci/run installs gcc): a missing compiler fails these tests instead of skipping them.
    internal static readonly Lazy<string?> Stub = new(() =>
    {
        if (!OperatingSystem.IsLinux()) return null;
        string dir = CliRunner.TempDir(), source = Path.Combine(dir, "stub.c"), library = Path.Combine(dir, "libepanet2.so");
        File.WriteAllText(source, StubSource);
        try
        {
            using var cc = Process.Start(new ProcessStartInfo("cc", ["-shared", "-fPIC", "-o", library, source]) { RedirectStandardError = true })!;
            string errors = cc.StandardError.ReadToEnd();
            cc.WaitForExit();
            return cc.ExitCode == 0 && File.Exists(library) ? library : throw new InvalidOperationException($"cc could not build the stub: {errors}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("these tests need a C compiler (cc) on Linux; .ci/run installs gcc");
        }
    });

    [Fact]
    public void The_same_random_designs_reach_the_library_in_millimetres_and_unbalanced_ones_count_as_failed()
    {
        if (Stub.Value is not { } stub) return;
        var r = CliRunner.Run("simulate", TwoLoop, "--random-designs", "500", "--catalog", "0.1,0.2,0.3", "--seed", "7",
            "--backend", "scalar", "--threads", "3", "--epanet", stub, "--epanet-designs", "300", "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        var e = JsonDocument.Parse(r.Out).RootElement.GetProperty("epanet");
        Assert.Equal(stub, e.GetProperty("library").GetString());
        Assert.Equal("2.2.0", e.GetProperty("version").GetString());
        Assert.Equal("CMH", e.GetProperty("flow_units").GetString());
        Assert.Equal(300, e.GetProperty("designs").GetInt32());
        Assert.Equal(3, e.GetProperty("threads").GetInt32());
        Assert.True(e.GetProperty("solves_per_second").GetDouble() > 0);
        Assert.True(e.GetProperty("solves_per_second_all_cores").GetDouble() > 0);
        Assert.True(e.GetProperty("ratio").GetDouble() > 0);
        Assert.True(e.GetProperty("ratio_per_core").GetDouble() > 0);
        double absolute = e.GetProperty("max_head_difference_m").GetDouble(), relative = e.GetProperty("max_relative_head_difference").GetDouble();
        Assert.True(absolute > 0, "the stub's heads (200 + node index) differ from ours");
        Assert.InRange(relative, 1e-12, absolute); // divided by |head| ≥ 1 m
        // The stub fails a design when pipe 2 (the second of TLN's 8 pipes) is laid at 0.1 m = 100 mm < 150: count those
        // among the first 300 designs drawn as --random-designs draws them (one catalog index per pipe, in pipe order).
        var genomes = new int[300 * 8];
        RandomDesignDraw.Draw(7, 0, 300, Enumerable.Repeat(3, 8).ToArray(), genomes);
        int expectedFailed = Enumerable.Range(0, 300).Count(g => genomes[g * 8 + 1] == 0);
        Assert.InRange(expectedFailed, 1, 299);
        Assert.Equal(expectedFailed, e.GetProperty("designs_failed").GetInt32());
        Assert.True(e.GetProperty("designs_compared").GetInt32() <= 300 - expectedFailed);
    }

    [Fact]
    public void A_wdn_scenario_reaches_EPANET_as_a_temporary_inp_that_is_removed_afterwards()
    {
        if (Stub.Value is not { } stub) return;
        var before = Directory.GetFiles(Path.GetTempPath(), "wdnaccel-epanet-*.inp").ToHashSet();
        var r = CliRunner.Run("simulate", CliRunner.Data("scenarios", "TLN.wdn"), "--random-designs", "50", "--backend", "scalar", "--epanet", stub);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("is not an .inp", r.Error);
        Assert.Contains("EPANET 2.2.0", r.Out);
        Assert.Contains("ours / EPANET", r.Out);
        Assert.DoesNotContain(Directory.GetFiles(Path.GetTempPath(), "wdnaccel-epanet-*.inp"), f => !before.Contains(f));
    }

    [Fact]
    public void An_EN_open_error_is_bad_input_naming_the_network_and_the_code()
    {
        if (Stub.Value is not { } stub) return;
        string bad = Path.Combine(CliRunner.TempDir(), "bad-network.inp");
        File.Copy(TwoLoop, bad);
        var r = CliRunner.Run("simulate", bad, "--random-designs", "10", "--catalog", "0.1,0.2", "--epanet", stub);
        Assert.Equal((int)ExitCode.BadInput, r.ExitCode);
        Assert.Contains(bad, r.Error);
        Assert.Contains("EN_open returned error 302", r.Error);
        Assert.Equal("", r.Out); // refused before our batched run
        AssertNoStackTrace(r);
    }

    [Fact]
    public void Toolkit_constants_are_the_EPANET_2_2_values()
    {
        // EPANET 2.2 toolkit manual / epanet2_enums.h.
        Assert.Equal(0, EpanetCodes.Diameter);
        Assert.Equal(2, EpanetCodes.Roughness);
        Assert.Equal(4, EpanetCodes.InitStatus);
        Assert.Equal(10, EpanetCodes.Head);
        Assert.Equal(11, EpanetCodes.Pressure);
        Assert.Equal(10, EpanetCodes.InitFlow);
        Assert.Equal(0, EpanetCodes.Closed);
        Assert.Equal(1, EpanetCodes.Open);
        Assert.Equal(110, EpanetCodes.CannotSolveHydraulics);
    }

    [Theory]
    [InlineData(0, FlowUnits.CFS)]
    [InlineData(1, FlowUnits.GPM)]
    [InlineData(4, FlowUnits.AFD)]
    [InlineData(5, FlowUnits.LPS)]
    [InlineData(8, FlowUnits.CMH)]
    [InlineData(9, FlowUnits.CMD)]
    [InlineData(10, FlowUnits.CMS)]
    public void Flow_unit_codes_map_to_our_flow_units(int code, FlowUnits units) =>
        Assert.Equal(units, EpanetUnits.FlowUnitsOf(code));

    [Fact]
    public void An_unknown_flow_unit_code_is_a_backend_failure() =>
        Assert.Throws<BackendUnavailableException>(() => EpanetUnits.FlowUnitsOf(11));

    [Theory]
    [InlineData(0.3048, FlowUnits.GPM, 12.0)]     // 1 ft = 12 in
    [InlineData(0.0254, FlowUnits.CFS, 1.0)]
    [InlineData(1.016, FlowUnits.MGD, 40.0)]      // Hanoi's 40 in
    [InlineData(0.3048, FlowUnits.LPS, 304.8)]    // mm in every metric flow unit
    [InlineData(0.1, FlowUnits.CMH, 100.0)]
    [InlineData(0.1, FlowUnits.CMS, 100.0)]
    public void Diameters_go_to_EPANET_in_inches_or_millimetres(double meters, FlowUnits units, double expected) =>
        Assert.Equal(expected, EpanetUnits.DiameterFromMeters(meters, units), 10);

    [Theory]
    [InlineData(100.0, FlowUnits.GPM, 30.48)]     // ft → m
    [InlineData(210.0, FlowUnits.CFS, 64.008)]
    [InlineData(100.0, FlowUnits.CMH, 100.0)]     // already m
    [InlineData(100.0, FlowUnits.LPS, 100.0)]
    public void Heads_come_back_in_metres(double head, FlowUnits units, double expected) =>
        Assert.Equal(expected, EpanetUnits.HeadToMeters(head, units), 10);

    [Theory]
    [InlineData(130.0, HeadLossModel.HazenWilliams, FlowUnits.GPM, 130.0)]  // C is dimensionless
    [InlineData(130.0, HeadLossModel.HazenWilliams, FlowUnits.LPS, 130.0)]
    [InlineData(0.26e-3, HeadLossModel.DarcyWeisbach, FlowUnits.LPS, 0.26)] // ε in mm
    [InlineData(0.3048e-3, HeadLossModel.DarcyWeisbach, FlowUnits.GPM, 1.0)] // ε in millifeet
    public void Roughness_goes_to_EPANET_in_its_units(double si, HeadLossModel model, FlowUnits units, double expected) =>
        Assert.Equal(expected, EpanetUnits.RoughnessFromSi(si, model, units), 10);

    [Fact]
    public void A_genome_becomes_EN_DIAMETER_settings_in_inches_for_US_flow_units()
    {
        var catalog = new[] { new CatalogEntry(0.3048, 10), new CatalogEntry(0.1016, 5), new CatalogEntry(0.2032, 8) };
        var values = new EpanetDesignValues(catalog, FlowUnits.GPM, HeadLossModel.HazenWilliams);
        Assert.False(values.HasNoPipeOption);
        Assert.Null(values.Roughness);
        var settings = new EpanetDesignValues.Setting[EpanetDesignValues.MaxSettings(4)];
        int n = values.Settings([2, 0, 1, 0], [1, 1, 1, 1], settings);
        Assert.Equal(
            new EpanetDesignValues.Setting[] { new(0, 0, 8.0), new(1, 0, 12.0), new(2, 0, 4.0), new(3, 0, 12.0) },
            settings[..n].Select(s => s with { Value = Math.Round(s.Value, 9) }).ToArray());
    }

    [Fact]
    public void A_genome_becomes_EN_DIAMETER_settings_in_millimetres_for_metric_flow_units()
    {
        var catalog = new[] { new CatalogEntry(0.0254, 2), new CatalogEntry(0.6096, 60) };
        var values = new EpanetDesignValues(catalog, FlowUnits.CMH, HeadLossModel.HazenWilliams);
        var settings = new EpanetDesignValues.Setting[EpanetDesignValues.MaxSettings(2)];
        int n = values.Settings([1, 0], [1, 1], settings);
        Assert.Equal(2, n);
        Assert.Equal(new EpanetDesignValues.Setting(0, EpanetCodes.Diameter, 609.6), settings[0] with { Value = Math.Round(settings[0].Value, 9) });
        Assert.Equal(new EpanetDesignValues.Setting(1, EpanetCodes.Diameter, 25.4), settings[1] with { Value = Math.Round(settings[1].Value, 9) });
    }

    [Fact]
    public void No_pipe_closes_the_link_and_a_laid_size_restores_its_status_and_catalog_roughness()
    {
        // New York tunnels style: option 0 is "do not duplicate" (diameter 0), sizes carry their own C.
        var catalog = new[] { new CatalogEntry(0, 0), new CatalogEntry(0.9144, 100, Roughness: 100), new CatalogEntry(1.2192, 150) };
        var values = new EpanetDesignValues(catalog, FlowUnits.CFS, HeadLossModel.HazenWilliams);
        Assert.True(values.HasNoPipeOption);
        Assert.True(double.IsNaN(values.Diameter[0]));
        var settings = new EpanetDesignValues.Setting[EpanetDesignValues.MaxSettings(3)];
        // Pipe 2 starts closed in the .inp (EN_INITSTATUS 0): laying it keeps the file's status, as our lanes do.
        int n = values.Settings([0, 1, 2], [1, 1, 0], settings);
        Assert.Equal(new EpanetDesignValues.Setting[]
        {
            new(0, EpanetCodes.InitStatus, EpanetCodes.Closed),
            new(1, EpanetCodes.InitStatus, 1), new(1, EpanetCodes.Diameter, 36.0), new(1, EpanetCodes.Roughness, 100.0),
            new(2, EpanetCodes.InitStatus, 0), new(2, EpanetCodes.Diameter, 48.0),
        }, settings[..n].Select(s => s with { Value = Math.Round(s.Value, 9) }).ToArray());
    }
}
