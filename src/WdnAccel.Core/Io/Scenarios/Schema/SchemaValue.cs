namespace WdnAccel.Core.Io.Scenarios.Schema;

/// <summary>
/// One kind of value in the scenario schema: how it is read (strictly, with errors naming the field), how it is
/// written, how a map keeps it until its record is built, and how docs/scenario-format.md describes it.
/// </summary>
internal abstract class SchemaValue<T>
{
    /// <summary>The type as the format document words it ("number > 0", "array of [pipe](#pipe)").</summary>
    public abstract string Type { get; }

    public abstract T Read(ScenarioSchemaReader reader);

    public abstract void Write(ScenarioSchemaWriter writer, T value);

    public virtual void Store(ref SchemaSlot slot, T value) => slot.Object = value;

    public virtual T Load(in SchemaSlot slot) => (T)slot.Object!;

    /// <summary>A value as the document's default column shows it.</summary>
    public virtual string Text(T value) => value is null ? "nil" : $"`{value}`";
}
