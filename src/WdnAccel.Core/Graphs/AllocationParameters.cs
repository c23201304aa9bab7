using System.Globalization;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Graphs;

/// <summary>
/// The cost model's settings of the Lishui case (Zhang et al. 2025, Water 17(1):61, section 2.3), read from a
/// graph_allocation block's `parameters` by name; every name has a default, an unknown name is bad input.
/// Units follow the paper: flows in 10⁴ m³/d, costs in 10⁴ yuan, lengths in km.
/// </summary>
public sealed record AllocationParameters
{
    /// <summary>Name, default and meaning of every parameter, for validation and docs.</summary>
    public static readonly IReadOnlyList<(string Name, double Default, string Meaning)> Known =
    [
        ("interest_rate", 0.07, "annual interest rate of the annuity (paper: 7 %)"),
        ("years", 30, "repayment term in years (paper: 30)"),
        ("cost_exponent", 0.5728, "exponent b of q^b in the network cost (paper's fit: 0.5728; its F3 prints 0.5782)"),
        ("route_cost_base", 300, "network cost per km of an easy road at q = 1 m³/s (F3: 300)"),
        ("route_cost_hard", 100, "extra network cost per km at difficulty 1 (F3: + 100·K-hard)"),
        ("pump_station_cost", 200, "pumping station construction per 10⁴ m³/d lifted (F4: 200)"),
        ("plant_cost", 1000, "water plant construction per 10⁴ m³/d of new capacity (F5: 1000)"),
        ("intake_cost_base", 30, "intake cost per 10⁴ m³/d per km (F6: 30)"),
        ("intake_cost_hard", 10, "extra intake cost at difficulty 1 (F6: + 10·Provide-hard)"),
        ("lift_factor", 1.05, "η1 of the lifting cost F2 (paper: 1.05)"),
        ("electricity_price", 0.6, "yuan per kWh for F2 (not in the paper: assumed)"),
        ("service_head", 28, "m of pressure a lifted unit needs above its elevation (not in the paper: assumed, 6 storeys)"),
        ("production_cost", 0.33, "yuan per m³ produced, where a plant gives none (not in the paper: the mean of the Lishui fit)"),
        ("quota", 0.5, "m³ per person per day when a unit gives its population (paper: 500 L)"),
        ("chlorine_initial", 0.5, "mg/L leaving a plant or a re-chlorinating pumping station (regulation: ≥ 0.3)"),
        ("chlorine_min", 0.05, "mg/L required at a demand unit (regulation)"),
        ("chlorine_decay", 0.05, "first-order decay per km of route (the paper fits one to measurements it does not print: assumed)"),
        ("loss_per_km", 0.0262, "k of loss = 1 − e^(−k·d) for pairs the loss table leaves out (fitted to the Lishui Table 5 against our route lengths)"),
    ];

    private static readonly Dictionary<string, int> Position = Known.Select((k, i) => (k.Name, i)).ToDictionary(t => t.Name, t => t.i, StringComparer.Ordinal);

    private readonly double[] _values;

    private AllocationParameters(double[] values) => _values = values;

    public double InterestRate => _values[0];
    public double Years => _values[1];
    public double CostExponent => _values[2];
    public double RouteCostBase => _values[3];
    public double RouteCostHard => _values[4];
    public double PumpStationCost => _values[5];
    public double PlantCost => _values[6];
    public double IntakeCostBase => _values[7];
    public double IntakeCostHard => _values[8];
    public double LiftFactor => _values[9];
    public double ElectricityPrice => _values[10];
    public double ServiceHead => _values[11];
    public double ProductionCost => _values[12];
    public double Quota => _values[13];
    public double ChlorineInitial => _values[14];
    public double ChlorineMin => _values[15];
    public double ChlorineDecay => _values[16];
    public double LossPerKm => _values[17];

    /// <summary>The value of every parameter (given or default), by name, for reports.</summary>
    public IEnumerable<KeyValuePair<string, double>> All => Known.Select((k, i) => new KeyValuePair<string, double>(k.Name, _values[i]));

    /// <summary>Reads the block's parameters; unknown names and values outside their range are bad input naming the field.</summary>
    public static AllocationParameters Of(GraphAllocationSpec spec)
    {
        var values = Known.Select(k => k.Default).ToArray();
        foreach (var (name, value) in spec.Parameters)
        {
            string field = $"graph_allocation.parameters.{name}";
            if (!Position.TryGetValue(name, out int i))
                throw new InvalidInputException($"unknown parameter '{name}'; known: {string.Join(", ", Known.Select(k => k.Name))}", field: field);
            bool positive = name is "years" or "route_cost_base" or "cost_exponent" or "chlorine_initial";
            if (!double.IsFinite(value) || value < 0 || (positive && value == 0))
                throw new InvalidInputException(string.Format(CultureInfo.InvariantCulture, "{0} must be a finite number {1} 0, got {2}", name, positive ? ">" : "≥", value), field: field);
            values[i] = value;
        }
        if (values[2] >= 1) throw new InvalidInputException($"cost_exponent must be below 1 (economies of scale), got {values[2]}", field: "graph_allocation.parameters.cost_exponent");
        return new AllocationParameters(values);
    }

    /// <summary>
    /// The factor turning a capital cost into an annual one. Capital recovery (A/P, i, n) = i(1+i)^n / ((1+i)^n − 1)
    /// is the annual payment that repays the capital; the sinking fund (A/F, i, n) = i / ((1+i)^n − 1) is the
    /// paper's literal symbol "C = (A/F, 7 %, 30)" (0.01059 against 0.08059).
    /// </summary>
    public double AnnuityFactor(string kind)
    {
        double i = InterestRate, g = Math.Pow(1 + i, Years);
        if (i == 0) return 1 / Years;
        return kind switch
        {
            "capital_recovery" => i * g / (g - 1),
            "sinking_fund" => i / (g - 1),
            _ => throw new InvalidInputException($"annuity must be capital_recovery or sinking_fund, got '{kind}'", field: "graph_allocation.annuity"),
        };
    }
}
