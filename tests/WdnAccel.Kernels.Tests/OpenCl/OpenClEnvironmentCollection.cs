namespace WdnAccel.Kernels.Tests.OpenCl;

/// <summary>Tests that change OpenCL environment variables for the process; run alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(OpenClEnvironmentCollection), DisableParallelization = true)]
public sealed class OpenClEnvironmentCollection;
