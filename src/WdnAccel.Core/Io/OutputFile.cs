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
        // Many tools read '-' as standard output; writing a file named '-' instead would surprise such a user.
        if (path == "-")
            throw new InvalidInputException("'-' is not read as standard output here; expected a file name"
                + (field == "--out" ? " (without --out, answers go to standard output)" : ""), path, field: field);
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

    /// <summary>
    /// Refuses a file name whose extension says another format than the one written (`optimize --out r.csv` would get
    /// JSON, `batch plan --out s.json` a MessagePack stream that batch then reads as a manifest), before the work. A
    /// name without an extension and /dev paths pass.
    /// </summary>
    /// <param name="writes">What the option writes, as the message says it ("JSON", "an SVG image").</param>
    /// <param name="extensions">The extensions that say so, with their dot; compared ignoring case.</param>
    /// <exception cref="InvalidInputException">The extension is another one; names <paramref name="field"/>.</exception>
    public static void CheckExtension(string path, string field, string writes, params string[] extensions)
    {
        if (IsSpecial(path) || Path.GetExtension(path) is not { Length: > 0 } ext) return;
        if (extensions.Any(e => e.Equals(ext, StringComparison.OrdinalIgnoreCase))) return;
        throw new InvalidInputException(
            $"{field} writes {writes}; expected a {string.Join(" or ", extensions)} file name, got '{ext}'", path, field: field);
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
