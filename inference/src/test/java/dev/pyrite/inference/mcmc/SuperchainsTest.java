package dev.pyrite.inference.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Superchain starting points: K points, each shared by the C / K consecutive chains of its superchain. */
class SuperchainsTest {

    @Test
    void eachSuperchainSharesOnePoint() {
        INDArray points = Nd4j.create(new double[][]{{1, 2}, {3, 4}, {5, 6}}).castTo(DataType.DOUBLE);
        INDArray starts = Superchains.repeat(points, 6);
        double[][] expected = {{1, 2}, {1, 2}, {3, 4}, {3, 4}, {5, 6}, {5, 6}};
        assertEquals(6, starts.size(0));
        for (int c = 0; c < 6; c++) {
            for (int d = 0; d < 2; d++) {
                assertEquals(expected[c][d], starts.getDouble(c, d), 0, "chain " + c);
            }
            assertEquals(c / 2, Superchains.superchainOf(c, 3, 6));
        }
    }

    @Test
    void uniformPointsLieInTheStartBoxAndAreSharedBySuperchain() {
        INDArray starts = Superchains.uniform(4, 16, 3, 7);
        for (int c = 0; c < 16; c++) {
            for (int d = 0; d < 3; d++) {
                double v = starts.getDouble(c, d);
                assertTrue(v >= -2 && v < 2);
                assertEquals(starts.getDouble(c - c % 4, d), v, 0);
            }
        }
        assertTrue(starts.getDouble(0, 0) != starts.getDouble(4, 0));
        assertThrows(IllegalArgumentException.class, () -> Superchains.uniform(3, 16, 3, 7));
    }

    @Test
    void chainsOfASuperchainStartTogetherInNuts() {
        Potential u = new Potential() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public dev.pyrite.tensor.Tensor energy(dev.pyrite.tensor.Tensor q) {
                return q.square().sum(false, 1).mul(0.5);
            }
        };
        INDArray starts = Superchains.uniform(2, 4, 2, 3);
        McmcSamples s = MCMC.nuts(u).chains(4).warmup(10).samples(4).seed(1).dtype(DataType.DOUBLE)
                .initialPositions(starts).run();
        assertEquals(4, s.chains());
        // the chains of a superchain move apart after their first transition: their own streams differ
        assertTrue(s.draws().getDouble(0, 3, 0) != s.draws().getDouble(1, 3, 0));
    }
}
