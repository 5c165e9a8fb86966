package dev.pyrite.inference.enumeration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.distributions.Normal;
import dev.pyrite.distributions.Poisson;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.inference.ModelPotential;
import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ModelPotential with enumerated discrete sites: the potential of model C with its assignments
 * enumerated equals, value and gradient, the potential of the same model with the log-sum-exp written by
 * hand, for several chains at once; the chains stay a batch dimension.
 */
class EnumeratedPotentialTest {

    @Test
    void enumeratedGmmPotentialEqualsTheHandMarginalisedOne() {
        Tensor y = GmmModels.data();
        ModelPotential auto = ModelPotential.of(GmmModels.enumerated(y));
        ModelPotential hand = ModelPotential.of(GmmModels.handMarginalised(y));
        assertEquals(List.of("z"), auto.enumeratedSites());
        assertEquals(List.of(), hand.enumeratedSites());
        assertEquals(hand.dimension(), auto.dimension());
        assertEquals(2 + 3 + 1, auto.dimension());

        Random rng = new Random(4);
        int chains = 3;
        double[][] q = new double[chains][auto.dimension()];
        for (double[] row : q) {
            for (int d = 0; d < row.length; d++) {
                row[d] = rng.nextGaussian();
            }
        }
        INDArray qa = Nd4j.createFromArray(q);
        double[] eAuto = auto.energy(Tensor.of(qa)).toDoubleArray();
        double[] eHand = hand.energy(Tensor.of(qa)).toDoubleArray();
        assertEquals(chains, eAuto.length);
        for (int c = 0; c < chains; c++) {
            assertEquals(eHand[c], eAuto[c], 1e-9 * Math.abs(eHand[c]), "energy of chain " + c);
        }
        assertTrue(eAuto[0] != eAuto[1], "chains differ");

        INDArray[] ga = CompiledFunction.withGradients(in -> new Tensor[]{auto.energy(in[0])}, 0).call(qa);
        INDArray[] gh = CompiledFunction.withGradients(in -> new Tensor[]{hand.energy(in[0])}, 0).call(qa);
        for (int c = 0; c < chains; c++) {
            assertEquals(eHand[c], ga[0].getDouble(c), 1e-9 * Math.abs(eHand[c]), "compiled energy");
            for (int d = 0; d < auto.dimension(); d++) {
                double expected = gh[1].getDouble(c, d);
                assertEquals(expected, ga[1].getDouble(c, d), 1e-8 * Math.max(1, Math.abs(expected)),
                        "dU/dq[" + c + "," + d + "]");
            }
        }
    }

    @Test
    void discreteSitesWithoutFiniteSupportAreStillRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelPotential.of(() -> {
            Tensor rate = Pyrite.sample("rate", dev.pyrite.distributions.LogNormal.of(0, 1));
            Pyrite.sample("n", Poisson.of(rate));
        }));
        assertTrue(e.getMessage().contains("'n'") && e.getMessage().contains("finite"), e.getMessage());
    }

    @Test
    void aModelWithOnlyDiscreteSitesHasNothingForNuts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelPotential.of(() -> {
            Tensor c = Pyrite.sample("c", dev.pyrite.distributions.Bernoulli.ofProbs(0.3));
            Pyrite.sample("y", Normal.of(c, Tensor.scalar(1.0)), Tensor.scalar(0.4));
        }));
        assertTrue(e.getMessage().contains("[c]"), e.getMessage());
    }
}
