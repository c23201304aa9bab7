using System.Globalization;
using System.Runtime.CompilerServices;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Io.Scenarios.Schema;

/// <summary>The kinds of values the scenario schema is built from (<see cref="ScenarioSchema"/> combines them).</summary>
internal static class SchemaValues
{
    public static readonly SchemaValue<string> String = new StringValue();
    public static readonly SchemaValue<bool> Boolean = new BooleanValue();
    public static readonly SchemaValue<ulong> UInt64 = new UInt64Value();
    public static readonly SchemaValue<Point2> Point = new PointValue();

    public static SchemaValue<double> Number(NumberRange range) => range switch
    {
        NumberRange.Positive => PositiveNumber,
        NumberRange.NonNegative => NonNegativeNumber,
        _ => FiniteNumber,
    };

    private static readonly SchemaValue<double> FiniteNumber = new NumberValue(NumberRange.Finite);
    private static readonly SchemaValue<double> NonNegativeNumber = new NumberValue(NumberRange.NonNegative);
    private static readonly SchemaValue<double> PositiveNumber = new NumberValue(NumberRange.Positive);

    public static SchemaValue<int> Integer(int min) => new IntegerValue(min);

    public static SchemaValue<long> Long(long min) => new LongValue(min);

    public static SchemaValue<T> Enum<T>() where T : struct, System.Enum => EnumValue<T>.Instance;

    public static SchemaValue<IReadOnlyList<T>> ArrayOf<T>(SchemaValue<T> item) => new ArrayValue<T>(item);

    public static SchemaValue<T> Map<T>(MapSchema<T> schema) => new MapValue<T>(schema);

    /// <summary>A map of free keys (<paramref name="keys"/> says what they are) to numbers in <paramref name="range"/>.</summary>
    public static SchemaValue<IReadOnlyDictionary<string, double>> NumberMap(NumberRange range, string keys) => new NumberMapValue(range, keys);

    /// <summary><paramref name="inner"/>, or nil (read as null).</summary>
    public static SchemaValue<T?> OrNil<T>(SchemaValue<T> inner) where T : class => new OrNilRefValue<T>(inner);

    /// <summary><paramref name="inner"/>, or nil (read as null), for value types.</summary>
    public static SchemaValue<T?> OrNilValue<T>(SchemaValue<T> inner) where T : struct => new OrNilStructValue<T>(inner);

    /// <summary>Exactly <paramref name="value"/>; anything else is refused with <paramref name="problem"/>(what was read).</summary>
    public static SchemaValue<string> Constant(string value, Func<string, string> problem) => new ConstantValue(value, problem);

    /// <summary>A format version: an integer ≥ 1, refused when newer than <paramref name="newest"/>.</summary>
    public static SchemaValue<int> Version(int newest) => new VersionValue(newest);

    internal static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private sealed class StringValue : SchemaValue<string>
    {
        public override string Type => "string";
        public override string Read(ScenarioSchemaReader r) => r.Str();
        public override void Write(ScenarioSchemaWriter w, string value) => w.Sink.String(value);
        public override string Text(string value) => $"`\"{value}\"`";
    }

    private sealed class BooleanValue : SchemaValue<bool>
    {
        public override string Type => "boolean";
        public override bool Read(ScenarioSchemaReader r) => r.Bool();
        public override void Write(ScenarioSchemaWriter w, bool value) => w.Sink.Boolean(value);
        public override void Store(ref SchemaSlot slot, bool value) => slot.Integer = value ? 1 : 0;
        public override bool Load(in SchemaSlot slot) => slot.Integer != 0;
        public override string Text(bool value) => value ? "`true`" : "`false`";
    }

    private sealed class NumberValue(NumberRange range) : SchemaValue<double>
    {
        public override string Type => range switch
        {
            NumberRange.Positive => "number > 0",
            NumberRange.NonNegative => "number ≥ 0",
            _ => "number",
        };
        public override double Read(ScenarioSchemaReader r) => r.Num(range);
        public override void Write(ScenarioSchemaWriter w, double value) => w.Num(value);
        public override void Store(ref SchemaSlot slot, double value) => slot.Number = value;
        public override double Load(in SchemaSlot slot) => slot.Number;
        public override string Text(double value) => $"`{Number(value)}`";
    }

    private sealed class IntegerValue(int min) : SchemaValue<int>
    {
        public override string Type => min == int.MinValue ? "integer" : $"integer ≥ {min}";
        public override int Read(ScenarioSchemaReader r) => r.Int(min);
        public override void Write(ScenarioSchemaWriter w, int value) => w.Sink.Int64(value);
        public override void Store(ref SchemaSlot slot, int value) => slot.Integer = value;
        public override int Load(in SchemaSlot slot) => (int)slot.Integer;
        public override string Text(int value) => $"`{value.ToString(CultureInfo.InvariantCulture)}`";
    }

    private sealed class LongValue(long min) : SchemaValue<long>
    {
        public override string Type => $"integer ≥ {min}";
        public override long Read(ScenarioSchemaReader r) => r.Long(min);
        public override void Write(ScenarioSchemaWriter w, long value) => w.Sink.Int64(value);
        public override void Store(ref SchemaSlot slot, long value) => slot.Integer = value;
        public override long Load(in SchemaSlot slot) => slot.Integer;
    }

    private sealed class UInt64Value : SchemaValue<ulong>
    {
        public override string Type => "integer 0 … 2⁶⁴−1";
        public override ulong Read(ScenarioSchemaReader r) => r.ULong();
        public override void Write(ScenarioSchemaWriter w, ulong value) => w.Sink.UInt64(value);
        public override void Store(ref SchemaSlot slot, ulong value) => slot.Integer = unchecked((long)value);
        public override ulong Load(in SchemaSlot slot) => unchecked((ulong)slot.Integer);
    }

