package dev.pyrite.inference.enumeration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.distributions.Categorical;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Model D (discrete HMM, 4 states, 10 symbols, 50 sequences x 200 steps) against hmm_reference.csv: the
 * marginal log-likelihood and its gradient in every transition and emission logit at the true logits,
 * computed by a hand-written forward algorithm and by Pyro's TraceEnum_ELBO.
 */
class HmmReferenceTest {
    static final double RELATIVE = 1e-8;

    /** Model D with the chain as one vectorised site over the time plate. */
    static void hmm(Tensor transLogits, Tensor emitLogits, Tensor obs) {
        long states = transLogits.size(0);
        try (Plate seqs = Pyrite.plateAt("sequences", obs.size(0), -2);
             Plate time = Pyrite.plateAt("time", obs.size(1), -1)) {
            Tensor x = VectorizedMarkov.chain("x", time, Categorical.ofLogits(Tensor.zeros(states)),
                    prev -> Categorical.ofLogits(Vindex.rows(transLogits, prev)));
            Pyrite.sample("y", Categorical.ofLogits(Vindex.rows(emitLogits, x)), obs);
        }
    }

    @Test
    void logLikelihoodAndGradientMatchTheReference() {
        Tensor obs = ReferenceData.hmmObservations();
        Tensor trans = ReferenceData.matrix("hmm_true_trans_logits.csv");
        Tensor emit = ReferenceData.matrix("hmm_true_emit_logits.csv");
        Map<String, Double> ref = ReferenceData.nameValues("hmm_reference.csv");

        double eager = TraceEnum.logMarginal(() -> hmm(trans, emit, obs), 2).item();
        assertRelative(ref.get("loglik"), eager, "eager log-likelihood");

        CompiledFunction f = CompiledFunction.withGradients(
                in -> new Tensor[]{TraceEnum.logMarginal(() -> hmm(in[0], in[1], obs), 2)}, 0, 1);
        INDArray[] out = f.call(trans.array(), emit.array());
        assertRelative(ref.get("loglik"), out[0].getDouble(0), "compiled log-likelihood");
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                String name = "dloglik_dtrans_logits[" + (i + 1) + "," + (j + 1) + "]";
                assertRelative(ref.get(name), out[1].getDouble(i, j), name);
            }
            for (int j = 0; j < 10; j++) {
                String name = "dloglik_demit_logits[" + (i + 1) + "," + (j + 1) + "]";
                assertRelative(ref.get(name), out[2].getDouble(i, j), name);
            }
        }
    }

    static void assertRelative(double expected, double actual, String what) {
        assertEquals(expected, actual, RELATIVE * Math.abs(expected), what);
    }
}
