package dev.pyrite.app;

import dev.pyrite.inference.Algorithm;
import dev.pyrite.inference.RunSettings;
import dev.pyrite.inference.mcmc.McmcSamples;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes each chain's draws as a CSV file in CmdStan's format, so that ArviZ ({@code from_cmdstan}),
 * cmdstanpy ({@code from_csv}) and R ({@code cmdstanr::read_cmdstan_csv}, then {@code posterior}) read
 * them as if CmdStan had written them: comment lines with the configuration ({@code key = value}), the
 * header row {@code lp__, accept_stat__, stepsize__, treedepth__, n_leapfrog__, divergent__, energy__}
 * followed by the quantities with CmdStan's names ({@code theta[3]} becomes {@code theta.3},
 * {@code L[2,1]} becomes {@code L.2.1}), the adaptation block (step size and inverse metric), one row per
 * draw, and the elapsed times.
 *
 * <p>{@code lp__} is the log density on the unconstrained space with the Jacobian terms, as Stan's;
 * {@code energy__} the Hamiltonian at the draw. Times are those of all chains together (they run as one
 * batch).
 */
final class CmdStanCsv {
    /** The sampler columns, in CmdStan's order. */
    static final List<String> SAMPLER_COLUMNS = List.of("lp__", "accept_stat__", "stepsize__", "treedepth__",
            "n_leapfrog__", "divergent__", "energy__");

    private CmdStanCsv() {
    }

    /** {@code theta[3]} to {@code theta.3}, {@code L[2,1]} to {@code L.2.1}, {@code a[2][1]} to {@code a.2.1}. */
    static String columnName(String quantity) {
        return quantity.replace("][", ".").replace('[', '.').replace(',', '.').replace("]", "");
    }

    /** The file of chain {@code chain} (1-based). */
    static Path file(Path dir, String model, int chain) {
        return dir.resolve(model + "_" + chain + ".csv");
    }

