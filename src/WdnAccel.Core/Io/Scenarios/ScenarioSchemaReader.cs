using System.Globalization;
using System.Text;
using WdnAccel.Core.Io.Msgpack;
using WdnAccel.Core.Io.Scenarios.Schema;
using WdnAccel.Core.Model;
using ScenarioModel = WdnAccel.Core.Model.Scenario;

namespace WdnAccel.Core.Io.Scenarios;

/// <summary>
/// Reads one scenario map from a token source by <see cref="ScenarioSchema"/> (docs/scenario-format.md). Strict on
/// purpose: unknown keys (typo protection), duplicate keys, missing required fields, wrong types, non-finite numbers
/// and out-of-range values are errors naming the field path (`network.pipes[3].diameter`) and the byte offset
/// (MessagePack) or line (JSON). Only free maps (`parameters`, maps keyed by junction id) accept arbitrary keys.
/// </summary>
internal sealed class ScenarioSchemaReader(ScenarioTokenSource source, string? fileName, string? rootPath = null)
{
    private readonly List<(string? Key, int Index)> _path = [];
    private readonly List<SchemaSlot[]> _slots = [];
    private int _mapDepth;
    private long _keyMark;

    // Problems in field values are collected and the value skipped, so one run reports every bad field (up to a
    // limit); problems in the token stream itself (a cut-short value, bad UTF-8) end the read at once.
    private const int MaxProblems = 100;
    private readonly List<InvalidInputException> _problems = [];

    public ScenarioModel Read()
    {
        try
        {
            long at = source.Mark();
            if (source.PeekType() != MessagePackType.Map)
            {
                throw Fail(at, $"expected a scenario map (format \"{ScenarioModel.FormatName}\"), got {source.DescribeNext()}");
            }
            var scenario = ReadMap(ScenarioSchema.ScenarioMap);
            if (_problems.Count > 0) throw InvalidInputException.Several(_problems);
            return scenario;
        }
        catch (InvalidInputException e) when (e.Field is null)
        {
            // A token-level problem (truncation, invalid UTF-8, bad JSON number): add where in the schema it hit.
            string path = PathText();
            var located = new InvalidInputException(e.Problem, fileName ?? e.File, e.Line, path.Length == 0 ? null : path, e, e.ByteInLine);
            if (_problems.Count == 0) throw located;
            throw InvalidInputException.Several([.. _problems, located]);
        }
    }

    /// <summary>
    /// Reads a map by <paramref name="schema"/>: each key once, known, its value of the field's kind; then the
    /// required keys are checked and the record built. Values wait in slots reused per nesting depth.
    /// </summary>
    internal T ReadMap<T>(MapSchema<T> schema)
    {
        long at = source.Mark();
        if (source.PeekType() != MessagePackType.Map) throw Fail(at, $"expected a map, got {source.DescribeNext()}");
        int n = source.ReadMapHeader();
        if (_slots.Count == _mapDepth) _slots.Add(new SchemaSlot[64]);
        var slots = _slots[_mapDepth++];
        ulong present = 0;
        var fields = schema.FieldArray;
        for (int i = 0; i < n; i++)
        {
            string key = Key();
            int f = schema.IndexOf(key);
            var keyProblem = f < 0 ? Fail(_keyMark, $"unknown key '{key}' (expected one of: {string.Join(", ", schema.Keys)})")
                : (present & (1UL << f)) != 0 ? Fail(_keyMark, $"duplicate key '{key}'") : null;
            if (keyProblem is not null)
            {
                if (_problems.Count >= MaxProblems) throw keyProblem;
                _problems.Add(keyProblem);
                source.SkipValue();
                _path.RemoveAt(_path.Count - 1);
                continue;
            }
            present |= 1UL << f;
            int start = source.Position, pathCount = _path.Count, mapDepth = _mapDepth;
            try
            {
                fields[f].Read(this, ref slots[f]);
            }
            catch (InvalidInputException e) when (e.Field is not null && _problems.Count < MaxProblems)
            {
                // A bad value (not a broken stream, whose errors carry no field): note it, step over the value, go on.
                _problems.Add(e);
                _path.RemoveRange(pathCount, _path.Count - pathCount);
                _mapDepth = mapDepth;
                source.Position = start;
                source.SkipValue();
            }
            _path.RemoveAt(_path.Count - 1);
        }
        for (int f = 0; f < fields.Length; f++)
        {
            if (fields[f].Presence == FieldPresence.Required && (present & (1UL << f)) == 0)
            {
                var missing = Missing(fields[f].Key, at);
                if (_problems.Count >= MaxProblems) throw missing;
                _problems.Add(missing);
            }
        }
        _mapDepth--;
        // With problems already found, this record is never returned to the caller: skip building it from holes.
        return _problems.Count > 0 ? default! : schema.Build(slots, present);
    }

    /// <summary>A location for <see cref="Fail"/>: where the next token is.</summary>
    internal long Mark() => source.Mark();

    /// <summary>Reads a map key (a string) and enters it in the path; the caller removes it when the value is read.</summary>
    private string Key()
    {
        _keyMark = source.Mark();
        if (source.PeekType() != MessagePackType.String) throw Fail(_keyMark, $"expected a string key, got {source.DescribeNext()}");
        string key = source.ReadString();
        _path.Add((key, -1));
        return key;
    }

