namespace WdnAccel.Core.Optimizers;

/// <summary>
/// A discrete minimization problem: one catalog index per decision variable, index range [0, Options(d)).
/// Optimizers call <see cref="Evaluate"/> once per generation with the whole batch, so an implementation can
/// score the population at once (SIMD lanes, GPU threads).
/// </summary>
public interface IProblem
{
    /// <summary>Number of decision variables D.</summary>
    int Dimensions { get; }

    /// <summary>Catalog size of decision variable <paramref name="dimension"/> (at least 1).</summary>
    int Options(int dimension);

    /// <summary>
    /// Scores <paramref name="count"/> genomes stored row-major in <paramref name="genomes"/>: genome g occupies
    /// [g·D, g·D + D). Writes one <see cref="Evaluation"/> per genome into <paramref name="results"/>[0..count).
    /// </summary>
    void Evaluate(ReadOnlySpan<int> genomes, int count, Span<Evaluation> results);
}
