namespace WdnAccel.Core.Io;

/// <summary>Whole-file writes that never leave a truncated file: a temporary name beside the target, then a rename.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) => Write(path, temp => File.WriteAllText(temp, text));

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        byte[] copy = bytes.ToArray();
        Write(path, temp => File.WriteAllBytes(temp, copy));
    }

    /// <summary>Runs <paramref name="write"/> on a temporary file in the target's folder, flushes it to disk and renames it over <paramref name="path"/>.</summary>
    public static void Write(string path, Action<string> write)
    {
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}");
        try
        {
            write(temp);
            using (var f = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite)) f.Flush(flushToDisk: true);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e.Message.Contains(temp, StringComparison.Ordinal))
        {
            // A message about the temporary name ("Could not find a part of the path '/x/.a.json.tmp-123'") names the
            // file the user asked for instead: the temporary file is ours, not theirs.
            throw Renamed(e, e.Message.Replace(temp, path, StringComparison.Ordinal), path);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>An exception of <paramref name="e"/>'s kind with <paramref name="message"/>, so that handlers by kind still match.</summary>
    private static Exception Renamed(Exception e, string message, string path) => e switch
    {
        DirectoryNotFoundException => new DirectoryNotFoundException(message, e),
        FileNotFoundException => new FileNotFoundException(message, path, e),
        PathTooLongException => new PathTooLongException(message, e),
        UnauthorizedAccessException => new UnauthorizedAccessException(message, e),
        _ => new IOException(message, e),
    };
}
