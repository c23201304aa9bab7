namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>Tests that open ILGPU contexts or change WDNACCEL_DEVICE for the process; run alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(DevicesVerbCollection), DisableParallelization = true)]
public sealed class DevicesVerbCollection;
