namespace WdnAccel.Core.Io;

/// <summary>wdnaccel's version as the reports state it (major.minor.patch; every assembly of the build carries it).</summary>
public static class ProductVersion
{
    public static string Text { get; } = typeof(ProductVersion).Assembly.GetName().Version?.ToString(3) ?? "0";
}
