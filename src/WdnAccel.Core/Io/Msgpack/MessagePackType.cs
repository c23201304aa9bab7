namespace WdnAccel.Core.Io.Msgpack;

/// <summary>The type families of the MessagePack specification (github.com/msgpack/msgpack, spec.md).</summary>
public enum MessagePackType
{
    Nil,
    Boolean,
    /// <summary>Positive/negative fixint, uint 8–64, int 8–64.</summary>
    Integer,
    /// <summary>float 32 or float 64.</summary>
    Float,
    String,
    Binary,
    Array,
    Map,
    /// <summary>Any ext or fixext, including the timestamp type −1 (which <see cref="MessagePackReader.ReadValue"/> turns into <see cref="Timestamp"/>).</summary>
    Extension,
    /// <summary>Extension type −1 in its 32/64/96-bit forms (only produced by the value tree).</summary>
    Timestamp,
}
