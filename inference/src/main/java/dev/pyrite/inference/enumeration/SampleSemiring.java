package dev.pyrite.inference.enumeration;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The sampling semiring: the forward pass is log-sum-exp (forward filtering) and the backward pass
 * draws each eliminated variable from its conditional given the variables drawn before it (backward
 * sampling), which yields an exact draw from the joint posterior of all enumerated variables: FFBS on
 * chains, its generalisation on plated factor graphs (Obermeyer et al. 2019, section 4). Draws use the
 * Gumbel-max trick with uniforms from an explicit stream, so they are reproducible.
 */
public final class SampleSemiring implements Semiring {
    private final RandomStream stream;

    private SampleSemiring(RandomStream stream) {
        this.stream = stream;
    }

    /** Draws from {@code stream} (which advances). */
    public static SampleSemiring of(RandomStream stream) {
        if (stream == null) {
            throw new IllegalArgumentException("SampleSemiring: the random stream is null");
        }
        return new SampleSemiring(stream);
    }

    @Override
    public String name() {
        return "sample";
    }

    @Override
    public Tensor plus(Tensor x, int dim) {
        return x.logSumExp(dim, false);
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        return LogSumExpSemiring.INSTANCE.matmul(a, b);
    }

    @Override
    public boolean canChoose() {
        return true;
    }

    /** argmax(logWeights + Gumbel noise): an exact draw from the normalised weights. */
    @Override
    public Tensor choose(Tensor logWeights, int dim) {
        INDArray w = logWeights.array().castTo(DataType.DOUBLE);
        INDArray u = stream.uniform(DataType.DOUBLE, w.shape());
        // Gumbel(0, 1) = -log(-log(U)); U = 0 gives -inf, which is never chosen over a finite weight.
        INDArray gumbel = Transforms.log(Transforms.log(u, true).negi(), false).negi();
        int d = dim < 0 ? dim + w.rank() : dim;
        return Tensor.of(Nd4j.argMax(w.add(gumbel), d).castTo(DataType.INT64));
    }

    @Override
    public String toString() {
        return name();
    }
}