    private InvalidInputException Missing(string key, long mapMark)
    {
        _path.Add((key, -1));
        var e = Fail(mapMark, $"missing required field '{key}'");
        _path.RemoveAt(_path.Count - 1);
        return e;
    }

    internal bool TryNil()
    {
        if (source.PeekType() != MessagePackType.Nil) return false;
        source.ReadNil();
        return true;
    }

    internal string Str()
    {
        long at = source.Mark();
        if (source.PeekType() != MessagePackType.String) throw Fail(at, $"expected a string, got {source.DescribeNext()}");
        return source.ReadString();
    }

    internal bool Bool()
    {
        long at = source.Mark();
        if (source.PeekType() != MessagePackType.Boolean) throw Fail(at, $"expected true or false, got {source.DescribeNext()}");
        return source.ReadBoolean();
    }

    internal double Num(NumberRange range)
    {
        long at = source.Mark();
        var type = source.PeekType();
        if (type is not (MessagePackType.Float or MessagePackType.Integer)) throw Fail(at, $"expected a number, got {source.DescribeNext()}");
        double v = source.ReadDouble();
        if (!double.IsFinite(v)) throw Fail(at, $"expected a finite number, got {Text(v)}");
        if (range == NumberRange.Positive && !(v > 0)) throw Fail(at, $"expected a positive number, got {Text(v)}");
        if (range == NumberRange.NonNegative && v < 0) throw Fail(at, $"expected a non-negative number, got {Text(v)}");
        return v;
    }

    internal long Long(long min)
    {
        long at = source.Mark();
        if (source.PeekType() != MessagePackType.Integer) throw Fail(at, $"expected an integer, got {source.DescribeNext()}");
        long v = source.ReadInt64();
        if (v < min) throw Fail(at, $"expected an integer ≥ {min}, got {v}");
        return v;
    }

    internal int Int(int min)
    {
        long at = source.Mark();
        long v = Long(min);
        if (v > int.MaxValue) throw Fail(at, $"expected an integer ≤ {int.MaxValue}, got {v}");
        return (int)v;
    }

    internal ulong ULong()
    {
        long at = source.Mark();
        if (source.PeekType() != MessagePackType.Integer) throw Fail(at, $"expected a non-negative integer, got {source.DescribeNext()}");
        return source.ReadUInt64();
    }

    internal T Enum<T>() where T : struct, Enum
    {
        long at = source.Mark();
        string name = Str();
        if (!EnumNames<T>.TryParse(name, out var value)) throw Fail(at, $"expected one of {EnumNames<T>.Expected}, got '{name}'");
        return value;
    }

    internal Point2 Point()
    {
        long at = source.Mark();
        if (source.PeekType() != MessagePackType.Array) throw Fail(at, $"expected [x, y], got {source.DescribeNext()}");
        int n = source.ReadArrayHeader();
        if (n != 2) throw Fail(at, $"expected [x, y], got an array of {n} elements");
        _path.Add((null, 0));
        double x = Num(NumberRange.Finite);
        _path[^1] = (null, 1);
        double y = Num(NumberRange.Finite);
        _path.RemoveAt(_path.Count - 1);
        return new Point2(x, y);
    }

    internal List<T> Arr<T>(SchemaValue<T> item)
    {
        long at = source.Mark();
        if (source.PeekType() != MessagePackType.Array) throw Fail(at, $"expected an array, got {source.DescribeNext()}");
        int n = source.ReadArrayHeader();
        // Capacity is capped: the header was checked against the bytes left, but JSON or unseekable input may lie.
        var list = new List<T>(Math.Min(n, 4096));
        _path.Add((null, 0));
        for (int i = 0; i < n; i++)
        {
            _path[^1] = (null, i);
            list.Add(item.Read(this));
        }
        _path.RemoveAt(_path.Count - 1);
        return list;
    }

    /// <summary>A free map of names to numbers (`parameters`, per-junction values): any key, no duplicates.</summary>
    internal Dictionary<string, double> NumMap(NumberRange range)
    {
        long at = source.Mark();
        if (source.PeekType() != MessagePackType.Map) throw Fail(at, $"expected a map, got {source.DescribeNext()}");
        int n = source.ReadMapHeader();
        var map = new Dictionary<string, double>(Math.Min(n, 4096), StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            string key = Key();
            if (map.ContainsKey(key)) throw Fail(_keyMark, $"duplicate key '{key}'");
            map[key] = Num(range);
            _path.RemoveAt(_path.Count - 1);
        }
        return map;
    }

    private static string Text(double v) =>
        double.IsNaN(v) ? "NaN" : double.IsInfinity(v) ? (v > 0 ? "Infinity" : "-Infinity") : v.ToString("R", CultureInfo.InvariantCulture);

    internal InvalidInputException Fail(long mark, string problem)
    {
        var (offset, line) = source.Locate(mark);
        string path = PathText();
        return new InvalidInputException(offset is null ? problem : $"{offset}: {problem}", fileName, line, path.Length == 0 ? null : path);
    }

    private string PathText()
    {
        var sb = new StringBuilder(rootPath);
        foreach (var (key, index) in _path)
        {
            if (key is null) sb.Append('[').Append(index).Append(']');
            else
            {
                if (sb.Length > 0) sb.Append('.');
                sb.Append(key);
            }
        }
        return sb.ToString();
    }
}
