package dev.pyrite.benchmarks;

import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.Posterior;
import dev.pyrite.inference.diagnostics.EffectiveSampleSize;
import dev.pyrite.inference.diagnostics.NestedRhat;
import dev.pyrite.inference.ensemble.ChEES;
import dev.pyrite.inference.mcmc.ConvergenceTargets;
import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Superchains;
import dev.pyrite.inference.pathfinder.Pathfinder;
import dev.pyrite.inference.pathfinder.PathfinderResult;
import java.util.Locale;
import java.util.Map;

/**
 * Figures for issue 16 on reference models A and B (arguments: the models, default {@code A B}):
 * <ol>
 *   <li>Pathfinder (4 paths, 1000 draws) against 4-chain NUTS (500 + 1000): gradient evaluations,
 *       seconds, the selected ELBO, and the posterior mean of the first coordinate from each;</li>
 *   <li>the many-short-chains workflow: ChEES with 512 chains in 64 superchains of 8 (shared uniform
 *       starts), 100 warm-up iterations, then rounds of 100 (and of 25) draws until nested R-hat &lt;= 1.01
 *       and min bulk ESS &gt;= 2000; its min bulk ESS, max nested R-hat and seconds, against the seconds
 *       4-chain NUTS needs for a min bulk ESS of 2000 (its warm-up plus its sampling time scaled by
 *       2000 / its min bulk ESS from 1000 draws per chain).</li>
 * </ol>
 * Prints Markdown rows to standard error.
 */
public final class ManyChainsComparison {
    private ManyChainsComparison() {
    }

    public static void main(String[] args) {
        String[] models = args.length == 0 ? new String[]{"A", "B"} : args;
        for (String model : models) {
            ModelPotential u = ReferenceModels.potential(model);
            long t0 = System.nanoTime();
            PathfinderResult pf = Pathfinder.of(u).paths(4).draws(1000).seed(2026).run();
            double pfSeconds = (System.nanoTime() - t0) / 1e9;
            McmcSamples nuts = MCMC.nuts(u).chains(4).warmup(500).samples(1000).seed(2026).run();
            double nutsEss = minBulkEss(u, nuts);
            double nutsSeconds = nuts.warmupSeconds() + nuts.samplingSeconds();
            System.err.printf(Locale.ROOT, "| %s | Pathfinder 4 paths | %d gradients + %d densities | %.2f s | ELBO %.2f"
                    + " | mean q[0] %.3f | paths' iterations %s |%n", model, pf.gradientEvaluations(),
                    pf.densityEvaluations(), pfSeconds, pf.elbo(), pf.draws().getColumn(0).meanNumber().doubleValue(),
                    java.util.Arrays.toString(pf.pathIterations()));
            System.err.printf(Locale.ROOT, "| %s | NUTS 4 x (500 + 1000) | %d gradients | %.2f s | min bulk ESS %.0f"
                    + " | mean q[0] %.3f | |%n", model, nuts.gradientEvaluations(), nutsSeconds, nutsEss,
                    nuts.draws().get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.point(0)).meanNumber().doubleValue());
            double nutsTo2000 = nuts.warmupSeconds() + nuts.samplingSeconds() * 2000 / nutsEss;

            int chains = 512;
            int superchains = 64;
            for (int round : new int[]{100, 25}) {
                McmcSamples many = ChEES.of(u).chains(chains).warmup(100).samples(1000).seed(2026)
                        .initialPositions(Superchains.uniform(superchains, chains, u.dimension(), 2026))
                        .stopWhen(ConvergenceTargets.of(1.01, 2000).superchains(superchains))
                        .roundIterations(round).run();
                double manySeconds = many.warmupSeconds() + many.samplingSeconds();
                double manyEss = minBulkEss(u, many);
                double maxNested = 0;
                for (double[][] draws : Posterior.of(u, many).draws().values()) {
                    maxNested = Math.max(maxNested, NestedRhat.of(draws, superchains));
                }
                System.err.printf(Locale.ROOT, "| %s | ChEES 512 chains (64 x 8), 100 warm-up, rounds of %d until nested"
                        + " R-hat <= 1.01 and ESS >= 2000: %d draws | %d gradients | %.2f s (warm-up %.2f) | min bulk ESS"
                        + " %.0f | max nested R-hat %.4f | 4-chain NUTS to ESS 2000: %.2f s; ratio %.2f |%n", model, round,
                        many.drawCount(), many.gradientEvaluations(), manySeconds, many.warmupSeconds(), manyEss,
                        maxNested, nutsTo2000, manySeconds / nutsTo2000);
            }
        }
    }

    private static double minBulkEss(ModelPotential u, McmcSamples s) {
        double min = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, double[][]> e : Posterior.of(u, s).draws().entrySet()) {
            min = Math.min(min, EffectiveSampleSize.bulk(e.getValue()));
        }
        return min;
    }
}
