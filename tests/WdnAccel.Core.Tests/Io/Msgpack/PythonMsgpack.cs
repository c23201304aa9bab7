using System.Diagnostics;

namespace WdnAccel.Core.Tests.Io.Msgpack;

/// <summary>
/// Debian's python3-msgpack, the independent implementation the interop tests check against. It lives under
/// /usr/bin/python3 (a pyenv python earlier on PATH may lack it); .ci/run installs it.
/// </summary>
internal static class PythonMsgpack
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Missing = new(() =>
    {
        if (!File.Exists(Python)) return $"{Python} not found (apt-get install python3-msgpack)";
        try
        {
            var (code, _, err) = Run("import msgpack");
            return code == 0 ? null : $"{Python} has no msgpack module (apt-get install python3-msgpack): {err.Trim()}";
        }
        catch (Exception e)
        {
            return $"{Python} could not be started: {e.Message}";
        }
    });

    /// <summary>Why the interop tests are skipped, or null when python3-msgpack is there.</summary>
    public static string? MissingReason => Missing.Value;

    public static (int ExitCode, string Stdout, string Stderr) Run(string script, params string[] args)
    {
        var psi = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["PYTHONIOENCODING"] = "utf-8";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill();
            throw new TimeoutException("python did not finish in 60 s");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
