using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WdnAccel.Core.Io;
using WdnAccel.Core.Lp;

namespace WdnAccel.Cli.Verbs;

/// <summary>
/// `wdnaccel serve`: the supply allocation guide's hosted-solver request (POST /api/v2/solve with `variables`, `objective`,
/// `constraints`) answered offline on a local HTTP port, with the same answer `wdnaccel lp --json` writes (the
/// guide's `status`, `objective_value`, `solution`, and the exact, certified fields). Listens on 127.0.0.1 unless told
/// otherwise; nothing in a request names a file, and the server reads and writes none. Stops on Ctrl+C or SIGTERM (exit 0).
/// </summary>
[Example("Answer the supply allocation guide's POST /api/v2/solve on http://127.0.0.1:8080 (its example then runs with API_URL = \"http://127.0.0.1:8080/api/v2\")", "wdnaccel serve")]
[Example("Any free port (printed on stderr; with --json also on stdout), floating answers only, models up to 10,000 variables", "wdnaccel serve --port 0 --no-exact --max-variables 10000 --json")]
[Verb("serve", HelpText = "Answer the supply allocation guide's JSON LP requests (POST /api/v2/solve) on a local HTTP port, certified exactly; 127.0.0.1 only unless --host says otherwise.")]
public sealed class ServeVerb : CommonOptions, ICommand
{
    [Option("port", Default = 8080, HelpText = "TCP port; 0 picks a free one (printed).")]
    public int Port { get; set; } = 8080;

    [Option("host", Default = "127.0.0.1", HelpText = "Address to listen on: an IP address or localhost. Other machines can reach the server only if this is a public address (e.g. 0.0.0.0).")]
    public string Host { get; set; } = "127.0.0.1";

    [Option("max-body-bytes", Default = ServeSettings.DefaultMaxBodyBytes, HelpText = "Largest request body accepted; larger ones get HTTP 413.")]
    public long MaxBodyBytes { get; set; } = ServeSettings.DefaultMaxBodyBytes;

    [Option("max-variables", Default = ServeSettings.DefaultMaxVariables, HelpText = "Largest model accepted (variables); larger ones get HTTP 400.")]
    public int MaxVariables { get; set; } = ServeSettings.DefaultMaxVariables;

    [Option("timeout", Default = 60.0, HelpText = "Seconds a request may wait for and run its solve; past it the answer is HTTP 504.")]
    public double TimeoutSeconds { get; set; } = 60;

    [Option("max-concurrent", Default = 0, HelpText = "Solves running at once (0: one per processor); others wait within their --timeout.")]
    public int MaxConcurrent { get; set; }

    [Option("no-exact", HelpText = "Skip exact certification (floating answers, certified: false); integer models still run exact.")]
    public bool NoExact { get; set; }

    /// <summary>serve writes no result file: --out is refused in <see cref="Settings"/>, not checked as a file.</summary>
    public override bool OutIsFile => false;

