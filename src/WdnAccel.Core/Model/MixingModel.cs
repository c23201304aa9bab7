namespace WdnAccel.Core.Model;

/// <summary>How a tank mixes for water quality (EPANET [MIXING]).</summary>
public enum MixingModel
{
    Mixed,
    TwoCompartment,
    Fifo,
    Lifo,
}
