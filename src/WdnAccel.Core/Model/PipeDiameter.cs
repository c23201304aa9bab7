namespace WdnAccel.Core.Model;

/// <summary>
/// The one reading of a design diameter: a value ≤ 0 means "no pipe" (a catalog option such as the New York tunnels'
/// "no duplicate"), so the link is closed and carries nothing; anything above 0 is a pipe laid at that size.
/// </summary>
public static class PipeDiameter
{
    public static bool IsLaid(double diameter) => diameter > 0;
}
