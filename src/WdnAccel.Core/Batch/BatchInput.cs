using WdnAccel.Core.Io;

namespace WdnAccel.Core.Batch;

/// <summary>
/// The jobs of a batch input. A folder: every scenario or model file in it runs <c>kind</c>, job id = file name, in
/// ordinal order of the ids (the order of the result stream, whatever the folder listing says).
/// </summary>
public static class BatchInput
{
    /// <summary>File endings each job kind reads.</summary>
    public static string[] Extensions(BatchJobKind kind) => kind switch
    {
        BatchJobKind.Lp => [".json", ".mps", ".lp"],
        BatchJobKind.Paths => [".json", ".wdn", ".inp", ".msgpack"],
        _ => ScenarioFile.Extensions,
    };

    public static List<BatchJob> FromFolder(string folder, BatchJobKind kind)
    {
        if (!Directory.Exists(folder))
            throw new InvalidInputException(File.Exists(folder)
                ? "a batch input must be a folder of scenario files (.wdnb streams and manifests are not read yet)"
                : "no such folder", folder, field: "INPUT");
        var extensions = Extensions(kind);
        var jobs = Directory.EnumerateFiles(folder)
            .Where(f => extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Select(f => new BatchJob(Path.GetFileName(f), kind, f))
            .OrderBy(j => j.Id, StringComparer.Ordinal)
            .ToList();
        if (jobs.Count == 0)
            throw new InvalidInputException($"no {string.Join("/", extensions)} files for {kind.ToString().ToLowerInvariant()} jobs", folder, field: "INPUT");
        return jobs;
    }
}
