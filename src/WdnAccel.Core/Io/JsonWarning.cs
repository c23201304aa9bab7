namespace WdnAccel.Core.Io;

/// <summary>
/// One warning of a JSON answer: a short <see cref="Code"/> scripts can filter on (input, not_converged,
/// small_diameter, negative_pressure, not_certified, torn_tail, not_exported), the sentence a person reads, and
/// what it concerns (a file, a node or pipe id, a field) when there is one.
/// </summary>
public sealed record JsonWarning(string Code, string Message, string? Where = null);
