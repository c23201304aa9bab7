namespace WdnAccel.Core.Io.Scenarios.Schema;

/// <summary>Whether a map key must be present, may be left out for a default, or may be left out for "none".</summary>
internal enum FieldPresence
{
    /// <summary>Must be present; always written.</summary>
    Required,

    /// <summary>Absent reads as the default; always written (files are self-describing).</summary>
    Default,

    /// <summary>Absent (or nil) reads as null; written only when not null.</summary>
    Optional,
}

/// <summary>One key of a map: what the reader, the writer and the format document need to know about it.</summary>
internal abstract class SchemaField<TRecord>(string key, FieldPresence presence, string notes)
{
    public string Key { get; } = key;
    public FieldPresence Presence { get; } = presence;
    public string Notes { get; } = notes;
    public abstract string Type { get; }

    /// <summary>The default column of the document: "required", the default value, or "optional".</summary>
    public abstract string DefaultText { get; }

    internal abstract void Read(ScenarioSchemaReader reader, ref SchemaSlot slot);
    internal abstract bool ShouldWrite(TRecord record);
    internal abstract void Write(ScenarioSchemaWriter writer, TRecord record);
}

/// <summary>A typed field: the handle a map's builder reads its value through (<see cref="FieldValues"/>).</summary>
internal sealed class Field<TRecord, TValue>(string key, FieldPresence presence, string notes, int index,
    SchemaValue<TValue> value, Func<TRecord, TValue> get, TValue defaultValue) : SchemaField<TRecord>(key, presence, notes)
{
    public int Index { get; } = index;
    public override string Type => value.Type;

    public override string DefaultText => Presence switch
    {
        FieldPresence.Required => "required",
        FieldPresence.Optional => "optional",
        _ => value.Text(defaultValue),
    };

    internal TValue Load(in SchemaSlot slot, bool present) => present ? value.Load(slot) : defaultValue;

    internal override void Read(ScenarioSchemaReader reader, ref SchemaSlot slot) => value.Store(ref slot, value.Read(reader));

    internal override bool ShouldWrite(TRecord record) => Presence != FieldPresence.Optional || get(record) is not null;

    internal override void Write(ScenarioSchemaWriter writer, TRecord record) => value.Write(writer, get(record));
}

/// <summary>The values read for one map, by field; absent fields give their default (or null).</summary>
internal readonly struct FieldValues<TRecord>(SchemaSlot[] slots, ulong present)
{
    public TValue Get<TValue>(Field<TRecord, TValue> field) => field.Load(slots[field.Index], (present & (1UL << field.Index)) != 0);
}

/// <summary>
/// One map of the scenario schema: its keys in writing order, and how a record is built from them. Defined once in
/// <see cref="ScenarioSchema"/>, it drives reading (unknown, duplicate and missing keys are errors), writing and
/// the field tables of docs/scenario-format.md.
/// </summary>
internal sealed class MapSchema<TRecord> : IMapSchema
{
    private readonly List<SchemaField<TRecord>> _fields = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private Func<FieldValues<TRecord>, TRecord>? _build;

    /// <param name="name">The map's name in the document ("pipe"), also its heading there.</param>
    /// <param name="about">The sentence under its heading.</param>
    public MapSchema(string name, string about)
    {
        Name = name;
        About = about;
    }

    public string Name { get; }

    /// <summary>The heading's anchor as GitHub and most Markdown renderers make it ("demand case" → "demand-case").</summary>
    public string Anchor => Name.Replace(' ', '-');

    public string About { get; }
    public IReadOnlyList<SchemaField<TRecord>> Fields => _fields;

    /// <summary>The fields as an array, for the reader's and writer's loops (no enumerator per record).</summary>
    internal SchemaField<TRecord>[] FieldArray => _array ??= [.. _fields];

    private SchemaField<TRecord>[]? _array;

    public IEnumerable<(string Key, string Type, string Default, string Notes)> Rows =>
        _fields.Select(f => (f.Key, f.Type, f.DefaultText, f.Notes));
    public string[] Keys => _fields.Select(f => f.Key).ToArray();

    /// <summary>The field of <paramref name="key"/>, or −1.</summary>
    public int IndexOf(string key) => _index.TryGetValue(key, out int i) ? i : -1;

    public Field<TRecord, T> Required<T>(string key, SchemaValue<T> value, Func<TRecord, T> get, string notes = "") =>
        Add(key, FieldPresence.Required, value, get, default!, notes);

    public Field<TRecord, T> Default<T>(string key, SchemaValue<T> value, Func<TRecord, T> get, T defaultValue, string notes = "") =>
        Add(key, FieldPresence.Default, value, get, defaultValue, notes);

    public Field<TRecord, T?> Optional<T>(string key, SchemaValue<T?> value, Func<TRecord, T?> get, string notes = "") =>
        Add(key, FieldPresence.Optional, value, get, default, notes);

    /// <summary>How a record is made from the values read (called once, after the fields).</summary>
    public MapSchema<TRecord> Builds(Func<FieldValues<TRecord>, TRecord> build)
    {
        _build = build;
        return this;
    }

    internal TRecord Build(SchemaSlot[] slots, ulong present) =>
        _build!(new FieldValues<TRecord>(slots, present));

    private Field<TRecord, T> Add<T>(string key, FieldPresence presence, SchemaValue<T> value, Func<TRecord, T> get, T defaultValue, string notes)
    {
        if (_fields.Count == 64) throw new InvalidOperationException("a schema map has at most 64 keys (presence is a bit mask)");
        var field = new Field<TRecord, T>(key, presence, notes, _fields.Count, value, get, defaultValue);
        _index.Add(key, _fields.Count);
        _fields.Add(field);
        return field;
    }
}

/// <summary>A map of the schema as the format document shows it, whatever record it builds.</summary>
internal interface IMapSchema
{
    string Name { get; }
    string Anchor { get; }
    string About { get; }
    IEnumerable<(string Key, string Type, string Default, string Notes)> Rows { get; }
}