    public ExitCode Execute(CommandContext context)
    {
        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true; // exit through the normal path (exit code 0), not the runtime's default termination
            stop.Cancel();
        }
        using var handled = Interruption.VerbHandlesSignals(); // a stop, not an interruption: no "interrupted" line
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return RunAsync(context, stop.Token).GetAwaiter().GetResult();
    }

    /// <summary>Serves until <paramref name="stop"/> is cancelled; <paramref name="ready"/> gets the address once listening (tests).</summary>
    internal async Task<ExitCode> RunAsync(CommandContext context, CancellationToken stop, Action<Uri>? ready = null)
    {
        var settings = Settings() with { Log = context.Error };
        LpServer started;
        try
        {
            started = await LpServer.StartAsync(settings, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ExitCode.Success; // Ctrl+C while starting
        }
        await using var server = started;
        if (!IPAddress.IsLoopback(settings.Address))
            context.Warn($"listening on {Host}: any machine that reaches this address can submit models (there is no authentication)", "input", "--host");
        context.Error.WriteLine($"listening on {server.Address.ToString().TrimEnd('/')}");
        if (Json)
        {
            context.Out.WriteLine(context.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("listening", server.Address.ToString().TrimEnd('/'));
                w.WriteNumber("port", server.Address.Port);
                w.WriteString("solve", new Uri(server.Address, "api/v2/solve").ToString());
                w.WriteString("health", new Uri(server.Address, "api/v2/health").ToString());
                w.WriteEndObject();
            }));
            context.Out.Flush();
        }
        ready?.Invoke(server.Address);
        try { await Task.Delay(Timeout.Infinite, stop); }
        catch (OperationCanceledException) { }
        await server.StopAsync();
        context.Error.WriteLine("stopped");
        return ExitCode.Success;
    }

    /// <summary>The options, checked: each problem names its option.</summary>
    internal ServeSettings Settings()
    {
        if (Out is not null) throw new InvalidInputException("serve writes no result file; answers go to the HTTP client", field: "--out");
        if (Port is < 0 or > 65535) throw new InvalidInputException($"port {Port} is not in 0..65535 (0 picks a free port)", field: "--port");
        IPAddress address;
        if (string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase)) address = IPAddress.Loopback;
        else if (!IPAddress.TryParse(Host, out address!))
            throw new InvalidInputException($"'{Host}' is not an IP address (or localhost); e.g. 127.0.0.1, ::1, 0.0.0.0", field: "--host");
        if (MaxBodyBytes < 1) throw new InvalidInputException($"expected a positive number of bytes, got {MaxBodyBytes}", field: "--max-body-bytes");
        if (MaxVariables < 1) throw new InvalidInputException($"expected a positive number of variables, got {MaxVariables}", field: "--max-variables");
        if (!(TimeoutSeconds > 0) || TimeoutSeconds > 86_400) throw new InvalidInputException($"expected seconds in (0, 86400], got {TimeoutSeconds.ToString(CultureInfo.InvariantCulture)}", field: "--timeout");
        if (MaxConcurrent < 0) throw new InvalidInputException($"expected 0 (one per processor) or more, got {MaxConcurrent}", field: "--max-concurrent");
        return new ServeSettings
        {
            Address = address,
            Port = Port,
            MaxBodyBytes = MaxBodyBytes,
            MaxVariables = MaxVariables,
            Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
            MaxConcurrent = MaxConcurrent == 0 ? Environment.ProcessorCount : MaxConcurrent,
            Exact = !NoExact,
        };
    }
}

/// <summary>What <see cref="LpServer"/> listens on and accepts.</summary>
internal sealed record ServeSettings
{
    public const long DefaultMaxBodyBytes = 16L << 20;
    public const int DefaultMaxVariables = 100_000;

    public IPAddress Address { get; init; } = IPAddress.Loopback;
    /// <summary>0: a free port, see <see cref="LpServer.Address"/>.</summary>
    public int Port { get; init; } = 8080;
    public long MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;
    public int MaxVariables { get; init; } = DefaultMaxVariables;
    /// <summary>How long a request may wait for a solve slot and solve.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
    public int MaxConcurrent { get; init; } = Environment.ProcessorCount;
    public bool Exact { get; init; } = true;
    /// <summary>One line per request (method, path, HTTP status, LP status, size, milliseconds); null: none.</summary>
    public TextWriter? Log { get; init; }
    /// <summary>The solver (tests substitute a slow one to exercise the timeout).</summary>
    public Func<LpModel, LpSolveOptions, LpResult> Solve { get; init; } = LpSolver.Solve;
}

/// <summary>
/// The HTTP server behind `wdnaccel serve`: Kestrel with minimal-API routes, no configuration files, no environment
/// variables, no logging providers, no static files; the process's signals are the verb's business, not the host's.
/// Solves run on the thread pool, at most <see cref="ServeSettings.MaxConcurrent"/> at once; health never waits for them.
/// </summary>
internal sealed class LpServer : IAsyncDisposable
{
    public const string SolvePath = "/api/v2/solve";
    public const string HealthPath = "/api/v2/health";

    private readonly WebApplication _app;
    private readonly ServeSettings _settings;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TextWriter? _log;
    private int _running;
    private bool _stopped;

    /// <summary>The address clients use, e.g. http://127.0.0.1:8080/ (the real port when 0 was asked for).</summary>
    public Uri Address { get; private set; } = null!;

    private LpServer(WebApplication app, ServeSettings settings)
    {
        _app = app;
        _settings = settings;
        _slots = new SemaphoreSlim(settings.MaxConcurrent, settings.MaxConcurrent);
        _log = settings.Log is null ? null : TextWriter.Synchronized(settings.Log);
    }

