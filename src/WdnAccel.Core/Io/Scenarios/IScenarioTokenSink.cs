namespace WdnAccel.Core.Io.Scenarios;

/// <summary>
/// Where <see cref="ScenarioSchemaWriter"/> writes: one schema, two encodings (MessagePack and JSON).
/// Containers announce their size up front because MessagePack headers carry it.
/// </summary>
internal interface IScenarioTokenSink
{
    void BeginMap(int count);
    void EndMap();
    void BeginArray(int count);
    void EndArray();
    void Key(string name);
    void String(string value);
    void Double(double value);
    void Int64(long value);
    void UInt64(ulong value);
    void Boolean(bool value);
    void Nil();
}
