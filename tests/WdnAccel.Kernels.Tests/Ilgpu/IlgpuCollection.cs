namespace WdnAccel.Kernels.Tests.Ilgpu;

/// <summary>Serializes the tests that share <see cref="IlgpuTestDevice.Backend"/>.</summary>
[CollectionDefinition(Name)]
public sealed class IlgpuCollection
{
    public const string Name = "ILGPU CPU accelerator";
}
