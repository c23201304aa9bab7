namespace WdnAccel.Core.Io;

/// <summary>Output folders are checked before the work that fills them: created if missing, and proven writable.</summary>
public static class OutputFolder
{
    /// <exception cref="InvalidInputException">The folder cannot be created or written; names <paramref name="field"/>.</exception>
    public static void Prepare(string folder, string field)
    {
        if (File.Exists(folder)) throw new InvalidInputException("is a file; expected a folder", folder, field: field);
        try
        {
            Directory.CreateDirectory(folder);
            Probe(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // .NET's message names the path again, or a part of it; the reason is what is left to say.
            string reason = e is UnauthorizedAccessException ? "permission denied" : File.Exists(Path.GetDirectoryName(Path.GetFullPath(folder)) ?? "") ? "a part of the path is a file" : e.Message;
            throw new InvalidInputException($"cannot write into this folder: {reason}", folder, field: field);
        }
    }

    /// <summary>Writes and deletes an empty file in <paramref name="folder"/>: the one sure test that writing works there.</summary>
    internal static void Probe(string folder)
    {
        string probe = Path.Combine(folder, $".wdnaccel-write-test-{Environment.ProcessId}");
        File.WriteAllText(probe, "");
        File.Delete(probe);
    }
}
