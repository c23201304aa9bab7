namespace WdnAccel.Core.Io;

/// <summary>
/// An input file named by the user, checked before it is opened so that a wrong path is reported in one wording
/// ("PATH: file not found", "PATH: is a folder; expected a file") instead of .NET's ("Could not find file '/abs/…'",
/// "Access to the path … is denied.").
/// </summary>
public static class InputFile
{
    /// <param name="what">What the file is, for the message: "file", "design file", ….</param>
    /// <exception cref="InvalidInputException">The path is a folder, or nothing is there.</exception>
    public static void Require(string path, string what = "file", string? field = null)
    {
        if (File.Exists(path)) return;
        if (Directory.Exists(path)) throw new InvalidInputException($"is a folder; expected a {what}", path, field: field);
        throw new InvalidInputException($"{what} not found", path, field: field);
    }
}
