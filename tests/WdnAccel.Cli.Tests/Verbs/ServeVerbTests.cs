using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using WdnAccel.Cli.Tests.Support;
using WdnAccel.Cli.Verbs;
using WdnAccel.Core.Io;
using WdnAccel.Core.Lp;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>One server for the request tests: small limits so that 413 and the variable limit are cheap to reach.</summary>
public sealed class ServeFixture : IAsyncLifetime
{
    public const long MaxBody = 64 * 1024;
    public const int MaxVariables = 30; // the guide's example has 24

    internal LpServer Server { get; private set; } = null!;
    public HttpClient Client { get; } = ServeVerbTests.NewClient();
    public StringWriter Log { get; } = new();

    public async Task InitializeAsync() =>
        Server = await LpServer.StartAsync(new ServeSettings { Port = 0, MaxBodyBytes = MaxBody, MaxVariables = MaxVariables, Log = Log });

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

public class ServeVerbTests(ServeFixture fixture) : IClassFixture<ServeFixture>
{
    private static readonly string Example = RepoPaths.Data("lp", "supply-allocation-request.json");

    internal static HttpClient NewClient() => new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(20) };

    private Uri Solve => new(fixture.Server.Address, "api/v2/solve");
    private Uri Health => new(fixture.Server.Address, "api/v2/health");

