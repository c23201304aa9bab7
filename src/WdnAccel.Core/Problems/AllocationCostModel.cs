using System.Globalization;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Problems;

/// <summary>
/// Prices an allocation with the Lishui case's cost terms (Zhang et al. 2025, section 2.3.1), flows in 10⁴ m³/d:
/// <list type="bullet">
/// <item>F1 production = 365 · p_i · P_i (p_i yuan/m³, P_i gross production), per year;</item>
/// <item>F2 lifting = η1 · 9.81 · q · H · 8760 · J / 10⁴ per lifted route (q m³/s, H m, J yuan/kWh), per year;</item>
/// <item>F3 network = Σ routes (Σ roads (300 + 100·K-hard)·d) · q^b (q m³/s of the route's gross flow, d km);</item>
/// <item>F4 pumping stations = 200 · lifted flow; F5 plants = 1000 · new capacity; F6 intake = (30 + 10·hard) · new capacity · km.</item>
/// </list>
/// New capacity is production beyond the plant's existing capacity (the paper's X_n = max(X_{n−1}, x)). The
/// capital terms F3–F6 are annualized by the model's annuity factor.
/// </summary>
public static class AllocationCostModel
{
    private const double SecondsPerDay = 86400, HoursPerYear = 8760, DaysPerYear = 365, Gravity = 9.81;

    /// <summary>Shortfall a unit may have and still count as served, 10⁴ m³/d (2 m³/d: the paper's tables round each entry to 1 m³/d).</summary>
    public const double DemandTolerance = 2e-4;

    /// <summary>Gross flow in m³/s of a flow given in 10⁴ m³/d.</summary>
    public static double CubicMetresPerSecond(double flow) => flow * MultiSourceModel.FlowUnit / SecondsPerDay;

    public static AllocationCost Evaluate(MultiSourceModel model, AllocationPlan plan)
    {
        var p = model.Parameters;
        int plants = model.Plants.Count, units = model.Units.Count;
        var terms = new double[6];
        var perPlant = new double[plants, 6];
        var lifting = new double[plants, units];
        var network = new double[plants, units];
        var gross = new double[plants, units];
        var production = new double[plants];
        var capacity = new double[plants];
        var served = new double[units];
        var problems = new List<string>();
        double violation = 0, minChlorine = double.PositiveInfinity, supplyNet = 0;

        for (int i = 0; i < plants; i++)
        {
            var plant = model.Plants[i];
            capacity[i] = plant.SupplyBound / MultiSourceModel.FlowUnit;
            for (int j = 0; j < units; j++)
            {
                double x = plan.Net[i, j];
                if (x <= 0) continue;
                var route = model.Routes[i, j];
                if (!route.Feasible)
                {
                    problems.Add($"{plant.Id} → {model.Units[j].Id}: {route.Reason}");
                    violation += x;
                    continue;
                }
                double g = x / (1 - route.Loss);
                gross[i, j] = g;
                production[i] += g;
                served[j] += x;
                supplyNet += x;
                minChlorine = Math.Min(minChlorine, route.Chlorine);
                double q = CubicMetresPerSecond(g);
                network[i, j] = route.CostCoefficient * Math.Pow(q, p.CostExponent);
                perPlant[i, 2] += network[i, j];
                if (route.Lifted)
                {
                    lifting[i, j] = p.LiftFactor * Gravity * q * route.LiftHead * HoursPerYear * p.ElectricityPrice / MultiSourceModel.FlowUnit;
                    perPlant[i, 1] += lifting[i, j];
                    perPlant[i, 3] += p.PumpStationCost * g;
                }
            }
            double price = plant.ProductionCost ?? p.ProductionCost;
            perPlant[i, 0] = DaysPerYear * price * production[i];
            double existing = plant.ExistingCapacity / MultiSourceModel.FlowUnit;
            double added = Math.Max(0, production[i] - existing);
            perPlant[i, 4] = p.PlantCost * added;
            perPlant[i, 5] = (p.IntakeCostBase + p.IntakeCostHard * plant.IntakeDifficulty) * added * plant.IntakeDistance;
            if (production[i] > capacity[i] + DemandTolerance)
            {
                problems.Add(string.Format(CultureInfo.InvariantCulture, "plant {0} sends {1:F4} but may send at most {2:F4} (10^4 m³/d)", plant.Id, production[i], capacity[i]));
                violation += production[i] - capacity[i];
            }
            for (int t = 0; t < 6; t++) terms[t] += perPlant[i, t];
        }
        for (int j = 0; j < units; j++)
        {
            double need = model.DemandMin[j];
            if (served[j] < need - DemandTolerance)
            {
                problems.Add(string.Format(CultureInfo.InvariantCulture, "unit {0} gets {1:F4} of its {2:F4} (10^4 m³/d)", model.Units[j].Id, served[j], need));
                violation += need - served[j];
            }
        }
        return new AllocationCost
        {
            Terms = terms, PerPlant = perPlant, RouteLifting = lifting, RouteNetwork = network, Gross = gross,
            AnnuityFactor = model.AnnuityFactor, SupplyNet = supplyNet, SupplyGross = production.Sum(), Production = production,
            Capacity = capacity, Served = served, MinChlorine = minChlorine, Problems = problems, Violation = violation,
        };
    }
}
