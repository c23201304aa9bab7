using WdnAccel.Cli;

namespace WdnAccel.Cli.Tests.Support;

/// <summary>Runs `wdnaccel` in-process and captures exit code, stdout and stderr.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(args, stdout, stderr);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    public static string Root => RepoPaths.Root;

    public static string Data(params string[] parts) => RepoPaths.Data(parts);

    /// <summary>A fresh temporary folder for files a test writes.</summary>
    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "wdnaccel-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

}
