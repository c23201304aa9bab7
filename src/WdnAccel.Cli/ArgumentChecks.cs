using System.Collections;
using System.Reflection;
using CommandLine;
using WdnAccel.Core.Io;

namespace WdnAccel.Cli;

/// <summary>
/// What the command-line parser leaves unsaid, said in one line: which verb or option was not understood and the
/// nearest real one ("did you mean --population?"), arguments nobody takes (`validate a.inp b.inp` used to validate
/// only a.inp), and option values that are not finite numbers (NaN was accepted).
/// </summary>
public static class ArgumentChecks
{
    /// <summary>An on | off option's value (case-insensitive); anything else is refused naming the option.</summary>
    public static bool OnOff(string? value, string option) => value?.Trim().ToLowerInvariant() switch
    {
        "on" => true,
        "off" => false,
        _ => throw new InvalidInputException($"{option} '{value}': expected on or off", field: option),
    };

    /// <summary>The parser's first complaint in words, or null when it only printed help or a version.</summary>
    public static string? Describe(IEnumerable<Error> errors, string[] args, Type[] verbs)
    {
        foreach (var e in errors)
        {
            switch (e)
            {
                case BadVerbSelectedError bad:
                    return $"unknown verb '{bad.Token}'{Suggest(bad.Token, verbs.Select(v => v.GetCustomAttribute<VerbAttribute>()!.Name))}";
                case UnknownOptionError unknown:
                    var verb = verbs.FirstOrDefault(v => args.Length > 0 && v.GetCustomAttribute<VerbAttribute>()!.Name == args[0]);
                    var names = verb is null ? [] : Options(verb).Select(o => o.Option.LongName).Where(n => n is not null).Select(n => n!);
                    string token = unknown.Token.Length == 1 ? $"-{unknown.Token}" : $"--{unknown.Token}";
                    return $"unknown option '{token}'{Suggest(unknown.Token, names, "--")}";
                case MissingRequiredOptionError missing:
                    return missing.NameInfo.LongName.Length > 0 ? $"missing required option --{missing.NameInfo.LongName}" : "missing a required argument (see the usage above)";
                case BadFormatConversionError format:
                    return $"--{format.NameInfo.LongName}: the value is not of the expected type";
                case MissingValueOptionError value:
                    return $"--{value.NameInfo.LongName} needs a value";
                case RepeatedOptionError repeated:
                    return $"--{repeated.NameInfo.LongName} is given twice";
                case NoVerbSelectedError:
                    return "no verb given; choose one of those listed above";
            }
        }
        return null;
    }

    /// <summary>Refuses arguments no option or value of the verb takes, and option values that are NaN or ±∞.</summary>
    public static void Check(object command, string[] args)
    {
        var type = command.GetType();
        var options = Options(type).ToList();
        var values = type.GetProperties().Select(p => (Property: p, Value: p.GetCustomAttribute<ValueAttribute>())).Where(v => v.Value is not null).ToList();
        bool valuesTakeMany = values.Any(v => v.Property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(v.Property.PropertyType));
        int positional = 0;
        for (int i = 1; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--") break;
            if (a.StartsWith('-') && a.Length > 1 && !double.TryParse(a, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                string name = a.TrimStart('-').Split('=')[0];
                var option = options.FirstOrDefault(o => o.Option.LongName == name || o.Option.ShortName == name);
                if (option.Property is not null && option.Property.PropertyType != typeof(bool) && !a.Contains('=')) i++; // its value
                continue;
            }
            positional++;
            if (!valuesTakeMany && positional > values.Count)
                throw new InvalidInputException($"unexpected argument '{a}': `{args[0]}` takes {values.Count} file or value argument(s)");
        }
        foreach (var (property, option) in options)
        {
            foreach (double v in Numbers(property.GetValue(command)))
            {
                if (!double.IsFinite(v)) throw new InvalidInputException($"expected a finite number, got {v}", field: $"--{option.LongName}");
            }
        }
    }

    private static IEnumerable<double> Numbers(object? value) => value switch
    {
        double d => [d],
        float f => [f],
        IEnumerable<double> many => many,
        _ => [],
    };

    private static IEnumerable<(PropertyInfo Property, OptionAttribute Option)> Options(Type verb) =>
        verb.GetProperties().Select(p => (p, p.GetCustomAttribute<OptionAttribute>()!)).Where(o => o.Item2 is not null);

    /// <summary>" (did you mean X?)" for the candidate nearest to <paramref name="token"/> in edit distance, when near enough.</summary>
    private static string Suggest(string token, IEnumerable<string> candidates, string prefix = "")
    {
        var best = candidates.Select(c => (Name: c, Distance: Distance(token.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, token.Length / 3) ? $" (did you mean {prefix}{best.Name}?)" : "";
    }

    /// <summary>Levenshtein distance.</summary>
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
