namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>
/// Tests whose runs hand EPANET a scenario as a temporary wdnaccel-epanet-*.inp: one of them asserts that no such file
/// is left in the temp folder, which another's file, alive while it runs, made fail now and then. They take turns.
/// </summary>
[CollectionDefinition(nameof(EpanetTempFileCollection))]
public sealed class EpanetTempFileCollection;
