namespace WdnAccel.Core.Problems;

/// <summary>The second objective of a pipe-sizing front, maximized against cost.</summary>
public enum FrontObjective
{
    /// <summary>Todini's resilience index (<see cref="ResilienceIndex"/>), the smallest over the demand cases.</summary>
    Resilience,
    /// <summary>The smallest head surplus over the required heads (m), over every junction and demand case.</summary>
    Surplus,
}
