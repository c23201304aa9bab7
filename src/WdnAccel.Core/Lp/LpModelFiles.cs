using WdnAccel.Core.Io;

namespace WdnAccel.Core.Lp;

/// <summary>Reads or writes an LP model in the format named by the file extension (.json, .mps, .lp) or by an explicit format.</summary>
public static class LpModelFiles
{
    public static string FormatOf(string path, string? format = null)
    {
        string f = (format ?? Path.GetExtension(path).TrimStart('.')).ToLowerInvariant();
        return f switch
        {
            "json" => "json",
            "mps" or "fmps" => "mps",
            "lp" => "lp",
            _ => throw new InvalidInputException($"unknown LP format '{f}' (expected json, mps or lp)", path, null, "format"),
        };
    }

    public static LpModel Read(string path, string? format = null)
    {
        string f = FormatOf(path, format);
        InputFile.Require(path);
        return f switch
        {
            "json" => LpJsonReader.Read(path),
            "mps" => MpsReader.Read(path),
            _ => CplexLpReader.Read(path),
        };
    }

    /// <summary>
    /// The model as text in <paramref name="format"/>. A model without variables is refused in every format (the LP
    /// format cannot even write its rows), as is a name the format cannot hold (<see cref="CplexLpWriter"/>,
    /// <see cref="MpsWriter"/>).
    /// </summary>
    public static string Write(LpModel model, string format)
    {
        if (model.Variables.Count == 0) throw new InvalidInputException("the model has no variables, so there is no model to write");
        return format switch
        {
            "mps" => MpsWriter.Write(model),
            "lp" => CplexLpWriter.Write(model),
            "json" => WriteJson(model),
            _ => throw new ArgumentException($"unknown format '{format}'"),
        };
    }

    /// <summary>The model as the text of <paramref name="path"/>'s format (by its extension); a refusal names that file.</summary>
    public static string WriteFor(LpModel model, string path)
    {
        string format = FormatOf(path);
        try
        {
            return Write(model, format);
        }
        catch (InvalidInputException e)
        {
            throw e.InFile(path);
        }
    }

    private static string WriteJson(LpModel model)
    {
        using var buffer = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Indented = true }))
            LpJsonWriter.WriteModel(w, model);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