    private static async Task<(HttpStatusCode Code, JsonElement Body)> Post(HttpClient client, Uri uri, HttpContent content)
    {
        using var response = await client.PostAsync(uri, content);
        string text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private Task<(HttpStatusCode Code, JsonElement Body)> Post(string json) =>
        Post(fixture.Client, Solve, new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task The_guides_request_is_answered_with_its_optimum_and_the_same_exact_fields_as_lp_json()
    {
        var (code, body) = await Post(fixture.Client, Solve, new ByteArrayContent(File.ReadAllBytes(Example)));
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("optimal", body.GetProperty("status").GetString());
        Assert.Equal(989, body.GetProperty("objective_value").GetDouble(), 9);
        Assert.Equal("989", body.GetProperty("objective_exact").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+(\+[0-9a-f]{40})?$", body.GetProperty("version").GetString()); // as `lp --json` states it
        Assert.True(body.GetProperty("certified").GetBoolean());
        // What the guide's script reads: every zone served its demand (nonzero flows only, as the guide's .get(name, 0) expects).
        var solution = body.GetProperty("solution");
        double[] demand = [12, 8, 15, 10, 9, 11];
        for (int z = 0; z < 6; z++)
        {
            double served = Enumerable.Range(0, 3).Sum(p => solution.TryGetProperty($"pz_{p}_{z}", out var v) ? v.GetDouble() : 0);
            Assert.Equal(demand[z], served, 9);
        }
        Assert.Equal(30, solution.GetProperty("sp_0_0").GetDouble(), 9);
        Assert.False(solution.TryGetProperty("sp_0_1", out _));
        Assert.Equal(0, body.GetProperty("warnings").GetArrayLength());

        // The exact fields are `wdnaccel lp --json`'s, byte for byte.
        var lp = CliRunner.Run("lp", Example, "--json");
        Assert.Equal(0, lp.ExitCode);
        var cli = JsonDocument.Parse(lp.Out).RootElement;
        foreach (string key in new[] { "solution_exact", "duals_exact", "reduced_costs", "solution" })
            Assert.Equal(cli.GetProperty(key).GetRawText(), body.GetProperty(key).GetRawText());
        // Zone 1's marginal cost and plant 1's capacity value (a bottleneck), as `allocate` reports them.
        Assert.Equal("17", body.GetProperty("duals_exact").GetProperty("demand_0").GetString());
        Assert.Equal("-4", body.GetProperty("duals_exact").GetProperty("plant_cap_0").GetString());
    }

    [Fact]
    public async Task An_infeasible_model_is_a_200_with_its_farkas_certificate()
    {
        var (code, body) = await Post(fixture.Client, Solve, new ByteArrayContent(File.ReadAllBytes(RepoPaths.Data("lp", "infeasible.json"))));
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("infeasible", body.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("objective_value").ValueKind);
        Assert.Equal("farkas", body.GetProperty("certificate").GetProperty("type").GetString());
        Assert.True(body.GetProperty("certified").GetBoolean());
    }

    [Fact]
    public async Task Health_says_ok_with_the_version_and_the_limits()
    {
        using var response = await fixture.Client.GetAsync(Health);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.StartsWith("0.", body.GetProperty("version").GetString());
        Assert.Equal(ServeFixture.MaxVariables, body.GetProperty("max_variables").GetInt32());
        Assert.Equal(ServeFixture.MaxBody, body.GetProperty("max_body_bytes").GetInt64());
        Assert.True(body.GetProperty("exact").GetBoolean());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_naming_the_problem_and_its_line()
    {
        var (code, body) = await Post("{\"variables\": [\n  {\"name\": \"x\",,}\n]}");
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("error", body.GetProperty("status").GetString());
        Assert.StartsWith("malformed JSON", body.GetProperty("error").GetString());
        Assert.Equal(2, body.GetProperty("line").GetInt32());
        Assert.DoesNotContain(" at ", body.GetProperty("error").GetString()); // no stack trace

        var (empty, emptyBody) = await Post("");
        Assert.Equal(HttpStatusCode.BadRequest, empty);
        Assert.StartsWith("malformed JSON", emptyBody.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_unknown_variable_in_a_constraint_is_a_400_with_its_field_path()
    {
        // pz_2_5 in demand_5's row (coefficient 1) renamed; the objective (coefficient 16) and the variable keep the name.
        string request = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(Example), "\"pz_2_5\": 1(?=\\s*[,}])", "\"pz_9_5\": 1");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(request, "pz_9_5"));
        var (code, body) = await Post(request);
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("unknown variable 'pz_9_5'", body.GetProperty("error").GetString());
        Assert.Equal("constraints[demand_5].coefficients.pz_9_5", body.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_wrong_sense_is_a_400_with_its_field_path()
    {
        var (code, body) = await Post("""{"variables": [{"name": "x"}], "objective": {"sense": "minimise", "coefficients": {"x": 1}}}""");
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("objective.sense", body.GetProperty("field").GetString());
        Assert.Contains("minimise", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_with_or_without_a_content_length()
    {
        string big = File.ReadAllText(Example) + new string(' ', (int)ServeFixture.MaxBody); // valid JSON, too long
        var (code, body) = await Post(big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, code);
        Assert.Contains($"{ServeFixture.MaxBody} bytes", body.GetProperty("error").GetString());

        // Chunked: no Content-Length, the limit is found while reading.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Solve) { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);

        // Just under the limit is read and solved.
        string fits = File.ReadAllText(Example) + new string(' ', (int)ServeFixture.MaxBody - (int)new FileInfo(Example).Length);
        Assert.Equal(ServeFixture.MaxBody, Encoding.UTF8.GetByteCount(fits));
        Assert.Equal(HttpStatusCode.OK, (await Post(fits)).Code);
    }

    [Fact]
    public async Task A_model_over_max_variables_is_a_400_naming_the_limit()
    {
        string Model(int n) => JsonSerializer.Serialize(new
        {
            variables = Enumerable.Range(0, n).Select(i => new { name = $"x{i}", ub = 1 }),
            objective = new { sense = "maximize", coefficients = Enumerable.Range(0, n).ToDictionary(i => $"x{i}", i => 1) },
        });
        var (code, body) = await Post(Model(ServeFixture.MaxVariables + 1));
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("variables", body.GetProperty("field").GetString());
        Assert.Contains($"{ServeFixture.MaxVariables + 1} variables", body.GetProperty("error").GetString());
        Assert.Contains($"at most {ServeFixture.MaxVariables} (--max-variables)", body.GetProperty("error").GetString());

        var (ok, answer) = await Post(Model(ServeFixture.MaxVariables));
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(ServeFixture.MaxVariables, answer.GetProperty("objective_value").GetDouble(), 9);
    }

    [Fact]
    public async Task Wrong_method_is_405_and_unknown_path_404_both_json()
    {
        using var get = await fixture.Client.GetAsync(Solve);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Contains("POST", get.Content.Headers.Allow);
        Assert.Contains("GET is not allowed on /api/v2/solve", JsonDocument.Parse(await get.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());

        using var postHealth = await fixture.Client.PostAsync(Health, new StringContent("{}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, postHealth.StatusCode);

        // Nothing in a path names a file: an unknown path (however it looks) is 404 from the router.
        foreach (string path in new[] { "api/v1/solve", "data/lp/supply-allocation-request.json", "..%2F..%2Fetc%2Fpasswd" })
        {
            using var missing = await fixture.Client.GetAsync(new Uri(fixture.Server.Address, path));
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Contains("no endpoint", JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task A_stuck_solve_times_out_with_504_while_health_still_answers_and_a_second_solve_gets_503()
    {
        using var gate = new ManualResetEventSlim(false);
        var settings = new ServeSettings
        {
            Port = 0,
            Timeout = TimeSpan.FromMilliseconds(250),
            MaxConcurrent = 1,
            Solve = (model, options) => { gate.Wait(TimeSpan.FromSeconds(10)); return LpSolver.Solve(model, options); },
        };
        await using var server = await LpServer.StartAsync(settings);
        using var client = NewClient();
        var content = () => new ByteArrayContent(File.ReadAllBytes(Example));
        try
        {
            var first = Post(client, new Uri(server.Address, "api/v2/solve"), content());
            // Health does not wait for the solve: asked until the solve holds its slot (how soon depends on the
            // machine's load; a fixed 100 ms missed it on a busy one), each answer well before the held solve ends.
            int running = 0;
            for (int poll = 0; poll < 100 && running == 0; poll++)
            {
                var clock = Stopwatch.StartNew();
                using var health = await client.GetAsync(new Uri(server.Address, "api/v2/health"));
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
                // The solve is held for 10 s; a loaded 2-core machine has taken 2.3 s to answer health.
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"health took {clock.Elapsed}");
                running = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("solves_running").GetInt32();
                if (running == 0) await Task.Delay(50);
            }
            Assert.Equal(1, running);

            var (code, body) = await first;
            Assert.Equal(HttpStatusCode.GatewayTimeout, code);
            Assert.Equal("the solve did not finish within 0.25 s (--timeout)", body.GetProperty("error").GetString());

            // The abandoned solve still holds the only slot: the next request cannot start and says so.
            var (busy, busyBody) = await Post(client, new Uri(server.Address, "api/v2/solve"), content());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy);
            Assert.StartsWith("busy", busyBody.GetProperty("error").GetString());
        }
        finally
        {
            gate.Set();
        }
        // Once it ends, the slot is free again (asked for up to 10 s: a loaded 2-core machine is slow to end it).
        for (int i = 0; i < 500 && (await JsonOf(client, new Uri(server.Address, "api/v2/health"))).GetProperty("solves_running").GetInt32() > 0; i++) await Task.Delay(20);
        var (again, answer) = await Post(client, new Uri(server.Address, "api/v2/solve"), content());
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(989, answer.GetProperty("objective_value").GetDouble(), 9);
    }

    private static async Task<JsonElement> JsonOf(HttpClient client, Uri uri) =>
        JsonDocument.Parse(await client.GetStringAsync(uri)).RootElement.Clone();

    [Fact]
    public async Task No_exact_gives_the_floating_answer_uncertified()
    {
        await using var server = await LpServer.StartAsync(new ServeSettings { Port = 0, Exact = false });
        using var client = NewClient();
        var (code, body) = await Post(client, new Uri(server.Address, "api/v2/solve"), new ByteArrayContent(File.ReadAllBytes(Example)));
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(989, body.GetProperty("objective_value").GetDouble(), 6);
        Assert.False(body.GetProperty("certified").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("objective_exact").ValueKind);
    }

    [Fact]
    public async Task The_verb_prints_where_it_listens_answers_and_stops_with_exit_0()
    {
        var stderr = new StringWriter();
        var stdout = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var verb = new ServeVerb { Port = 0, Json = true };
        var run = Task.Run(() => verb.RunAsync(new CommandContext(stdout, stderr), stop.Token, listening.SetResult));
        var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("127.0.0.1", address.Host);
        Assert.NotEqual(0, address.Port);
        using (var client = NewClient())
            Assert.Equal("ok", (await JsonOf(client, new Uri(address, "api/v2/health"))).GetProperty("status").GetString());
        stop.Cancel();
        Assert.Equal(ExitCode.Success, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains($"listening on http://127.0.0.1:{address.Port}\n", stderr.ToString().ReplaceLineEndings("\n"));
        Assert.Contains("GET /api/v2/health 200", stderr.ToString()); // the request log line
        Assert.Equal(address.Port, JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("port").GetInt32());
        // Stopped means the port is closed.
        using var probe = NewClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => probe.GetAsync(new Uri(address, "api/v2/health")));
    }

    [Theory]
    [InlineData("--host", "example.org", "--host")]
    [InlineData("--port", "70000", "--port")]
    [InlineData("--max-variables", "0", "--max-variables")]
    [InlineData("--timeout", "0", "--timeout")]
    [InlineData("--out", "answers.json", "--out")]
    public void Bad_options_are_refused_before_listening(string option, string value, string named)
    {
        var r = CliRunner.Run("serve", option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"field '{named}'", r.Error);
        Assert.DoesNotContain("listening", r.Error);
    }

    [Fact]
    public async Task A_port_in_use_is_a_bad_input_naming_the_port()
    {
        var e = await Assert.ThrowsAsync<InvalidInputException>(() => LpServer.StartAsync(new ServeSettings { Port = fixture.Server.Address.Port }));
        Assert.Equal("--port", e.Field);
        Assert.Contains($":{fixture.Server.Address.Port}", e.Problem);
    }
}

/// <summary>Tests that run other processes (the executable, python3): a class of their own, so they overlap the others.</summary>
public class ServeProcessTests
{
    /// <summary>
    /// The real executable: SIGTERM stops it with exit code 0. SIGINT (Ctrl+C) goes through the same handler, but is not
    /// sent here: a shell starts background jobs with SIGINT ignored and children inherit that, so under a backgrounded
    /// test run the signal never arrives (it hung this test for 45 s).
    /// </summary>
    [Fact]
    public async Task A_signal_stops_the_process_with_exit_0()
    {
        if (OperatingSystem.IsWindows()) return; // no kill(1); Ctrl+C goes through the same handler
        await StopWith("TERM");
    }

    private static async Task StopWith(string signal)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "wdnaccel.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "serve", "--port", "0"]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        try
        {
            string? line = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15));
            Assert.StartsWith("listening on http://127.0.0.1:", line);
            using (var kill = Process.Start("kill", ["-s", signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            // Generous: on a loaded 2-core CI machine (fuzz and front tests running beside it) shutdown once took over 10 s.
            try { await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(45)); }
            catch (TimeoutException) { Assert.Fail($"SIG{signal}: still running 45 s after the signal"); }
            Assert.True(process.ExitCode == 0, $"SIG{signal}: exit code {process.ExitCode}");
            Assert.Contains("stopped", await process.StandardError.ReadToEndAsync());
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
    }

    /// <summary>
    /// The guide's Python example itself (TestData/Serve/supply_allocation_example.py: the example as printed, API_URL
    /// pointed here; httpx or, without it, a standard-library stand-in). Needs python3 only, no network; skipped without it.
    /// </summary>
    [Fact]
    public async Task The_guides_python_example_prints_its_report_against_the_local_server()
    {
        string script = Path.Combine(AppContext.BaseDirectory, "TestData", "Serve", "supply_allocation_example.py");
        Assert.True(File.Exists(script));
        // The system's python3 when there is one (a version manager's shim can take a second to start); any python3 else.
        string python3 = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python3, [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        await using var server = await LpServer.StartAsync(new ServeSettings { Port = 0 });
        start.Environment["WDNACCEL_API_URL"] = new Uri(server.Address, "api/v2").ToString();
        start.Environment["NO_PROXY"] = start.Environment["no_proxy"] = "127.0.0.1,localhost";
        foreach (string proxy in new[] { "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy" }) start.Environment.Remove(proxy);
        Process python;
        try { python = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception) { return; } // no python3 on this machine
        using (python)
        {
            var output = python.StandardOutput.ReadToEndAsync();
            var error = python.StandardError.ReadToEndAsync();
            await python.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.True(python.ExitCode == 0, await error);
            string[] lines = (await output).ReplaceLineEndings("\n").Trim().Split('\n');
            Assert.Equal("Status: optimal", lines[0]);
            Assert.Equal("Total daily cost: $989", lines[1]);
            Assert.Equal(["  Plant 1: 30.0 ML/day", "  Plant 2: 25.0 ML/day", "  Plant 3: 10.0 ML/day"], lines[2..5]);
            Assert.Equal("  Zone 3: 15.0 ML (demand: 15)", lines[7]);
            Assert.Equal(11, lines.Length);
        }
    }
}
