using System.Globalization;
using System.Text.Json;

namespace WdnAccel.Core.Io.Scenarios;

/// <summary>Scenario tokens to indented JSON; doubles in round-trip ("R") form so that they read back bit-exactly.</summary>
internal sealed class JsonTokenSink(Utf8JsonWriter writer) : IScenarioTokenSink
{
    public void BeginMap(int count) => writer.WriteStartObject();
    public void EndMap() => writer.WriteEndObject();
    public void BeginArray(int count) => writer.WriteStartArray();
    public void EndArray() => writer.WriteEndArray();
    public void Key(string name) => writer.WritePropertyName(name);
    public void String(string value) => writer.WriteStringValue(value);

    public void Double(double value)
    {
        // −0 would read back as the integer 0; keep its sign with an explicit fraction.
        if (value == 0 && double.IsNegative(value)) writer.WriteRawValue("-0.0");
        else writer.WriteRawValue(value.ToString("R", CultureInfo.InvariantCulture));
    }

    public void Int64(long value) => writer.WriteNumberValue(value);
    public void UInt64(ulong value) => writer.WriteNumberValue(value);
    public void Boolean(bool value) => writer.WriteBooleanValue(value);
    public void Nil() => writer.WriteNullValue();
}
