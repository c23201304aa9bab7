namespace WdnAccel.Core.Lp;

/// <summary>
/// Proof that a model has no integer point: every variable of row <see cref="Row"/> is integer (or fixed), every
/// integer coefficient is a whole multiple of <see cref="Gcd"/>, so the row's activity is its fixed part plus a multiple
/// of <see cref="Gcd"/>, and no such value lies within the row's bounds. <see cref="LpCertificateChecker.CheckIndivisible"/>
/// re-checks it on the model.
/// </summary>
public sealed record DivisibilityCertificate(int Row, Rational Gcd);
