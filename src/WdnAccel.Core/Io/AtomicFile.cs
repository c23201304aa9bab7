using System.Collections.Concurrent;

namespace WdnAccel.Core.Io;

/// <summary>Whole-file writes that never leave a truncated file: a temporary name beside the target, then a rename.</summary>
public static class AtomicFile
{
    /// <summary>Temporary files being written now, so that an interrupted run can remove them (<see cref="DeleteInFlight"/>).</summary>
    private static readonly ConcurrentDictionary<string, byte> InFlight = new(StringComparer.Ordinal);

    /// <summary>
    /// Removes the temporary files of writes in progress: a process ended by a signal (Ctrl-C, SIGTERM) runs no finally
    /// block, and would otherwise leave a half-written `.NAME.tmp-PID` beside the file it was writing. Returns how many.
    /// <paramref name="folder"/>: only those in that folder (tests, which share the process with other writers).
    /// </summary>
    public static int DeleteInFlight(string? folder = null)
    {
        int deleted = 0;
        string? only = folder is null ? null : Path.GetFullPath(folder);
        foreach (string temp in InFlight.Keys)
        {
            if (only is not null && !string.Equals(Path.GetDirectoryName(temp), only, StringComparison.Ordinal)) continue;
            try
            {
                if (File.Exists(temp)) { File.Delete(temp); deleted++; }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // best effort: the process is ending
            }
        }
        return deleted;
    }

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
        InFlight[temp] = 0;
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
            InFlight.TryRemove(temp, out _);
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
