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
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        for (int c = 0; c < r.settings().chains(); c++) {
            Path f = file(dir, r.modelName(), c + 1);
            try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
                writeChain(r, c, w);
            }
            out.add(f);
        }
        return out;
    }

    private static void writeChain(McmcOutcome r, int chain, BufferedWriter w) throws IOException {
        RunSettings s = r.settings();
        McmcSamples m = r.samples();
        boolean nuts = s.algorithm() == Algorithm.NUTS;
        boolean dense = r.denseMass();
        String[] config = {
            "stan_version_major = 2",
            "stan_version_minor = 33",
            "stan_version_patch = 0",
            "model = " + r.modelName() + "_model",
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
            "  file = " + r.modelName() + "_" + (chain + 1) + ".csv",
            "  diagnostic_file =  (Default)",
            "  refresh = 100 (Default)",
            "  sig_figs = -1 (Default)",
            "  profile_file = profile.csv (Default)",
            "num_threads = 1 (Default)",
            "stanc_version = pyrite (" + r.model().origin() + ")",
            "stancflags = ",
        };
        for (String line : config) {
            w.write("# " + line + "\n");
        }
        StringBuilder header = new StringBuilder(String.join(",", SAMPLER_COLUMNS));
        for (String q : r.draws().keySet()) {
            header.append(',').append(columnName(q));
        }
        w.write(header.append('\n').toString());

        w.write("# Adaptation terminated\n");
        w.write("# Step size = " + number(m.adaptedStepSize().getDouble(chain)) + "\n");
        INDArray inv = m.inverseMass();
        if (dense) {
            w.write("# Elements of inverse mass matrix:\n");
            long d = inv.size(1);
            for (int i = 0; i < d; i++) {
                StringBuilder row = new StringBuilder("# ");
                for (int j = 0; j < d; j++) {
                    row.append(j > 0 ? ", " : "").append(number(inv.getDouble(chain, i, j)));
                }
                w.write(row.append('\n').toString());
            }
        } else {
            w.write("# Diagonal elements of inverse mass matrix:\n");
            StringBuilder row = new StringBuilder("# ");
            for (int j = 0; j < inv.size(1); j++) {
                row.append(j > 0 ? ", " : "").append(number(inv.getDouble(chain, j)));
            }
            w.write(row.append('\n').toString());
        }

        double[] lp = m.logDensity().getRow(chain).toDoubleVector();
        double[] accept = m.acceptStat().getRow(chain).toDoubleVector();
        double[] step = m.stepSize().getRow(chain).toDoubleVector();
        double[] depth = m.treeDepth().getRow(chain).toDoubleVector();
        double[] leapfrogs = m.leapfrogs().getRow(chain).toDoubleVector();
        double[] divergent = m.divergent().getRow(chain).toDoubleVector();
        double[] energy = m.energy().getRow(chain).toDoubleVector();
        List<double[]> columns = new ArrayList<>();
        for (Map.Entry<String, double[][]> e : r.draws().entrySet()) {
            columns.add(e.getValue()[chain]);
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < lp.length; i++) {
            line.setLength(0);
            line.append(number(lp[i])).append(',').append(number(accept[i])).append(',').append(number(step[i]))
                    .append(',').append((long) depth[i]).append(',').append((long) leapfrogs[i])
                    .append(',').append((long) divergent[i]).append(',').append(number(energy[i]));
            for (double[] col : columns) {
                line.append(',').append(number(col[i]));
            }
            w.write(line.append('\n').toString());
        }
        double warm = r.warmupSeconds();
        double samp = r.samplingSeconds();
        w.write("# \n");
        w.write(String.format(Locale.ROOT, "#  Elapsed Time: %s seconds (Warm-up)\n", number(warm)));
        w.write(String.format(Locale.ROOT, "#                %s seconds (Sampling)\n", number(samp)));
        w.write(String.format(Locale.ROOT, "#                %s seconds (Total)\n", number(warm + samp)));
        w.write("# \n");
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