    static List<Path> write(McmcOutcome r, Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        McmcSamples m = r.samples();
        for (int c = 0; c < r.settings().chains(); c++) {
            Path f = file(dir, r.modelName(), c + 1);
            try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
                writeLines(w, head(r.model(), r.settings(), r.denseMass(), c, r.draws().keySet(),
                        m.adaptedStepSize().getDouble(c), inverseMass(m, c)));
                List<double[]> columns = new ArrayList<>();
                for (double[][] d : r.draws().values()) {
                    columns.add(d[c]);
                }
                double[] values = new double[columns.size()];
                for (int i = 0; i < m.drawCount(); i++) {
                    for (int k = 0; k < values.length; k++) {
                        values[k] = columns.get(k)[i];
                    }
                    w.write(row(DrawRow.of(m, c, i), values));
                }
                writeLines(w, footer(r.warmupSeconds(), r.samplingSeconds()));
            }
            out.add(f);
        }
        return out;
    }

    /** Chain {@code chain}'s adapted inverse metric, row by row (one row when diagonal). */
    static double[][] inverseMass(McmcSamples m, int chain) {
        INDArray inv = m.inverseMass();
        if (inv.rank() == 3) {
            double[][] rows = new double[(int) inv.size(1)][(int) inv.size(2)];
            for (int i = 0; i < rows.length; i++) {
                for (int j = 0; j < rows[i].length; j++) {
                    rows[i][j] = inv.getDouble(chain, i, j);
                }
            }
            return rows;
        }
        double[] row = new double[(int) inv.size(1)];
        for (int j = 0; j < row.length; j++) {
            row[j] = inv.getDouble(chain, j);
        }
        return new double[][]{row};
    }

    static void writeLines(BufferedWriter w, List<String> lines) throws IOException {
        for (String line : lines) {
            w.write(line);
            w.write('\n');
        }
    }

    /**
     * Everything above chain {@code chain}'s first draw: the configuration comments, the header row and the
     * adaptation block ({@code inverseMass}: one row when diagonal, D rows when dense).
     */
    static List<String> head(ModelInfo model, RunSettings s, boolean dense, int chain, Collection<String> quantities,
                             double stepSize, double[][] inverseMass) {
        boolean nuts = s.algorithm() == Algorithm.NUTS;
        String[] config = {
            "stan_version_major = 2",
            "stan_version_minor = 33",
            "stan_version_patch = 0",
            "model = " + model.name() + "_model",
            "start_datetime = " + java.time.Instant.now().toString(),
            "method = sample (Default)",
            "  sample",
            "    num_samples = " + s.samples(),
            "    num_warmup = " + s.warmup(),
            "    save_warmup = 0 (Default)",
            "    thin = 1 (Default)",
            "    adapt",
            "      engaged = 1 (Default)",
            "      gamma = 0.05 (Default)",
            "      delta = " + s.targetAccept(),
            "      kappa = 0.75 (Default)",
            "      t0 = 10 (Default)",
            "      init_buffer = 75 (Default)",
            "      term_buffer = 50 (Default)",
            "      window = 25 (Default)",
            "    algorithm = hmc (Default)",
            "      hmc",
            nuts ? "        engine = nuts (Default)" : "        engine = static",
            nuts ? "          nuts" : "          static",
            nuts ? "            max_depth = " + s.maxTreeDepth() : "            int_time = " + s.trajectoryLength(),
            "        metric = " + (dense ? "dense_e" : "diag_e (Default)"),
            "        metric_file =  (Default)",
            "        stepsize = 1 (Default)",
            "        stepsize_jitter = 0 (Default)",
            "    num_chains = 1 (Default)",
            "id = " + (chain + 1),
            "data",
            "  file =  (Default)",
            "init = 2 (Default)",
            "random",
            "  seed = " + s.seed(),
            "output",
            "  file = " + model.name() + "_" + (chain + 1) + ".csv",
            "  diagnostic_file =  (Default)",
            "  refresh = 100 (Default)",
            "  sig_figs = -1 (Default)",
            "  profile_file = profile.csv (Default)",
            "num_threads = 1 (Default)",
            "stanc_version = pyrite (" + model.origin() + ")",
            "stancflags = ",
        };
        List<String> lines = new ArrayList<>();
        for (String line : config) {
            lines.add("# " + line);
        }
        StringBuilder header = new StringBuilder(String.join(",", SAMPLER_COLUMNS));
        for (String q : quantities) {
            header.append(',').append(columnName(q));
        }
        lines.add(header.toString());
        lines.add("# Adaptation terminated");
        lines.add("# Step size = " + number(stepSize));
        lines.add(dense ? "# Elements of inverse mass matrix:" : "# Diagonal elements of inverse mass matrix:");
        for (double[] r : inverseMass) {
            StringBuilder row = new StringBuilder("# ");
            for (int j = 0; j < r.length; j++) {
                row.append(j > 0 ? ", " : "").append(number(r[j]));
            }
            lines.add(row.toString());
        }
        return lines;
    }

    /** One draw's row, newline included: the sampler columns, then the quantities' values in header order. */
    static String row(DrawRow r, double[] values) {
        StringBuilder line = new StringBuilder();
        line.append(number(r.logDensity())).append(',').append(number(r.acceptStat())).append(',')
                .append(number(r.stepSize())).append(',').append((long) r.treeDepth()).append(',')
                .append((long) r.leapfrogs()).append(',').append((long) r.divergent()).append(',')
                .append(number(r.energy()));
        for (double v : values) {
            line.append(',').append(number(v));
        }
        return line.append('\n').toString();
    }

    /** The elapsed times after the last draw. */
    static List<String> footer(double warm, double samp) {
        return List.of("# ",
                String.format(Locale.ROOT, "#  Elapsed Time: %s seconds (Warm-up)", number(warm)),
                String.format(Locale.ROOT, "#                %s seconds (Sampling)", number(samp)),
                String.format(Locale.ROOT, "#                %s seconds (Total)", number(warm + samp)),
                "# ");
    }

    /**
     * The draws of an SVI run in the format of CmdStan's variational method, one file
     * {@code <model>_vb.csv}: configuration comments, the header {@code lp__, log_p__, log_g__} and the
     * quantities, the adaptation lines, a first row with the means of the draws, then one row per draw
     * ({@code lp__}, {@code log_p__} and {@code log_g__} are written as 0: Pyrite does not record them).
     * Also {@code elbo.csv}: the loss of every step.
     */
    static List<Path> writeVariational(SviOutcome r, Path dir) throws IOException {
        RunSettings s = r.settings();
        SviFit fit = r.fit();
        Path f = dir.resolve(r.modelName() + "_vb.csv");
        int n = s.chains() * s.samples();
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            String[] config = {
                "stan_version_major = 2",
                "stan_version_minor = 33",
                "stan_version_patch = 0",
                "model = " + r.modelName() + "_model",
                "method = variational",
                "  variational",
                "    algorithm = meanfield (Default)",
                "      meanfield",
                "    iter = " + fit.steps(),
                "    grad_samples = " + fit.particles(),
                "    elbo_samples = " + fit.particles(),
                "    eta = " + fit.learningRate(),
                "    adapt",
                "      engaged = 0",
                "      iter = 50 (Default)",
                "    tol_rel_obj = 0.01 (Default)",
                "    eval_elbo = 100 (Default)",
                "    output_samples = " + n,
                "id = 1 (Default)",
                "data",
                "  file =  (Default)",
                "init = 2 (Default)",
                "random",
                "  seed = " + s.seed(),
                "output",
                "  file = " + f.getFileName(),
                "stanc_version = pyrite (" + r.model().origin() + ", " + fit.guide() + " guide, Adam)",
            };
            for (String line : config) {
                w.write("# " + line + "\n");
            }
            StringBuilder header = new StringBuilder("lp__,log_p__,log_g__");
            for (String q : r.draws().keySet()) {
                header.append(',').append(columnName(q));
            }
            w.write(header.append('\n').toString());
            w.write("# Stepsize adaptation complete.\n");
            w.write("# eta = " + fit.learningRate() + "\n");
            List<double[]> columns = new ArrayList<>();
            for (double[][] d : r.draws().values()) {
                double[] flat = new double[n];
                for (int c = 0; c < d.length; c++) {
                    System.arraycopy(d[c], 0, flat, c * d[c].length, d[c].length);
                }
                columns.add(flat);
            }
            StringBuilder line = new StringBuilder("0,0,0");
            for (double[] col : columns) {
                double mean = 0;
                for (double v : col) {
                    mean += v;
                }
                line.append(',').append(number(mean / n));
            }
            w.write(line.append('\n').toString());
            for (int i = 0; i < n; i++) {
                line.setLength(0);
                line.append("0,0,0");
                for (double[] col : columns) {
                    line.append(',').append(number(col[i]));
                }
                w.write(line.append('\n').toString());
            }
        }
        Path elbo = dir.resolve("elbo.csv");
        try (BufferedWriter w = Files.newBufferedWriter(elbo, StandardCharsets.UTF_8)) {
            w.write("step,loss\n");
            double[] losses = fit.losses();
            for (int i = 0; i < losses.length; i++) {
                w.write((i + 1) + "," + number(losses[i]) + "\n");
            }
        }
        return List.of(f, elbo);
    }

    /** Full precision, with CmdStan's spellings of the non-finite values. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Double.toString(v);
    }
}
