package dev.pyrite.examples;

import dev.pyrite.distributions.Categorical;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.inference.enumeration.TraceEnum;
import dev.pyrite.inference.enumeration.VectorizedMarkov;
import dev.pyrite.inference.enumeration.Vindex;
import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.Csv;
import dev.pyrite.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reference model D: a discrete HMM with 4 hidden states and 10 symbols, 50 sequences of 200 steps.
 * The initial state is uniform; transition and emission probabilities are the softmax of the rows of
 * the logit matrices. The chain is one vectorised site over the time plate, so its marginal
 * log-likelihood is contracted by a parallel scan (8 rounds for 200 steps).
 */
public final class DiscreteHmm {
    private final Tensor observations;      // [50, 200] INT64
    private final INDArray transLogits;     // [4, 4]
    private final INDArray emitLogits;      // [4, 10]

    private DiscreteHmm(Tensor observations, INDArray transLogits, INDArray emitLogits) {
        this.observations = observations;
        this.transLogits = transLogits;
        this.emitLogits = emitLogits;
    }

    /** Loads the observations and the true logits from examples/data. */
    public static DiscreteHmm load() {
        Tensor obs = Csv.read(ProjectFiles.find("examples/data/hmm_obs.csv")).matrix().castTo(DataType.INT64);
        INDArray trans = Csv.read(ProjectFiles.find("examples/data/hmm_true_trans_logits.csv")).matrix().array();
        INDArray emit = Csv.read(ProjectFiles.find("examples/data/hmm_true_emit_logits.csv")).matrix().array();
        return new DiscreteHmm(obs, trans, emit);
    }

    /** The model at the given logits (concrete or traced). */
    public void model(Tensor transitionLogits, Tensor emissionLogits) {
        long states = transitionLogits.size(0);
        try (Plate seqs = Pyrite.plateAt("sequences", observations.size(0), -2);
             Plate time = Pyrite.plateAt("time", observations.size(1), -1)) {
            Tensor x = VectorizedMarkov.chain("x", time, Categorical.ofLogits(Tensor.zeros(states)),
                    prev -> Categorical.ofLogits(Vindex.rows(transitionLogits, prev)));
            Pyrite.sample("y", Categorical.ofLogits(Vindex.rows(emissionLogits, x)), observations);
        }
    }

    /** The marginal log-likelihood and its gradients in (transition logits, emission logits), compiled. */
    public CompiledFunction logLikelihoodWithGradient() {
        return CompiledFunction.withGradients(
                in -> new Tensor[]{TraceEnum.logMarginal(() -> model(in[0], in[1]), 2)}, 0, 1);
    }

    public INDArray trueTransitionLogits() {
        return transLogits;
    }

    public INDArray trueEmissionLogits() {
        return emitLogits;
    }
}
