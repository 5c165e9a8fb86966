package dev.pyrite.app;

import dev.pyrite.inference.Posterior;
import dev.pyrite.inference.diagnostics.Summary;
import dev.pyrite.inference.diagnostics.SummaryRow;
import dev.pyrite.inference.diagnostics.SummaryTable;
import dev.pyrite.inference.mcmc.McmcSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@link ModelRun} produced: the sampler's draws and statistics, the draws of every reported
 * quantity (latent sites per component, {@code theta[3]} 1-based, then the program's value as
 * {@code return}...), their summary, and timings. {@link #writeTo} writes the output folder. After
 * exact inference ({@link ModelRun.Algorithm#ENUM}) there are no draws: {@link #summary()} holds the exact
 * posterior means, sds and quantiles.
 */
public final class RunResult {
    private final String modelName;
    private final ModelRun.RunSettings settings;
    private final Posterior posterior;
    private final McmcSamples samples;
    private final SviFit svi;
    private final ExactInference exact;
    private final Map<String, double[][]> quantities;
    private final Map<String, String> groups;
    private final double prepareSeconds;
    private final double postSeconds;
    private final String note;
    private SummaryTable summary;

    RunResult(String modelName, ModelRun.RunSettings settings, Posterior posterior, McmcSamples samples, SviFit svi,
              Map<String, double[][]> quantities, Map<String, String> groups, double prepareSeconds, double postSeconds,
              String note) {
        this(modelName, settings, posterior, samples, svi, null, quantities, groups, prepareSeconds, postSeconds, note);
    }

    /** The result of exact inference: no draws, the exact summary. */
    RunResult(String modelName, ModelRun.RunSettings settings, ExactInference exact) {
        this(modelName, settings, null, null, null, exact, Map.of(), Map.of(), 0, 0, exact.note());
    }

    private RunResult(String modelName, ModelRun.RunSettings settings, Posterior posterior, McmcSamples samples,
                      SviFit svi, ExactInference exact, Map<String, double[][]> quantities, Map<String, String> groups,
                      double prepareSeconds, double postSeconds, String note) {
        this.modelName = modelName;
        this.settings = settings;
        this.posterior = posterior;
        this.samples = samples;
        this.svi = svi;
        this.exact = exact;
        this.quantities = Collections.unmodifiableMap(quantities);
        this.groups = Collections.unmodifiableMap(groups);
        this.prepareSeconds = prepareSeconds;
        this.postSeconds = postSeconds;
        this.note = note;
    }

    public String modelName() {
        return modelName;
    }

    public ModelRun.RunSettings settings() {
        return settings;
    }

    /** The latent sites' draws in their constrained space (MCMC runs; null after SVI). */
    public Posterior posterior() {
        return posterior;
    }

    /** The sampler's draws and statistics (MCMC runs; null after SVI). */
    public McmcSamples samples() {
        return samples;
    }

    /** The variational fit (SVI runs; null after MCMC). */
    public SviFit svi() {
        return svi;
    }

    /** True for NUTS and HMC runs. */
    public boolean isMcmc() {
        return samples != null;
    }

    /** True after exact inference by enumeration (no draws). */
    public boolean isExact() {
        return exact != null;
    }

    /** The exact posterior (ENUM runs; null otherwise). */
    ExactInference exact() {
        return exact;
    }

    /** Draws {@code [chain][draw]} of every reported quantity, parameters first, then the program's value. */
    public Map<String, double[][]> draws() {
        return quantities;
    }

    /** The site each quantity belongs to ({@code theta[3]} to {@code theta}; the program's value to {@code return}). */
    public Map<String, String> groups() {
        return groups;
    }

    /** Quantities that are latent parameters (not the program's value). */
    public List<String> parameters() {
        List<String> out = new ArrayList<>();
        for (String q : quantities.keySet()) {
            if (!"return".equals(groups.get(q))) {
                out.add(q);
            }
        }
        return out;
    }

    /** Why something is missing from the outputs, or null. */
    public String note() {
        return note;
    }

    /**
     * Mean, sd, MCSE, 5/50/95% quantiles, R-hat, bulk and tail ESS of every quantity; after exact inference,
     * the exact mean, sd and quantiles, with MCSE 0 and NaN for R-hat and ESS.
     */
    public synchronized SummaryTable summary() {
        if (summary == null && exact != null) {
            List<SummaryRow> rows = new ArrayList<>();
            for (ExactInference.Row r : exact.rows()) {
                double nan = Double.NaN;
                rows.add(new SummaryRow(r.variable(), r.mean(), r.sd(), 0, r.q5(), r.q50(), r.q95(), nan, nan, nan));
            }
            summary = SummaryTable.of(rows);
        }
        if (summary == null) {
            List<SummaryRow> rows = new ArrayList<>();
            for (Map.Entry<String, double[][]> e : quantities.entrySet()) {
                try {
                    rows.add(Summary.of(e.getKey(), e.getValue()));
                } catch (IllegalArgumentException ex) {
                    double nan = Double.NaN;
                    rows.add(new SummaryRow(e.getKey(), nan, nan, nan, nan, nan, nan, nan, nan, nan));
                }
            }
            summary = SummaryTable.of(rows);
        }
        return summary;
    }

    /** The summary as printed: the table of {@link #summary()}, without the Monte Carlo columns after exact inference. */
    public String summaryText() {
        return exact != null ? exact.toText() : summary().toText();
    }

    /** Seconds to compile the model's potential and find its sites. */
    public double prepareSeconds() {
        return prepareSeconds;
    }

    /** MCMC warm-up (0 for SVI). */
    public double warmupSeconds() {
        return samples != null ? samples.warmupSeconds() : 0;
    }

    /** MCMC sampling after warm-up, the SVI optimisation, or the exact enumeration. */
    public double samplingSeconds() {
        return samples != null ? samples.samplingSeconds() : svi != null ? svi.seconds() : exact.seconds();
    }

    /** Seconds to map draws to the constrained space and evaluate the program's value at them. */
    public double postprocessSeconds() {
        return postSeconds;
    }

    public double totalSeconds() {
        return prepareSeconds + warmupSeconds() + samplingSeconds() + postSeconds;
    }

    /** Gradient evaluations of all chains (MCMC), SVI steps times particles, or 0 (exact inference). */
    public long gradientEvaluations() {
        return samples != null ? samples.gradientEvaluations() : svi != null ? (long) svi.steps() * svi.particles() : 0;
    }

    /** Divergent transitions after warm-up (0 for SVI). */
    public long divergences() {
        return samples != null ? samples.divergences() : 0;
    }

    /** The smallest bulk ESS over the latent parameters. */
    public double minEssBulk() {
        double min = Double.POSITIVE_INFINITY;
        List<String> params = parameters();
        for (SummaryRow r : summary().rows()) {
            if (params.contains(r.variable()) && !Double.isNaN(r.essBulk())) {
                min = Math.min(min, r.essBulk());
            }
        }
        return Double.isInfinite(min) ? Double.NaN : min;
    }

    /** The largest R-hat over the latent parameters. */
    public double maxRhat() {
        double max = Double.NaN;
        List<String> params = parameters();
        for (SummaryRow r : summary().rows()) {
            if (params.contains(r.variable()) && !Double.isNaN(r.rhat())) {
                max = Double.isNaN(max) ? r.rhat() : Math.max(max, r.rhat());
            }
        }
        return max;
    }

    /** Minimum bulk ESS per second of the sampler, warm-up and sampling together. */
    public double essPerSecond() {
        // Chains run their own warm-ups and overlap, so only the whole sampler time is meaningful.
        return minEssBulk() / (warmupSeconds() + samplingSeconds());
    }

    /** The line printed after the summary: time, gradient evaluations, divergences, ESS per second. */
    public String statsLine() {
        if (exact != null) {
            return String.format(Locale.ROOT, "exact posterior by parallel enumeration in %.2f s", exact.seconds());
        }
        if (svi != null) {
            return String.format(Locale.ROOT, "SVI (%s, Adam %s, %d particle%s): %d steps in %.1f s, final loss"
                            + " (negative ELBO) %.4g; %d draws from the guide; %.1f s in all",
                    svi.guide(), svi.learningRate(), svi.particles(), svi.particles() == 1 ? "" : "s", svi.steps(),
                    svi.seconds(), svi.finalLoss(), settings.chains() * settings.samples(), totalSeconds());
        }
        return String.format(Locale.ROOT, "%d chains x %d draws in %.1f s (warm-up %.1f s, sampling %.1f s);"
                        + " %d gradient evaluations; %d divergence%s; min bulk ESS %.0f, %.1f ESS/s (warm-up + sampling); max R-hat %.3f",
                settings.chains(), settings.samples(), totalSeconds(), warmupSeconds(), samplingSeconds(),
                gradientEvaluations(), divergences(), divergences() == 1 ? "" : "s", minEssBulk(), essPerSecond(),
                maxRhat());
    }

    /**
     * Writes the outputs to {@code dir}: one CmdStan CSV per chain, {@code summary.csv}, {@code run.json}
     * and {@code plots/*.png}; after exact inference {@code summary.csv}, {@code marginals.csv} and
     * {@code run.json}. Returns the files written.
     */
    public List<Path> writeTo(Path dir) {
        return writeTo(dir, List.of(), null);
    }

    /** {@link #writeTo(Path)} recording the command line and the model file in {@code run.json}. */
    public List<Path> writeTo(Path dir, List<String> commandLine, Path modelFile) {
        return writeTo(dir, commandLine, modelFile, true);
    }

    /** {@link #writeTo(Path, List, Path)}, with or without the plots. */
    public List<Path> writeTo(Path dir, List<String> commandLine, Path modelFile, boolean plots) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            if (exact != null) {
                written.addAll(exact.writeTo(dir));
            } else {
                written.addAll(svi != null ? CmdStanCsv.writeVariational(this, dir) : CmdStanCsv.write(this, dir));
                Path summaryFile = dir.resolve("summary.csv");
                Files.writeString(summaryFile, summary().toCsv(), StandardCharsets.UTF_8);
                written.add(summaryFile);
            }
            if (plots && exact == null) {
                written.addAll(PosteriorPlots.write(this, dir.resolve("plots")));
            }
            Path json = dir.resolve("run.json");
            Files.writeString(json, RunJson.of(this, commandLine, modelFile, written, dir), StandardCharsets.UTF_8);
            written.add(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the outputs to " + dir + ": " + e.getMessage(), e);
        }
        return written;
    }
}
