namespace WdnAccel.Core.Io.Msgpack;

/// <summary>An application-defined extension value: a signed type code and its raw bytes (spec.md, "ext format family").</summary>
public sealed record MessagePackExtension(sbyte TypeCode, byte[] Data)
{
    public bool Equals(MessagePackExtension? other) =>
        other is not null && TypeCode == other.TypeCode && Data.AsSpan().SequenceEqual(other.Data);

    public override int GetHashCode() => HashCode.Combine(TypeCode, Data.Length);
}
