package dev.pyrite.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A NaN or infinite energy is a divergence that is counted, never a crash. */
@Tag(TestSeeds.TAG)
class DivergenceTest {
    // A NaN region (counted divergences, draws inside, no crash) is ChainDriverTest.nanRegionGivesCountedDivergences.

    @Test
    void float32OverflowIsADivergenceAndNeverANaNDraw() {
        // U(q) = exp(10 q^2) overflows float32 beyond |q| ~ 2.97: energies, gradients and even positions
        // become infinite there; every draw must stay finite.
        Potential steep = new Potential() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public Tensor energy(Tensor q) {
                return q.select(1, 0).square().mul(10.0).exp();
            }
        };
        McmcSamples s = MCMC.nuts(steep).chains(3).warmup(20).samples(60).seed(TestSeeds.seed(5))
                .dtype(org.nd4j.linalg.api.buffer.DataType.FLOAT)
                .initialPositions(org.nd4j.linalg.factory.Nd4j.createFromArray(new float[][]{{2.9f}, {-2.9f}, {2.5f}}))
                .run();
        for (double[] chain : s.coordinate(0)) {
            for (double v : chain) {
                assertTrue(Double.isFinite(v), "finite draw: " + v);
            }
        }
    }
}
