package dev.pyrite.benchmarks;

import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.Posterior;
import dev.pyrite.inference.diagnostics.EffectiveSampleSize;
import dev.pyrite.inference.ensemble.ChEES;
import dev.pyrite.inference.ensemble.MEADS;
import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.tensor.Tensor;
import java.util.Collection;
import java.util.List;

/**
 * The runs that {@link EnsembleSamplerBenchmark} and {@link EnsembleComparison} compare: NUTS
 * ({@link MCMC#nuts}, 200 warm-up + 200 draws), ChEES-HMC (200 + 200) and MEADS (500 + 500 iterations of
 * one leapfrog each) on model A (eight schools), B (logistic regression) or G100 (a 100-d Gaussian with scales log-spaced from
 * 0.01 to 1), all from uniform(-2, 2) except MEADS on G100, which starts within 0.001 of the mode (from
 * uniform(-2, 2) its scale estimate of the 0.01 coordinate does not recover; see the ensemble tests).
 */
final class EnsembleRuns {
    private EnsembleRuns() {
    }

    /** The target: "A" (eight schools), "B" (logistic regression) or "G100". */
    static Potential potential(String model) {
        return switch (model) {
            case "A", "B" -> ReferenceModels.potential(model);
            case "G100" -> gaussian(logSpaced(100, 0.01, 1));
            default -> throw new IllegalArgumentException("model must be A, B or G100, got '" + model + "'");
        };
    }

    /** One run of {@code algorithm} ("nuts", "chees" or "meads") with {@code chains} chains. */
    static McmcSamples run(String algorithm, Potential u, int chains, long seed) {
        return switch (algorithm) {
            case "nuts" -> MCMC.nuts(u).chains(chains).warmup(200).samples(200).seed(seed).run();
            case "chees" -> ChEES.of(u).chains(chains).warmup(200).samples(200).seed(seed).run();
            case "meads" -> {
                MEADS m = MEADS.of(u).chains(chains).warmup(500).samples(500).seed(seed);
                if (!(u instanceof ModelPotential)) {
                    m.initialPositions(org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE,
                            chains, u.dimension()).subi(0.5).muli(0.002));
                }
                yield m.run();
            }
            default -> throw new IllegalArgumentException("algorithm must be nuts, chees or meads, got '"
                    + algorithm + "'");
        };
    }

    /** The smallest bulk ESS over the scalar components (constrained, for a model). */
    static double minBulkEss(Potential u, McmcSamples s) {
        Collection<double[][]> components;
        if (u instanceof ModelPotential model) {
            components = Posterior.of(model, s).draws().values();
        } else {
            java.util.ArrayList<double[][]> list = new java.util.ArrayList<>();
            for (int d = 0; d < u.dimension(); d++) {
                list.add(s.coordinate(d));
            }
            components = List.copyOf(list);
        }
        double min = Double.POSITIVE_INFINITY;
        for (double[][] x : components) {
            min = Math.min(min, EffectiveSampleSize.bulk(x));
        }
        return min;
    }

    private static Potential gaussian(double[] sigma) {
        return new Potential() {
            @Override
            public int dimension() {
                return sigma.length;
            }

            @Override
            public Tensor energy(Tensor q) {
                return q.div(Tensor.of(sigma)).square().sum(false, 1).mul(0.5);
            }
        };
    }

    private static double[] logSpaced(int n, double low, double high) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.exp(Math.log(low) + (Math.log(high) - Math.log(low)) * i / (n - 1));
        }
        return s;
    }
}
