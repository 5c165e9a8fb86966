package dev.pyrite.benchmarks;

import dev.pyrite.examples.EightSchoolsModel;
import dev.pyrite.examples.LogisticRegressionModel;
import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.Posterior;
import dev.pyrite.inference.diagnostics.EffectiveSampleSize;
import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.tensor.Backend;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * NUTS end to end on reference models A (eight schools) and B (logistic regression), 500 warm-up +
 * 1000 draws per chain, for several chain counts: wall time of sampling, minimum bulk ESS over all scalar
 * components, ESS per second of sampling, divergences. The peers' figures (Stan, Pyro) come from
 * examples/data/REFERENCE.md. Appends a Markdown table to the file given as the first argument.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.pyrite.benchmarks.NutsComparison results.md A:4 A:64 B:4 B:64
 * }</pre>
 */
public final class NutsComparison {
    private NutsComparison() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Paths.get(args[0]);
        try (PrintStream table = new PrintStream(Files.newOutputStream(out, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND), true)) {
            table.printf("%n| model | chains | warm-up s | sampling s | min bulk-ESS | ESS/s (sampling) | divergences | "
                    + "grad evals | threads |%n|---|---|---|---|---|---|---|---|---|%n");
            for (int i = 1; i < args.length; i++) {
                String[] spec = args[i].split(":");
                Runnable model = spec[0].equals("A") ? EightSchoolsModel.load() : LogisticRegressionModel.load();
                int chains = Integer.parseInt(spec[1]);
                ModelPotential u = ModelPotential.of(model);
                McmcSamples s = MCMC.nuts(u).chains(chains).warmup(500).samples(1000).seed(2026).run();
                double minEss = Double.POSITIVE_INFINITY;
                for (double[][] draws : Posterior.of(u, s).draws().values()) {
                    minEss = Math.min(minEss, EffectiveSampleSize.bulk(draws));
                }
                String row = String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.0f | %.0f | %d | %d | %d |",
                        spec[0], chains, s.warmupSeconds(), s.samplingSeconds(), minEss, minEss / s.samplingSeconds(),
                        s.divergences(), s.gradientEvaluations(), Backend.threads());
                table.println(row);
                System.err.println(row);
            }
        }
    }
}
