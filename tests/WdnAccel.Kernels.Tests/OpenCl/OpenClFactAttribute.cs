namespace WdnAccel.Kernels.Tests.OpenCl;

/// <summary>A fact that runs whenever an OpenCL runtime with a device exists, and is skipped, with the reason, only when none does.</summary>
public sealed class OpenClFactAttribute : FactAttribute
{
    public OpenClFactAttribute()
    {
        if (OpenClTestDevice.SkipReason is { } reason) Skip = reason;
    }
}
