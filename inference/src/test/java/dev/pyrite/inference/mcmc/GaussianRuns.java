package dev.pyrite.inference.mcmc;

import dev.pyrite.tensor.Executor;
import dev.pyrite.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/** The runs the checkpoint tests share: a 2-d Gaussian with standard deviations 1 and 3, in float64. */
final class GaussianRuns {
    static final double[] SCALES = {1.0, 3.0};

    private GaussianRuns() {
    }

    /** U(q) = sum (q_k / s_k)^2 / 2. */
    static Potential potential() {
        double[] precisionRoot = {1 / SCALES[0], 1 / SCALES[1]};
        return new Potential() {
            @Override
            public int dimension() {
                return SCALES.length;
            }

            @Override
            public Tensor energy(Tensor q) {
                return q.mul(Tensor.of(precisionRoot).castTo(q.dtype())).square().sum(false, 1).mul(0.5);
            }
        };
    }

    /** NUTS, HMC or NUTS with a dense metric on {@link #potential()}, in float64 on the JVM executor. */
    static MCMC sampler(String kind) {
        MCMC m = switch (kind) {
            case "nuts" -> MCMC.nuts(potential()).maxTreeDepth(6);
            case "hmc" -> MCMC.hmc(potential(), 2.5);
            case "nuts-dense" -> MCMC.nuts(potential()).maxTreeDepth(6).denseMass(true);
            default -> throw new IllegalArgumentException(kind);
        };
        return m.dtype(DataType.DOUBLE).executor(Executor.JVM);
    }
}