    private sealed class EnumValue<T> : SchemaValue<T> where T : struct, System.Enum
    {
        public static readonly EnumValue<T> Instance = new();

        static EnumValue()
        {
            // Kept in the slot's integer without boxing: the model's enums are int-sized.
            if (Unsafe.SizeOf<T>() != sizeof(int)) throw new InvalidOperationException($"{typeof(T).Name} is not an int-sized enum");
        }

        public override void Store(ref SchemaSlot slot, T value) => slot.Integer = Unsafe.As<T, int>(ref value);
        public override T Load(in SchemaSlot slot)
        {
            int v = (int)slot.Integer;
            return Unsafe.As<int, T>(ref v);
        }
        public override string Type => string.Join(" \\| ", System.Enum.GetValues<T>().Select(v => $"`{EnumNames<T>.Name(v)}`"));
        public override T Read(ScenarioSchemaReader r) => r.Enum<T>();
        public override void Write(ScenarioSchemaWriter w, T value) => w.Sink.String(EnumNames<T>.Name(value));
        public override string Text(T value) => $"`{EnumNames<T>.Name(value)}`";
    }

    private sealed class PointValue : SchemaValue<Point2>
    {
        public override string Type => "`[x, y]`";
        public override Point2 Read(ScenarioSchemaReader r) => r.Point();
        public override void Write(ScenarioSchemaWriter w, Point2 value) => w.Point(value);
        public override void Store(ref SchemaSlot slot, Point2 value)
        {
            slot.Number = value.X;
            slot.Number2 = value.Y;
        }
        public override Point2 Load(in SchemaSlot slot) => new(slot.Number, slot.Number2);
    }

    private sealed class ArrayValue<T>(SchemaValue<T> item) : SchemaValue<IReadOnlyList<T>>
    {
        public override string Type => $"array of {item.Type}";
        public override IReadOnlyList<T> Read(ScenarioSchemaReader r) => r.Arr(item);
        public override void Write(ScenarioSchemaWriter w, IReadOnlyList<T> value)
        {
            w.Sink.BeginArray(value.Count);
            for (int i = 0; i < value.Count; i++) item.Write(w, value[i]);
            w.Sink.EndArray();
        }
        public override string Text(IReadOnlyList<T> value) => value.Count == 0 ? "`[]`" : "(see notes)";
    }

    private sealed class MapValue<T>(MapSchema<T> schema) : SchemaValue<T>
    {
        public override string Type => $"[{schema.Name}](#{schema.Anchor})";
        public override T Read(ScenarioSchemaReader r) => r.ReadMap(schema);
        public override void Write(ScenarioSchemaWriter w, T value) => w.WriteMap(schema, value);
        public override string Text(T value) => "all defaults";
    }

    private sealed class NumberMapValue(NumberRange range, string keys) : SchemaValue<IReadOnlyDictionary<string, double>>
    {
        public override string Type => $"map {keys} → {Number(range).Type}";
        public override IReadOnlyDictionary<string, double> Read(ScenarioSchemaReader r) => r.NumMap(range);
        public override void Write(ScenarioSchemaWriter w, IReadOnlyDictionary<string, double> value) => w.NumMap(value);
        public override string Text(IReadOnlyDictionary<string, double> value) => value.Count == 0 ? "`{}`" : "(see notes)";
    }

    private sealed class OrNilRefValue<T>(SchemaValue<T> inner) : SchemaValue<T?> where T : class
    {
        public override string Type => $"{inner.Type} or nil";
        public override T? Read(ScenarioSchemaReader r) => r.TryNil() ? null : inner.Read(r);
        public override void Write(ScenarioSchemaWriter w, T? value)
        {
            if (value is null) w.Sink.Nil();
            else inner.Write(w, value);
        }
        public override string Text(T? value) => value is null ? "nil" : inner.Text(value);
    }

    private sealed class OrNilStructValue<T>(SchemaValue<T> inner) : SchemaValue<T?> where T : struct
    {
        public override string Type => $"{inner.Type} or nil";
        public override T? Read(ScenarioSchemaReader r) => r.TryNil() ? null : inner.Read(r);
        public override void Write(ScenarioSchemaWriter w, T? value)
        {
            if (value is { } v) inner.Write(w, v);
            else w.Sink.Nil();
        }
        public override void Store(ref SchemaSlot slot, T? value)
        {
            slot.HasValue = value.HasValue;
            if (value is { } v) inner.Store(ref slot, v);
        }
        public override T? Load(in SchemaSlot slot) => slot.HasValue ? inner.Load(slot) : null;
        public override string Text(T? value) => value is { } v ? inner.Text(v) : "nil";
    }

    private sealed class ConstantValue(string value, Func<string, string> problem) : SchemaValue<string>
    {
        public override string Type => $"`\"{value}\"`";
        public override string Read(ScenarioSchemaReader r)
        {
            long at = r.Mark();
            string s = r.Str();
            return s == value ? s : throw r.Fail(at, problem(s));
        }
        public override void Write(ScenarioSchemaWriter w, string _) => w.Sink.String(value);
    }

    private sealed class VersionValue(int newest) : SchemaValue<int>
    {
        public override string Type => "integer ≥ 1";
        public override int Read(ScenarioSchemaReader r)
        {
            long at = r.Mark();
            int version = r.Int(1);
            return version <= newest ? version
                : throw r.Fail(at, $"format version {version} is newer than this program reads (up to {newest}); update wdnaccel");
        }
        public override void Write(ScenarioSchemaWriter w, int _) => w.Sink.Int64(newest);
        public override void Store(ref SchemaSlot slot, int value) => slot.Integer = value;
        public override int Load(in SchemaSlot slot) => (int)slot.Integer;
    }
}
