package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.Arrays;

/**
 * The Dirichlet distribution on the simplex of dimension K (the last dimension of
 * {@code concentration}, alpha): {@code p(x) = Gamma(sum alpha) / prod Gamma(alpha_k) prod x_k^(alpha_k - 1)}.
 * Draws normalise independent gamma variates and are not reparameterised.
 */
public final class Dirichlet implements Distribution {
    private final Tensor concentration;

    private Dirichlet(Tensor concentration) {
        this.concentration = concentration;
    }

    public static Dirichlet of(Tensor concentration) {
        Checks.minRank("Dirichlet", "concentration", concentration, 1, "a last dimension of categories");
        Checks.param("Dirichlet", "concentration", concentration, Constraints.POSITIVE);
        return new Dirichlet(concentration);
    }

    public Tensor concentration() {
        return concentration;
    }

    @Override
    public long[] batchShape() {
        long[] s = concentration.shape();
        return Arrays.copyOf(s, s.length - 1);
    }

    @Override
    public long[] eventShape() {
        return new long[]{concentration.size(-1)};
    }

    private Tensor logNormalizer() {
        return concentration.lgamma().sum(false, -1).sub(concentration.sum(false, -1).lgamma());
    }

    @Override
    public Tensor logProb(Tensor value) {
        Checks.valueShape("Dirichlet", value, batchShape(), eventShape());
        Checks.value("Dirichlet", value, Constraints.SIMPLEX);
        Tensor x = Values.like(value, concentration);
        return SpecialFunctions.xLogY(concentration.sub(1.0), x).sum(false, -1).sub(logNormalizer());
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        Noise.requireConcrete("Dirichlet", concentration);
        long[] shape = Shapes.concat(sampleShape, concentration.shape());
        Tensor g = Tensor.of(stream.gamma(concentration.array(), concentration.dtype(), shape));
        return g.div(g.sum(true, -1));
    }

    @Override
    public Constraint support() {
        return Constraints.SIMPLEX;
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("Dirichlet", batchShape(), shape);
        return new Dirichlet(concentration.broadcastTo(Shapes.concat(s, eventShape())));
    }

    @Override
    public Tensor mean() {
        return concentration.div(concentration.sum(true, -1));
    }

    /** alpha_k (alpha_0 - alpha_k) / (alpha_0^2 (alpha_0 + 1)), alpha_0 = sum alpha. */
    @Override
    public Tensor variance() {
        Tensor a0 = concentration.sum(true, -1);
        return concentration.mul(a0.sub(concentration)).div(a0.square().mul(a0.add(1.0)));
    }

    /** log B(alpha) + (alpha_0 - K) psi(alpha_0) - sum (alpha_k - 1) psi(alpha_k). */
    @Override
    public Tensor entropy() {
        Tensor a0 = concentration.sum(false, -1);
        double k = concentration.size(-1);
        return logNormalizer().add(a0.sub(k).mul(a0.digamma()))
                .sub(concentration.sub(1.0).mul(concentration.digamma()).sum(false, -1));
    }
}
