namespace WdnAccel.Core.Io.Msgpack;

/// <summary>What <see cref="MessagePackValueStream.Next"/> found.</summary>
public enum MessagePackValueStatus
{
    /// <summary>The stream ended after a complete value (or was empty).</summary>
    End,
    /// <summary>A value (check <see cref="MessagePackTokens.Error"/> for invalid content).</summary>
    Value,
    /// <summary>The stream ends inside a value: the tokens hold its start and a truncation error.</summary>
    TornTail,
}
