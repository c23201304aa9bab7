namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>Devices verb tests change WDNACCEL_OPENCL_LIBRARY for the process; run alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(DevicesVerbCollection), DisableParallelization = true)]
public sealed class DevicesVerbCollection;
