using System.Collections;
using System.Reflection;
using CommandLine;
using WdnAccel.Core.Io;

namespace WdnAccel.Cli;

/// <summary>
/// What the command-line parser leaves unsaid, said in one line: which verb or option was not understood and the
/// nearest real one ("did you mean --population?"), a value of the wrong type echoed with the type expected
/// ("--evaluations: 'abc' is not a whole number"), arguments nobody takes (`validate a.inp b.inp` used to validate
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

    /// <summary>
    /// Refuses a whole-number option below <paramref name="min"/> ("--evaluations must be at least 1, got 0"), naming the
    /// option; null (not given) passes. For the checks a verb makes before its work, so that a bad count is bad input
    /// named after the option, not a refusal from deep in the run.
    /// </summary>
    public static void AtLeast(long? value, long min, string option)
    {
        if (value < min) throw new InvalidInputException($"{option} must be at least {min}, got {value}", field: option);
    }

    /// <summary>The parser's first complaint in words, or null when it only printed help or a version.</summary>
    public static string? Describe(IEnumerable<Error> errors, string[] args, Type[] verbs)
    {
        // An option left without its value can be the cause of what the parser says (`--out=` is a "bad format token"):
        // name it first.
        if (VerbOf(args, verbs) is { } given && MissingValue(args, given) is { } noValue)
            return noValue;
        foreach (var e in errors)
        {
            switch (e)
            {
                case BadVerbSelectedError bad:
                    return $"unknown verb '{bad.Token}'{Suggest(bad.Token, verbs.Select(v => v.GetCustomAttribute<VerbAttribute>()!.Name))}";
                case UnknownOptionError unknown:
                    var verb = VerbOf(args, verbs);
                    var names = verb is null ? [] : Options(verb).Select(o => o.Option.LongName).Where(n => n is not null).Select(n => n!);
                    string token = unknown.Token.Length == 1 ? $"-{unknown.Token}" : $"--{unknown.Token}";
                    return $"unknown option '{token}'{Suggest(unknown.Token, names, "--")}";
                case MissingRequiredOptionError missing:
                    return missing.NameInfo.LongName.Length > 0 ? $"missing required option --{missing.NameInfo.LongName}" : "missing a required argument (see the usage above)";
                case BadFormatConversionError format:
                    return BadValue(format.NameInfo, args, verbs);
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

    /// <summary>
    /// Whether the parser's complaint is best answered with the whole help page: no verb or an unknown one (the page
    /// lists the verbs), or a required argument left out (the page shows the usage). A bad value, an unknown option or
    /// one given twice is said in one line with a pointer to the verb's help instead of under ~70 lines of it.
    /// </summary>
    public static bool NeedsHelpPage(IEnumerable<Error> errors) =>
        errors.Any(e => e.Tag is ErrorType.NoVerbSelectedError or ErrorType.BadVerbSelectedError or ErrorType.MissingRequiredOptionError);

    /// <summary>The verb class <paramref name="args"/> name first, or null.</summary>
    private static Type? VerbOf(string[] args, Type[] verbs) =>
        args.Length == 0 ? null : verbs.FirstOrDefault(v => v.GetCustomAttribute<VerbAttribute>()!.Name == args[0]);

    /// <summary>
    /// "--evaluations: 'abc' is not a whole number": the value the parser could not convert, echoed, and the type the
    /// option takes in words (a whole number, a whole number ≥ 0, a number, one of …, a list of them), or the range
    /// it missed when it is a whole number too large or too small for the option.
    /// </summary>
    private static string BadValue(NameInfo name, string[] args, Type[] verbs)
    {
        string option = name.LongName.Length > 0 ? $"--{name.LongName}" : $"-{name.ShortName}";
        var verb = VerbOf(args, verbs);
        var (property, attribute) = verb is null ? default
            : Options(verb).FirstOrDefault(o => (name.LongName.Length > 0 && o.Option.LongName == name.LongName) || (name.ShortName.Length > 0 && o.Option.ShortName == name.ShortName));
        if (property is null) return $"{option}: the value is not of the expected type";
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var item = type != typeof(string) && type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[0] : null;
        var values = ValuesOf(args, attribute, many: item is not null).ToList();
        if (values.Count == 0) return $"{option}: the value is not {Kind(type)}";
        if (item is null) return $"{option}: {Refusal(values[0], type)}";
        // A list: the first item that does not convert, in the value it came in.
        foreach (string value in values)
        {
            foreach (string part in attribute.Separator == '\0' ? [value] : value.Split(attribute.Separator))
            {
                if (!Converts(part, item)) return value == part ? $"{option}: {Refusal(part, item)}" : $"{option}: {Refusal(part, item)} (in '{value}')";
            }
        }
        return $"{option}: '{string.Join(" ", values)}' is not {Kind(type)}";
    }

    /// <summary>
    /// The tokens given as <paramref name="option"/>'s value: the one after "--name", or every one up to the next option
    /// for a list (<paramref name="many"/>), or what follows "--name=".
    /// </summary>
    private static IEnumerable<string> ValuesOf(string[] args, OptionAttribute? option, bool many)
    {
        if (option is null) yield break;
        for (int i = 1; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--") yield break;
            if (option.LongName.Length > 0 && a.StartsWith($"--{option.LongName}=", StringComparison.Ordinal))
            {
                yield return a[(option.LongName.Length + 3)..];
                continue;
            }
            if (!((option.LongName.Length > 0 && a == $"--{option.LongName}") || (option.ShortName.Length > 0 && a == $"-{option.ShortName}"))) continue;
            do
            {
                if (i + 1 >= args.Length || LooksLikeOption(args[i + 1])) break;
                yield return args[++i];
            }
            while (many);
        }
    }

    /// <summary>"'abc' is not a whole number", or the range a whole number missed ("'-1' is out of range: …").</summary>
    private static string Refusal(string value, Type type)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (IntegerRange(type) is var (min, max))
        {
            if (System.Numerics.BigInteger.TryParse(value.Trim(), System.Globalization.NumberStyles.Integer, inv, out var whole))
                return whole < min
                    ? (min == 0 ? $"'{value}' is not {Kind(type)}" : $"'{value}' is too small (at least {min})")
                    : $"'{value}' is too large (at most {max})";
            // "1e3" reads as a number to a person: say what to write instead.
            if (double.TryParse(value, System.Globalization.NumberStyles.Float, inv, out double d) && double.IsFinite(d) && d == Math.Floor(d)
                && (decimal)d >= (decimal)min && (decimal)d <= (decimal)max)
                return $"'{value}' is not {Kind(type)} (write {d.ToString("F0", inv)})";
        }
        return $"'{value}' is not {Kind(type)}";
    }

    /// <summary>The smallest and largest value of an integer type, or null for another type.</summary>
    private static (System.Numerics.BigInteger Min, System.Numerics.BigInteger Max)? IntegerRange(Type type) => type switch
    {
        _ when type == typeof(int) => (int.MinValue, int.MaxValue),
        _ when type == typeof(long) => (long.MinValue, long.MaxValue),
        _ when type == typeof(uint) => (uint.MinValue, uint.MaxValue),
        _ when type == typeof(ulong) => (ulong.MinValue, ulong.MaxValue),
        _ => null,
    };

    /// <summary>The type an option takes, in words: "a whole number", "a whole number ≥ 0", "a number", "one of a, b", "a list of numbers".</summary>
    private static string Kind(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(int) || type == typeof(long)) return "a whole number";
        if (type == typeof(uint) || type == typeof(ulong)) return "a whole number ≥ 0";
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return "a number";
        if (type.IsEnum) return $"one of {string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))}";
        if (type != typeof(string) && type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
        {
            string item = Kind(type.GetGenericArguments()[0]);
            return "a list of " + (item.StartsWith("a ", StringComparison.Ordinal) ? item[2..].Replace("number", "numbers", StringComparison.Ordinal) : item);
        }
        return "a value of the expected type";
    }

    /// <summary>Whether <paramref name="value"/> converts to <paramref name="type"/> as the parser converts it (invariant culture).</summary>
    private static bool Converts(string value, Type type)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) return Enum.TryParse(type, value, ignoreCase: true, out _);
        try
        {
            _ = Convert.ChangeType(value, type, inv);
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException)
        {
            return false;
        }
    }

    /// <summary>
    /// "--out needs a file name" for the first option of <paramref name="verb"/> in <paramref name="args"/> that takes a
    /// value but was given none, or null. CommandLineParser 2.9.1 does not refuse these: an option that ends the line
    /// (`paths g.json --out`) is left at its default, one followed by another option (`--out --json`) is dropped or
    /// takes that option's name as its value (`--backend --out x` ran with backend "out"), and an empty value
    /// (`--out ""`) is taken as given; each ran without the output or setting asked for. A value that starts with '-'
    /// counts when a digit or '.' follows (`--min-pressure -5`); `--name=value` always counts, except an empty one.
    /// </summary>
    /// <param name="command">The parsed verb when there is one, for what its --out names (a file, or a folder for study and batch).</param>
    public static string? MissingValue(string[] args, Type verb, object? command = null)
    {
        var options = Options(verb).ToList();
        for (int i = 1; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--") break;
            if (!LooksLikeOption(a)) continue;
            int eq = a.IndexOf('=');
            string? inline = eq >= 0 ? a[(eq + 1)..] : null;
            var (property, option) = options.FirstOrDefault(o => IsNamed(o.Option, a));
            if (property is null || property.PropertyType == typeof(bool)) continue;
            string? value = inline ?? (i + 1 < args.Length && !LooksLikeOption(args[i + 1]) ? args[++i] : null);
            if (!string.IsNullOrWhiteSpace(value)) continue;
            string needs = $"--{option.LongName} needs {ValueOf(option, verb, command, args)}";
            // "--from -A": a value that looks like an option but names none of the verb's is probably meant as the value.
            if (inline is null && i + 1 < args.Length && LooksLikeOption(args[i + 1]) && !options.Any(o => IsNamed(o.Option, args[i + 1])))
                needs += $"; a value starting with '-' is written --{option.LongName}={args[i + 1]}";
            return needs;
        }
        return null;
    }

    /// <summary>An option's name rather than a value: "--…", or '-' and a letter (a negative number, or a list of them, is a value).</summary>
    private static bool LooksLikeOption(string token) =>
        token.StartsWith("--", StringComparison.Ordinal) || (token.Length > 1 && token[0] == '-' && char.IsLetter(token[1]));

    /// <summary>Whether <paramref name="token"/> (`--name`, `--name=…`, `-n`) names <paramref name="option"/>.</summary>
    private static bool IsNamed(OptionAttribute option, string token)
    {
        string name = token.TrimStart('-');
        int eq = name.IndexOf('=');
        if (eq >= 0) name = name[..eq];
        return name == option.LongName || name == option.ShortName;
    }

    /// <summary>
    /// What an option's value is, for "--X needs …": a file or folder name for --out, else "a value". Without a parsed
    /// command (the parser failed) a fresh one gets the first positional argument, which decides for `batch plan`.
    /// </summary>
    private static string ValueOf(OptionAttribute option, Type verb, object? command, string[] args)
    {
        if (option.LongName != "out") return "a value";
        var options = command as CommonOptions;
        if (options is null && verb.GetConstructor(Type.EmptyTypes) is not null)
        {
            options = Activator.CreateInstance(verb) as CommonOptions;
            var first = verb.GetProperties().FirstOrDefault(p => p.GetCustomAttribute<ValueAttribute>() is { Index: 0 });
            if (options is not null && first is not null && args.Length > 1 && !LooksLikeOption(args[1]))
            {
                if (first.PropertyType == typeof(string)) first.SetValue(options, args[1]);
                else if (first.PropertyType.IsAssignableFrom(typeof(string[]))) first.SetValue(options, new[] { args[1] });
            }
        }
        return options is { OutIsFile: false } ? "a folder name" : "a file name";
    }

    /// <summary>
    /// Refuses options given without their value (<see cref="MissingValue"/>), arguments no option or value of the verb
    /// takes, and option values that are NaN or ±∞.
    /// </summary>
    public static void Check(object command, string[] args)
    {
        var type = command.GetType();
        if (MissingValue(args, type, command) is { } missing) throw new InvalidInputException(missing);
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
    private static string Suggest(string token, IEnumerable<string> candidates, string prefix = "") => NearestName.Hint(token, candidates, prefix);
}
