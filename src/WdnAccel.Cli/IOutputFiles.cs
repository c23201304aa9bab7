namespace WdnAccel.Cli;

/// <summary>
/// A verb that writes files the user names. <see cref="Program"/> checks each with <see cref="Core.Io.OutputFile.Check"/>
/// before the work, so that a missing folder is reported in one wording ("field '--out': the folder … does not exist")
/// and before a long run, not at its end as .NET's message about a temporary file.
/// </summary>
public interface IOutputFiles
{
    /// <summary>Each output file given, with the option or argument that named it.</summary>
    IEnumerable<(string Path, string Field)> OutputFiles { get; }
}
