package dev.pyrite.app;

import dev.pyrite.inference.RunSettings;
import dev.pyrite.inference.diagnostics.SummaryRow;
import dev.pyrite.inference.diagnostics.SummaryTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a {@link ModelRun} produced, as plain data: the draws of every reported quantity (latent sites per
 * component, {@code theta[3]} 1-based, then the program's value as {@code return}...), their summary and
 * timings. One of {@link McmcOutcome} (NUTS, HMC), {@link SviOutcome} or {@link ExactOutcome} (no draws);
 * {@link RunWriter} writes any of them to an output folder.
 *
 * <pre>{@code
 * RunResult r = ModelRun.of(program).run();
 * if (r instanceof McmcOutcome m) {
 *     System.out.println(m.divergences() + " divergences");
 * }
 * RunWriter.to(Path.of("runs/x")).write(r);
 * }</pre>
 */
public sealed interface RunResult permits McmcOutcome, SviOutcome, ExactOutcome {
    /** The model, as the outputs name it. */
    ModelInfo model();

    /** The settings the run used. */
    RunSettings settings();

    /** Draws {@code [chain][draw]} of every reported quantity, parameters first, then the program's value. */
    Map<String, double[][]> draws();

    /** The site each quantity belongs to ({@code theta[3]} to {@code theta}; the program's value to {@code return}). */
    Map<String, String> groups();

    /**
     * Mean, sd, MCSE, 5/50/95% quantiles, R-hat, bulk and tail ESS of every quantity; after exact inference,
     * the exact mean, sd and quantiles, with MCSE 0 and NaN for R-hat and ESS.
     */
    SummaryTable summary();

    /** Why something is missing from the outputs, or null. */
    String note();

    /** Seconds to prepare the model (find its sites, compile its potential). */
    double prepareSeconds();

    /** Seconds of the run, preparation and postprocessing included. */
    double totalSeconds();

    /** The line printed after the summary: time, gradient evaluations, divergences, ESS per second. */
    String statsLine();

    /** The file name of the model's outputs. */
    default String modelName() {
        return model().name();
    }

    /** The summary as printed. */
    default String summaryText() {
        return summary().toText();
    }

    /** Quantities that are latent parameters (not the program's value). */
    default List<String> parameters() {
        List<String> out = new ArrayList<>();
        for (String q : draws().keySet()) {
            if (!"return".equals(groups().get(q))) {
                out.add(q);
            }
        }
        return out;
    }

    /** The smallest bulk ESS over the latent parameters (NaN when there is none). */
    default double minEssBulk() {
        double min = Double.POSITIVE_INFINITY;
        List<String> params = parameters();
        for (SummaryRow r : summary().rows()) {
            if (params.contains(r.variable()) && !Double.isNaN(r.essBulk())) {
                min = Math.min(min, r.essBulk());
            }
        }
        return Double.isInfinite(min) ? Double.NaN : min;
    }

    /** The largest R-hat over the latent parameters (NaN when there is none). */
    default double maxRhat() {
        double max = Double.NaN;
        List<String> params = parameters();
        for (SummaryRow r : summary().rows()) {
            if (params.contains(r.variable()) && !Double.isNaN(r.rhat())) {
                max = Double.isNaN(max) ? r.rhat() : Math.max(max, r.rhat());
            }
        }
        return max;
    }
}
