namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// Whether <see cref="GgaLaneSolver"/> is compiled with the code few networks need: the checks of controls on junction
/// pressure (EPANET pswitch) and emitters. A type argument, so that a GPU kernel for networks without either carries
/// none of that code and keeps its registers.
/// </summary>
public static class GgaExtras
{
    public interface IMode
    {
        bool Enabled { get; }
    }

    /// <summary>Pressure controls checked and emitters solved wherever the network has them.</summary>
    public readonly struct On : IMode
    {
        public bool Enabled => true;
    }

    /// <summary>Neither: for networks without controls on junction pressure and without emitters only.</summary>
    public readonly struct Off : IMode
    {
        public bool Enabled => false;
    }
}
