using System.Text.RegularExpressions;
using WdnAccel.Core.Io.Msgpack;

namespace WdnAccel.Core.Tests.Io.Scenarios;

/// <summary>Rebuilds an immutable value tree with one field replaced, added (missing key) or removed (null).</summary>
internal static partial class MessagePackTreeEdit
{
    public static MessagePackValue Set(MessagePackValue root, string path, MessagePackValue? value) =>
        Set(root, Segments(path), 0, value)!;

    private static MessagePackValue? Set(MessagePackValue node, List<object> path, int i, MessagePackValue? value)
    {
        if (i == path.Count) return value;
        if (path[i] is int index)
        {
            var items = node.AsArray().ToList();
            items[index] = Set(items[index], path, i + 1, value)!;
            return MessagePackValue.FromArray(items);
        }
        string key = (string)path[i];
        var entries = node.AsMap().ToList();
        int at = entries.FindIndex(e => e.Key.Type == MessagePackType.String && e.Key.AsString() == key);
        if (at < 0)
        {
            if (i + 1 != path.Count) throw new ArgumentException($"no key {key}");
            if (value is not null) entries.Add(new(MessagePackValue.FromString(key), value));
        }
        else
        {
            var child = Set(entries[at].Value, path, i + 1, value);
            if (child is null) entries.RemoveAt(at);
            else entries[at] = new(entries[at].Key, child);
        }
        return MessagePackValue.FromMap(entries);
    }

    private static List<object> Segments(string path)
    {
        var list = new List<object>();
        foreach (Match m in SegmentPattern().Matches(path))
        {
            if (m.Groups[1].Success) list.Add(m.Groups[1].Value);
            else list.Add(int.Parse(m.Groups[2].Value));
        }
        return list;
    }

    [GeneratedRegex(@"([A-Za-z_0-9]+)|\[(\d+)\]")]
    private static partial Regex SegmentPattern();
}
