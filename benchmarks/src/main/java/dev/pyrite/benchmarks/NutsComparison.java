package dev.pyrite.benchmarks;

import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.Posterior;
import dev.pyrite.inference.diagnostics.EffectiveSampleSize;
import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.tensor.Executor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * NUTS end to end on reference models A (eight schools), B (logistic regression) and C (Gaussian
 * mixture), 500 warm-up + 1000 draws per chain, for several chain counts and executors (MODEL:CHAINS or
 * MODEL:CHAINS:jvm|nd4j|auto): sampler time, minimum bulk ESS over all scalar components, ESS per second
 * of warm-up and sampling, divergences, time per chain-leapfrog. Appends a Markdown table to the file
 * given as the first argument.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.pyrite.benchmarks.NutsComparison results.md A:4:jvm A:4:nd4j
 * }</pre>
 */
public final class NutsComparison {
    private NutsComparison() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Paths.get(args[0]);
        try (PrintStream table = new PrintStream(Files.newOutputStream(out, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND), true)) {
            table.printf("%n| model | chains | executor | warm-up s | sampling s | min bulk-ESS | ESS/s (warm-up + sampling) "
                    + "| divergences | grad evals | us per chain-leapfrog |%n|---|---|---|---|---|---|---|---|---|---|%n");
            for (int i = 1; i < args.length; i++) {
                String[] spec = args[i].split(":");
                int chains = Integer.parseInt(spec[1]);
                Executor executor = spec.length > 2 ? Executor.valueOf(spec[2].toUpperCase()) : Executor.AUTO;
                ModelPotential u = ReferenceModels.potential(spec[0]);
                McmcSamples s = MCMC.nuts(u).chains(chains).warmup(500).samples(1000).seed(2026).executor(executor).run();
                double minEss = Double.POSITIVE_INFINITY;
                for (double[][] draws : Posterior.of(u, s).draws().values()) {
                    minEss = Math.min(minEss, EffectiveSampleSize.bulk(draws));
                }
                double seconds = s.warmupSeconds() + s.samplingSeconds();
                String row = String.format(Locale.ROOT, "| %s | %d | %s | %.2f | %.2f | %.0f | %.0f | %d | %d | %.2f |",
                        spec[0], chains, executor, s.warmupSeconds(), s.samplingSeconds(), minEss, minEss / seconds,
                        s.divergences(), s.gradientEvaluations(), seconds * 1e6 / s.gradientEvaluations());
                table.println(row);
                System.err.println(row);
            }
        }
    }
}
