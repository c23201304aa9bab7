namespace WdnAccel.Kernels.Tests.OpenCl;

/// <summary>A theory that runs whenever an OpenCL runtime with a device exists, and is skipped, with the reason, only when none does.</summary>
public sealed class OpenClTheoryAttribute : TheoryAttribute
{
    public OpenClTheoryAttribute()
    {
        if (OpenClTestDevice.SkipReason is { } reason) Skip = reason;
    }
}
