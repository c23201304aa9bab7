using System.Globalization;
using System.Text.RegularExpressions;

namespace WdnAccel.Cli.Tests.Support;

/// <summary>An .inp file with some [PIPES] diameters replaced: a design written into its network, to run alone.</summary>
public static class InpPipeDiameters
{
    /// <summary>
    /// A copy of <paramref name="inp"/> in a new temporary folder, named <paramref name="name"/>, whose pipes named in
    /// <paramref name="design"/> have those diameters (in the file's own unit).
    /// </summary>
    public static string Write(string inp, IReadOnlyDictionary<string, double> design, string name)
    {
        var lines = File.ReadAllLines(inp);
        bool pipes = false;
        for (int i = 0; i < lines.Length; i++)
        {
            string t = lines[i].Trim();
            if (t.StartsWith('[')) pipes = t.Equals("[PIPES]", StringComparison.OrdinalIgnoreCase);
            if (!pipes || t.Length == 0 || t.StartsWith(';')) continue;
            var f = Regex.Split(t, @"\s+");
            if (design.TryGetValue(f[0], out double d))
            {
                f[4] = d.ToString(CultureInfo.InvariantCulture);
                lines[i] = string.Join(' ', f);
            }
        }
        string path = Path.Combine(CliRunner.TempDir(), name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }
}
