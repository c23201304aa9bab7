namespace WdnAccel.Cli;

/// <summary>Process exit codes, as the README's table lists them.</summary>
public enum ExitCode
{
    Success = 0,
    InternalError = 1,
    BadInput = 2,
    InfeasibleOrUnbounded = 3,
    BackendUnavailable = 4,
}
