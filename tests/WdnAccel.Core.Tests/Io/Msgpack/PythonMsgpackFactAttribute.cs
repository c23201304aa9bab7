namespace WdnAccel.Core.Tests.Io.Msgpack;

/// <summary>A fact that is skipped, with the reason shown by the runner, only where python3-msgpack is missing.</summary>
internal sealed class PythonMsgpackFactAttribute : FactAttribute
{
    public PythonMsgpackFactAttribute()
    {
        if (PythonMsgpack.MissingReason is { } reason) Skip = reason;
    }
}
