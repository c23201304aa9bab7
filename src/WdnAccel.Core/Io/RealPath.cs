namespace WdnAccel.Core.Io;

/// <summary>
/// A path with its symbolic links resolved, as POSIX realpath(3) gives it, for telling whether two names reach one file:
/// `net.json` and a link `latest.json → net.json` (or `runs/net.json` through a linked folder) are the same input.
/// Path.GetFullPath only normalises the spelling (relative, `./`, `..`) and follows no link.
/// </summary>
public static class RealPath
{
    /// <summary>
    /// <paramref name="path"/> absolute, each linked folder on the way replaced by its final target, and the last part
    /// too when <paramref name="followLast"/>. An output file is written by a rename onto its name (<see cref="AtomicFile"/>),
    /// which replaces a link there rather than the file it points to: give false for outputs. A part that does not exist
    /// (or a link that cannot be resolved: a loop) is kept as written.
    /// </summary>
    public static string Of(string path, bool followLast = true)
    {
        int links = 0;
        return Of(path, followLast, ref links);
    }

    private static string Of(string path, bool followLast, ref int links)
    {
        string full = Path.GetFullPath(path);
        string root = Path.GetPathRoot(full) ?? "";
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        string current = root;
        for (int i = 0; i < parts.Length; i++)
        {
            string next = Path.Combine(current, parts[i]);
            if (followLast || i < parts.Length - 1)
            {
                try
                {
                    FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
                    // A target is absolute or relative to the link's folder; its own folders may be links too (at most
                    // 40 links in all, as Linux's MAXSYMLINKS).
                    if (info.LinkTarget is { } target && ++links <= 40)
                        next = Of(Path.IsPathRooted(target) ? target : Path.Combine(current, target), true, ref links);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // unresolvable: compare as written
                }
            }
            current = next;
        }
        return current;
    }
}
