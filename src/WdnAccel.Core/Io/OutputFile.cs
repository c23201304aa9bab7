namespace WdnAccel.Core.Io;

/// <summary>
/// An output file named by the user (`--out`): checked before the work that fills it, written whole (temporary file
/// + rename, <see cref="AtomicFile"/>) so that a killed run leaves the old file or none, and a write that fails (a
/// full disk) is an input error naming the file, not a crash. Paths under /dev and /proc (/dev/stdout, /dev/null,
/// /dev/fd/N) are written directly: they are devices or descriptors, and a rename would replace them.
/// </summary>
public static class OutputFile
{
    /// <exception cref="InvalidInputException">The path is a folder, its folder is missing, or nothing can be written there.</exception>
    public static void Check(string path, string field = "--out")
    {
        if (IsSpecial(path)) return; // opening a FIFO would block; a device's failure shows only on writing
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new InvalidInputException("is a folder; expected a file name", path, field: field);
        string folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new InvalidInputException($"the folder {folder} does not exist", path, field: field);
        try
        {
            OutputFolder.Probe(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"cannot write into its folder: {e.Message}", path, field: field);
        }
    }

    public static void WriteAllText(string path, string text, string field = "--out") =>
        Write(path, field, () => File.WriteAllText(path, text), () => AtomicFile.WriteAllText(path, text));

    public static void WriteAllBytes(string path, byte[] bytes, string field = "--out") =>
        Write(path, field, () => File.WriteAllBytes(path, bytes), () => AtomicFile.WriteAllBytes(path, bytes));

    /// <summary>Streams what <paramref name="write"/> produces into the file (temporary file + rename), so a large answer need not be held in memory.</summary>
    public static void Write(string path, Action<Stream> write, string field = "--out") =>
        Write(path, field,
            () => { using var f = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, 1 << 16); write(f); },
            () => AtomicFile.Write(path, temp => { using var f = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16); write(f); }));

    private static void Write(string path, string field, Action direct, Action atomic)
    {
        try
        {
            if (IsSpecial(path)) direct();
            else atomic();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"cannot write: {e.Message}", path, field: field);
        }
    }

    /// <summary>True for /dev and /proc paths, which are written in place (they cannot be renamed over, nor read back).</summary>
    public static bool IsSpecial(string path)
    {
        string full = Path.GetFullPath(path);
        return full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal);
    }
}