    public static async Task<LpServer> StartAsync(ServeSettings settings, CancellationToken cancel = default)
    {
        // The empty builder reads no appsettings.json, no ASPNETCORE_* variables and adds no loggers: the options are the
        // command line's, and nothing is read from the current folder.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "wdnaccel" });
        builder.Services.AddSingleton<IHostLifetime, ManualLifetime>();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // ReadBody enforces --max-body-bytes and answers 413 without reading the rest. Kestrel then drains the unread
            // body (up to 5 s) so that the client can finish sending and read the 413; with its own limit at ours it
            // aborted the connection instead and a client still sending saw a broken pipe. Its limit stays a bound.
            k.Limits.MaxRequestBodySize = Math.Min(long.MaxValue / 4, settings.MaxBodyBytes) * 2 + (1 << 20);
            k.Listen(settings.Address, settings.Port);
        });
        var app = builder.Build();
        var server = new LpServer(app, settings);
        app.UseRouting();
        app.Use(server.NotFoundAsJson);
        app.MapPost(SolvePath, server.SolveAsync);
        app.MapGet(HealthPath, server.HealthAsync);
        try
        {
            await app.StartAsync(cancel);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            await app.DisposeAsync();
            // An address this machine does not have is the host's fault; anything else (in use, not permitted) the port's.
            bool badAddress = Chain(e).OfType<System.Net.Sockets.SocketException>().Any(s => s.SocketErrorCode == System.Net.Sockets.SocketError.AddressNotAvailable);
            throw new InvalidInputException($"cannot listen on {settings.Address}:{settings.Port}: {e.Message}", field: badAddress ? "--host" : "--port");
        }
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException) yield return x;
    }

    /// <summary>Stops listening; requests waiting for or running a solve are answered 503 at once (5 s at most for the rest).</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        _stopping.Cancel();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(grace.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HealthAsync(HttpContext http)
    {
        await WriteJson(http, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteString("status", "ok");
            w.WriteString("version", ProductVersion.Text);
            w.WriteBoolean("exact", _settings.Exact);
            w.WriteNumber("solves_running", Volatile.Read(ref _running));
            w.WriteNumber("max_concurrent", _settings.MaxConcurrent);
            w.WriteNumber("max_variables", _settings.MaxVariables);
            w.WriteNumber("max_body_bytes", _settings.MaxBodyBytes);
            w.WriteNumber("timeout_seconds", _settings.Timeout.TotalSeconds);
            w.WriteEndObject();
        });
        _log?.WriteLine($"{http.Request.Method} {http.Request.Path} {http.Response.StatusCode}");
    }

    private async Task SolveAsync(HttpContext http)
    {
        long start = Stopwatch.GetTimestamp();
        string outcome;
        try
        {
            outcome = await Solve(http);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            outcome = "client gone";
        }
        catch (Exception e)
        {
            // A defect: the type and message, never a stack trace.
            outcome = $"internal error: {e.GetType().Name}: {e.Message}";
            if (!http.Response.HasStarted)
                await Error(http, StatusCodes.Status500InternalServerError, $"internal error: {e.GetType().Name}: {e.Message} (a defect: please report it with the request)", null, null);
        }
        _log?.WriteLine($"{http.Request.Method} {http.Request.Path} {http.Response.StatusCode} {outcome} {Stopwatch.GetElapsedTime(start).TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)} ms");
    }

    /// <summary>Reads, checks, solves and answers one request; returns what the log line says about it.</summary>
    private async Task<string> Solve(HttpContext http)
    {
        var body = await ReadBody(http);
        if (body is null)
        {
            await Error(http, StatusCodes.Status413PayloadTooLarge, $"the request body is larger than {_settings.MaxBodyBytes} bytes (--max-body-bytes)", null, null);
            return "body too large";
        }
        LpModel model;
        try
        {
            model = LpJsonReader.Read(body);
        }
        catch (InvalidInputException e)
        {
            await Error(http, StatusCodes.Status400BadRequest, e.Problem, e.Field, e.Line);
            return $"bad request: {e.Message}";
        }
        if (model.Variables.Count > _settings.MaxVariables)
        {
            await Error(http, StatusCodes.Status400BadRequest,
                $"the model has {model.Variables.Count} variables; this server takes at most {_settings.MaxVariables} (--max-variables)", "variables", null);
            return "too many variables";
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token);
        deadline.CancelAfter(_settings.Timeout);
        try
        {
            await _slots.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            bool stopping = _stopping.IsCancellationRequested;
            http.Response.Headers.RetryAfter = "1";
            await Error(http, StatusCodes.Status503ServiceUnavailable, stopping
                ? "the server is stopping"
                : $"busy: {_settings.MaxConcurrent} solve(s) ran for the whole {Seconds(_settings.Timeout)} s this request could wait (--timeout, --max-concurrent)", null, null);
            return stopping ? "stopping" : "busy";
        }

        // A branch and bound stops between nodes at the deadline, freeing its slot; an LP's simplex cannot be
        // interrupted, so a solve past the deadline keeps its slot until it ends and abandoned solves never outnumber
        // --max-concurrent.
        var options = new LpSolveOptions { Exact = _settings.Exact, Cancellation = deadline.Token };
        Interlocked.Increment(ref _running);
        var solve = Task.Run(() =>
        {
            try { return _settings.Solve(model, options); }
            finally
            {
                Interlocked.Decrement(ref _running);
                _slots.Release();
            }
        });
        LpResult result;
        try
        {
            result = await solve.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            _ = solve.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted); // observed: never unobserved
            bool stopping = _stopping.IsCancellationRequested;
            await Error(http, stopping ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status504GatewayTimeout, stopping
                ? "the server is stopping"
                : $"the solve did not finish within {Seconds(_settings.Timeout)} s (--timeout)", null, null);
            return stopping ? "stopping" : "timeout";
        }
        catch (NotSupportedException e)
        {
            await Error(http, StatusCodes.Status400BadRequest, e.Message, null, null);
            return $"bad request: {e.Message}";
        }
        catch (InvalidInputException e)
        {
            await Error(http, StatusCodes.Status400BadRequest, e.Problem, e.Field, e.Line);
            return $"bad request: {e.Message}";
        }

        var warnings = new List<JsonWarning>();
        if (result.StoppedEarly)
            warnings.Add(new JsonWarning(result.StatusName, $"branch and bound stopped: {result.CertificateFailure}", null));
        else if (_settings.Exact && result.Status == LpStatus.Optimal && !result.Certified)
            warnings.Add(new JsonWarning("not_certified", $"the answer could not be certified: {result.CertificateFailure}", null));
        string document = JsonOutput.WithWarnings(JsonOutput.Build(w =>
        {
            w.WriteStartObject();
            LpJsonWriter.WriteResultProperties(w, result);
            w.WriteString("version", ProductVersion.Text); // as `lp --json` ends
            w.WriteEndObject();
        }), warnings);
        await WriteText(http, StatusCodes.Status200OK, document);
        return $"{result.StatusName}, {model.Variables.Count} variables, {model.Constraints.Count} rows";
    }

    /// <summary>The body, or null when it is larger than the limit (whether Content-Length says so or the bytes do).</summary>
    private async Task<byte[]?> ReadBody(HttpContext http)
    {
        long limit = _settings.MaxBodyBytes;
        if (http.Request.ContentLength is long declared && declared > limit) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.ToArray();
    }

    /// <summary>Unknown paths (404) and known paths with the wrong method (405) answer JSON like every other error.</summary>
    private async Task NotFoundAsJson(HttpContext http, RequestDelegate next)
    {
        await next(http);
        if (http.Response.HasStarted || http.Response.ContentLength is > 0 || http.Items.ContainsKey(Answered)) return;
        string endpoints = $"POST {SolvePath}, GET {HealthPath}";
        if (http.Response.StatusCode == StatusCodes.Status405MethodNotAllowed)
            await Error(http, StatusCodes.Status405MethodNotAllowed, $"{http.Request.Method} is not allowed on {http.Request.Path}; endpoints: {endpoints}", null, null);
        else if (http.Response.StatusCode == StatusCodes.Status404NotFound)
            await Error(http, StatusCodes.Status404NotFound, $"no endpoint {http.Request.Path}; endpoints: {endpoints}", null, null);
        else return;
        _log?.WriteLine($"{http.Request.Method} {http.Request.Path} {http.Response.StatusCode}");
    }

    private const string Answered = "wdnaccel.answered";

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>{"status": "error", "error": what is wrong, "field": the request's field path or null, "line": its line or null}.</summary>
    private static Task Error(HttpContext http, int code, string message, string? field, int? line) => WriteJson(http, code, w =>
    {
        w.WriteStartObject();
        w.WriteString("status", "error");
        w.WriteString("error", message);
        if (field is null) w.WriteNull("field");
        else w.WriteString("field", field);
        if (line is null) w.WriteNull("line");
        else w.WriteNumber("line", line.Value);
        w.WriteEndObject();
    });

    private static Task WriteJson(HttpContext http, int code, Action<Utf8JsonWriter> write) => WriteText(http, code, JsonOutput.Build(write));

    private static async Task WriteText(HttpContext http, int code, string json)
    {
        http.Items[Answered] = true;
        http.Response.StatusCode = code;
        http.Response.ContentType = "application/json; charset=utf-8";
        byte[] bytes = Encoding.UTF8.GetBytes(json + "\n");
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes);
    }

    /// <summary>The host neither waits for nor reacts to signals: `serve` stops the server itself on SIGINT/SIGTERM.</summary>
    private sealed class ManualLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
