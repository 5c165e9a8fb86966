package dev.pyrite.benchmarks;

import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.pathfinder.Pathfinder;
import dev.pyrite.inference.pathfinder.PathfinderResult;
import java.util.Arrays;
import java.util.Locale;

/**
 * Pathfinder (4 paths, 1000 draws) on reference models A and B under several seeds (arguments: the
 * models, default {@code A B}): the mean of the first coordinate (mu for A, w[1] for B) and its sd, the
 * selected ELBO, the gradient evaluations, the iterate each path's approximation sits at and the
 * importance weights' effective sample size and Pareto k. Prints Markdown rows to standard error (issue 16).
 */
public final class PathfinderDiagnosis {
    private static final long[] SEEDS = {2026, 1, 2, 3, 4, 5, 6, 7};

    private PathfinderDiagnosis() {
    }

    public static void main(String[] args) {
        String[] models = args.length == 0 ? new String[]{"A", "B"} : args;
        for (String model : models) {
            ModelPotential u = ReferenceModels.potential(model);
            double sum = 0;
            for (long seed : SEEDS) {
                PathfinderResult r = Pathfinder.of(u).paths(4).draws(1000).seed(seed).run();
                double[] q0 = r.draws().getColumn(0).dup().toDoubleVector();
                double mean = Arrays.stream(q0).average().orElse(Double.NaN);
                double sd = Math.sqrt(Arrays.stream(q0).map(v -> (v - mean) * (v - mean)).sum() / (q0.length - 1));
                sum += mean;
                System.err.printf(Locale.ROOT, "| %s | seed %d | mean q[0] %.3f (sd %.3f) | ELBO %.3f | %d gradients"
                                + " + %d densities | selected iterates %s of %s | importance ESS %.0f | Pareto k %.2f |%n", model, seed,
                        mean, sd, r.elbo(), r.gradientEvaluations(), r.densityEvaluations(),
                        Arrays.toString(r.selectedIteration()), Arrays.toString(r.pathIterations()), r.importanceEss(),
                        r.paretoK());
            }
            System.err.printf(Locale.ROOT, "| %s | mean over seeds | mean q[0] %.3f |%n", model, sum / SEEDS.length);
        }
    }
}
