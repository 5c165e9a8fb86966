package dev.pyrite.benchmarks;

import dev.pyrite.inference.diagnostics.EffectiveSampleSize;
import dev.pyrite.inference.dhmc.DHMC;
import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.tensor.Tensor;
import java.util.Locale;

/**
 * DHMC against NUTS on pyfo's if-in-1-D density (x ~ Normal(0, 1), a likelihood factor e^-2 where
 * x <= 0; {@code examples/if_1d.clj}): bulk ESS per potential evaluation and per second of sampling,
 * 4 chains x 1000 draws after 500 warm-up, seed 1. The first round warms the JIT up; both are printed.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.pyrite.benchmarks.DhmcJumpComparison
 * }</pre>
 */
public final class DhmcJumpComparison {
    private static final Potential IF_1D = new Potential() {
        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public Tensor energy(Tensor q) {
            Tensor x = q.slice(1, 0, 1).reshape(-1);
            return x.square().mul(0.5).add(x.le(0.0).castTo(x.dtype()).mul(2.0));
        }
    };

    private DhmcJumpComparison() {
    }

    public static void main(String[] args) {
        System.err.println("| round | sampler | bulk ESS of x | evaluations | ESS / evaluation | sampling s | ESS / s |");
        System.err.println("|---|---|---|---|---|---|---|");
        for (int round = 0; round < 2; round++) {
            print(round, "NUTS", MCMC.nuts(IF_1D).chains(4).warmup(500).samples(1000).seed(1).run());
            print(round, "DHMC", DHMC.of(IF_1D, new int[]{0}).chains(4).warmup(500).samples(1000).seed(1).run());
        }
    }

    private static void print(int round, String name, McmcSamples s) {
        double ess = EffectiveSampleSize.bulk(s.coordinate(0));
        double evaluations = s.gradientEvaluations();
        System.err.println(String.format(Locale.ROOT, "| %d | %s | %.0f | %.0f | %.4f | %.2f | %.0f |", round, name,
                ess, evaluations, ess / evaluations, s.samplingSeconds(), ess / s.samplingSeconds()));
    }
}
