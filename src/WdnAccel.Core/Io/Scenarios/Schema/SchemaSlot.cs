namespace WdnAccel.Core.Io.Scenarios.Schema;

/// <summary>
/// Where a map reader keeps one field's value until the record is built: numbers in <see cref="Number"/>, integers
/// in <see cref="Integer"/> (enums too), points in the two numbers, everything else in <see cref="Object"/>, so that numbers, most of a scenario, are not boxed.
/// </summary>
internal struct SchemaSlot
{
    public double Number;
    public double Number2;
    public long Integer;
    public bool HasValue;
    public object? Object;
}
