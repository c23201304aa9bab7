namespace WdnAccel.Cli;

/// <summary>Process exit codes (DESIGN.md section 8).</summary>
public enum ExitCode
{
    Success = 0,
    InternalError = 1,
    BadInput = 2,
    InfeasibleOrUnbounded = 3,
    BackendUnavailable = 4,
}
