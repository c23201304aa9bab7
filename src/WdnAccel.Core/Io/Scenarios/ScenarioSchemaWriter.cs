using WdnAccel.Core.Io.Scenarios.Schema;
using WdnAccel.Core.Model;
using ScenarioModel = WdnAccel.Core.Model.Scenario;

namespace WdnAccel.Core.Io.Scenarios;

/// <summary>
/// Writes a <see cref="ScenarioModel"/> by <see cref="ScenarioSchema"/>, the one schema shared by .wdn/.wdnb
/// (MessagePack) and JSON: snake_case keys in the schema's order, enums as snake_case strings, SI units, optional
/// fields left out when null, every other field written (defaults included) so that files are self-describing.
/// </summary>
internal sealed class ScenarioSchemaWriter(IScenarioTokenSink sink)
{
    private string _key = "";

    internal IScenarioTokenSink Sink => sink;

    public void Write(ScenarioModel s)
    {
        ArgumentNullException.ThrowIfNull(s);
        WriteMap(ScenarioSchema.ScenarioMap, s);
    }

    internal void WriteMap<T>(MapSchema<T> schema, T record)
    {
        var fields = schema.FieldArray;
        int count = 0;
        for (int i = 0; i < fields.Length; i++) if (fields[i].ShouldWrite(record)) count++;
        sink.BeginMap(count);
        for (int i = 0; i < fields.Length; i++)
        {
            var f = fields[i];
            if (!f.ShouldWrite(record)) continue;
            Key(f.Key);
            f.Write(this, record);
        }
        sink.EndMap();
    }

    private void Key(string name)
    {
        _key = name;
        sink.Key(name);
    }

    internal void Num(double value)
    {
        // JSON has no NaN/∞ and the reader rejects them in both encodings, so refuse to write a file we would not read.
        if (!double.IsFinite(value)) throw new ArgumentException($"scenario field '{_key}' is {value}, not a finite number");
        sink.Double(value);
    }

    internal void Point(Point2 p)
    {
        sink.BeginArray(2);
        Num(p.X);
        Num(p.Y);
        sink.EndArray();
    }

    internal void NumMap(IReadOnlyDictionary<string, double> map)
    {
        sink.BeginMap(map.Count);
        foreach (var (k, v) in map)
        {
            Key(k);
            Num(v);
        }
        sink.EndMap();
    }
}
