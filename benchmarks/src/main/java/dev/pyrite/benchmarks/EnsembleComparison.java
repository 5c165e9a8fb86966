package dev.pyrite.benchmarks;

import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.inference.pathfinder.Pathfinder;
import dev.pyrite.inference.pathfinder.PathfinderResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * ESS per gradient and ESS per second of NUTS, ChEES-HMC and MEADS ({@link EnsembleRuns}) for each
 * MODEL:CHAINS argument (or MODEL:CHAINS:ALGORITHM, e.g. B:512:chees; ALGORITHM may also be pathfinder, one path per chain), appended as a Markdown table to the file named by the first argument. The ESS
 * is the smallest bulk ESS over the scalar components; gradients are chain-gradients (a batched call of C
 * chains counts C, for MEADS the frozen fold's rows included); seconds are warm-up plus sampling.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.pyrite.benchmarks.EnsembleComparison out.md B:64 B:512 G100:64
 * }</pre>
 */
public final class EnsembleComparison {
    private EnsembleComparison() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Paths.get(args[0]);
        try (PrintStream table = new PrintStream(Files.newOutputStream(out, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), true)) {
            table.printf("%n| model | chains | algorithm | warm-up s | sampling s | chain-gradients | min bulk-ESS "
                    + "| ESS per 1000 gradients | ESS/s | divergences |%n|---|---|---|---|---|---|---|---|---|---|%n");
            for (int i = 1; i < args.length; i++) {
                String[] spec = args[i].split(":");
                int chains = Integer.parseInt(spec[1]);
                Potential u = EnsembleRuns.potential(spec[0]);
                String[] algorithms = spec.length > 2 ? new String[]{spec[2]} : new String[]{"nuts", "chees", "meads"};
                for (String algorithm : algorithms) {
                    if (algorithm.equals("pathfinder")) {
                        table.println(pathfinderRow(spec[0], u, chains));
                        continue;
                    }
                    McmcSamples s = EnsembleRuns.run(algorithm, u, chains, 2026);
                    double ess = EnsembleRuns.minBulkEss(u, s);
                    double seconds = s.warmupSeconds() + s.samplingSeconds();
                    String row = String.format(Locale.ROOT, "| %s | %d | %s | %.2f | %.2f | %d | %.0f | %.2f | %.0f | %d |",
                            spec[0], chains, algorithm, s.warmupSeconds(), s.samplingSeconds(), s.gradientEvaluations(),
                            ess, 1000 * ess / s.gradientEvaluations(), ess / seconds, s.divergences());
                    table.println(row);
                    System.err.println(row);
                }
            }
        }
    }

    /**
     * Pathfinder with one path per chain and 1000 draws: its seconds as warm-up, its L-BFGS gradients, and
     * as ESS the effective sample size of its Pareto-smoothed importance weights (the resampled draws are
     * not a Markov chain), with the Pareto k in the divergences column's place.
     */
    private static String pathfinderRow(String model, Potential u, int paths) {
        long t0 = System.nanoTime();
        PathfinderResult r = Pathfinder.of(u).paths(paths).draws(1000).seed(2026).run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        String row = String.format(Locale.ROOT, "| %s | %d | pathfinder | %.2f | 0 | %d (+ %d densities) | %.0f"
                + " (importance) | %.2f | %.0f | k %.2f |", model, paths, seconds, r.gradientEvaluations(),
                r.densityEvaluations(), r.importanceEss(), 1000 * r.importanceEss() / r.gradientEvaluations(),
                r.importanceEss() / seconds, r.paretoK());
        System.err.println(row);
        return row;
    }
}
