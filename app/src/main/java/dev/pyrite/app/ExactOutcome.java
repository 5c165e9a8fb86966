package dev.pyrite.app;

import dev.pyrite.inference.RunSettings;
import dev.pyrite.inference.diagnostics.SummaryRow;
import dev.pyrite.inference.diagnostics.SummaryTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of exact inference by enumeration ({@code --algo enum}): no draws, the exact posterior
 * mean, sd and quantiles of every latent site's components (and of a scalar program value), and every
 * site's marginal probabilities.
 *
 * @param model         the model
 * @param settings      the settings of the run
 * @param rows          the exact summary, one row per component
 * @param probabilities the marginal probability of every value of every component
 * @param seconds       seconds of the enumeration
 * @param note          why something is missing from the outputs, or null
 */
public record ExactOutcome(ModelInfo model, RunSettings settings, List<Row> rows, List<Probability> probabilities,
                           double seconds, String note) implements RunResult {
    /** One row of summary.csv: exact posterior mean, sd and quantiles (NaN where undefined). */
    public record Row(String variable, double mean, double sd, double q5, double q50, double q95) {
    }

    /** One row of marginals.csv: P(variable = value). */
    public record Probability(String variable, double value, double probability) {
    }

    /** Copies the lists. */
    public ExactOutcome {
        rows = List.copyOf(rows);
        probabilities = List.copyOf(probabilities);
    }

    /** None: exact inference draws nothing. */
    @Override
    public Map<String, double[][]> draws() {
        return Map.of();
    }

    @Override
    public Map<String, String> groups() {
        return Map.of();
    }

    /** The exact rows as a summary table: MCSE 0, R-hat and ESS NaN. */
    @Override
    public SummaryTable summary() {
        List<SummaryRow> out = new ArrayList<>();
        double nan = Double.NaN;
        for (Row r : rows) {
            out.add(new SummaryRow(r.variable(), r.mean(), r.sd(), 0, r.q5(), r.q50(), r.q95(), nan, nan, nan));
        }
        return SummaryTable.of(out);
    }

    @Override
    public double prepareSeconds() {
        return 0;
    }

    @Override
    public double totalSeconds() {
        return seconds;
    }

    /** The table printed on the terminal, without the Monte Carlo columns. */
    @Override
    public String summaryText() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-16s %12s %12s %8s %8s %8s%n",
                "variable", "mean", "sd", "q5", "q50", "q95"));
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%-16s %12.6g %12.6g %8s %8s %8s%n", r.variable(), r.mean(), r.sd(),
                    text(r.q5()), text(r.q50()), text(r.q95())));
        }
        return b.toString();
    }

    private static String text(double x) {
        return Double.isNaN(x) ? "NA" : String.format(Locale.ROOT, "%.6g", x);
    }

    @Override
    public String statsLine() {
        return String.format(Locale.ROOT, "exact posterior by parallel enumeration in %.2f s", seconds);
    }
}
