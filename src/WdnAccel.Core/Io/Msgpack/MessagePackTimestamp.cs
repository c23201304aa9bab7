namespace WdnAccel.Core.Io.Msgpack;

/// <summary>
/// The MessagePack timestamp (extension type −1): seconds since 1970-01-01T00:00:00Z (signed) and
/// nanoseconds 0..999 999 999 (spec.md, "Timestamp extension type").
/// </summary>
public readonly record struct MessagePackTimestamp
{
    public long Seconds { get; }
    public uint Nanoseconds { get; }

    public MessagePackTimestamp(long seconds, uint nanoseconds)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nanoseconds, 999_999_999u);
        Seconds = seconds;
        Nanoseconds = nanoseconds;
    }

    /// <summary>The same instant; throws where it lies outside <see cref="DateTimeOffset"/>'s range.</summary>
    public DateTimeOffset ToDateTimeOffset() =>
        DateTimeOffset.UnixEpoch.AddSeconds(Seconds).AddTicks(Nanoseconds / 100);

    /// <summary>The instant at tick (100 ns) resolution.</summary>
    public static MessagePackTimestamp FromDateTimeOffset(DateTimeOffset value)
    {
        long ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        long seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long rem);
        if (rem < 0) { seconds--; rem += TimeSpan.TicksPerSecond; }
        return new MessagePackTimestamp(seconds, (uint)(rem * 100));
    }

    public override string ToString() => $"{Seconds}.{Nanoseconds:D9}s";
}
