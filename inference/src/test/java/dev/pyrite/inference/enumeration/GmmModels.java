package dev.pyrite.inference.enumeration;

import static dev.pyrite.handlers.Pyrite.sample;

import dev.pyrite.distributions.Categorical;
import dev.pyrite.distributions.Constraint;
import dev.pyrite.distributions.Constraints;
import dev.pyrite.distributions.Dirichlet;
import dev.pyrite.distributions.Distribution;
import dev.pyrite.distributions.LogNormal;
import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reference model C (Gaussian mixture, K = 3) with enumerated assignments, and the same with a hand log-sum-exp. */
final class GmmModels {
    private GmmModels() {
    }

    static Tensor data() {
        return ReferenceData.matrix("gmm_y.csv").reshape(-1);
    }

    /**
     * theta ~ Dirichlet(1, 1, 1), mu ordered with Normal(0, 10) on each, sigma ~ LogNormal(0, 1),
     * z[n] ~ Categorical(theta) (a latent discrete site: enumerated), y[n] ~ Normal(mu[z[n]], sigma).
     */
    static Runnable enumerated(Tensor y) {
        return () -> {
            Tensor theta = sample("theta", Dirichlet.of(Tensor.ones(3)));
            Tensor mu = sample("mu", OrderedNormal.of(0, 10, 3));
            Tensor sigma = sample("sigma", LogNormal.of(0, 1));
            try (Plate data = Pyrite.plate("data", y.size(0))) {
                Tensor z = sample("z", Categorical.ofProbs(theta));
                sample("y", Normal.of(Vindex.entries(mu, z), sigma), y);
            }
        };
    }

    /** The same continuous sites with the assignments summed out by hand, as in the Stan program. */
    static Runnable handMarginalised(Tensor y) {
        return () -> {
            Tensor theta = sample("theta", Dirichlet.of(Tensor.ones(3)));
            Tensor mu = sample("mu", OrderedNormal.of(0, 10, 3));
            Tensor sigma = sample("sigma", LogNormal.of(0, 1));
            try (Plate data = Pyrite.plate("data", y.size(0))) {
                // y as [N, 1] against mu, theta [.., K]: log theta_k + log N(y_n | mu_k, sigma), log-sum-exp over k.
                Tensor lp = Normal.of(mu, sigma.unsqueeze(-1)).logProb(y.unsqueeze(-1)).add(theta.log());
                Pyrite.factor("y", lp.logSumExp(-1, false));
            }
        };
    }

    /** Normal(loc, scale) on each coordinate of an ordered vector (Stan's {@code ordered[K] mu ~ normal}). */
    static final class OrderedNormal implements Distribution {
        private final double loc;
        private final double scale;
        private final int k;
        private final long[] batch;

        private OrderedNormal(double loc, double scale, int k, long[] batch) {
            this.loc = loc;
            this.scale = scale;
            this.k = k;
            this.batch = batch;
        }

        static OrderedNormal of(double loc, double scale, int k) {
            return new OrderedNormal(loc, scale, k, new long[0]);
        }

        @Override
        public long[] batchShape() {
            return batch.clone();
        }

        @Override
        public long[] eventShape() {
            return new long[]{k};
        }

        @Override
        public Tensor logProb(Tensor value) {
            Tensor lp = Normal.of(loc, scale).logProb(value).sum(false, -1);
            long[] shape = Shapes.broadcast(lp.shape(), batch);
            return lp.broadcastTo(shape);
        }

        @Override
        public Tensor sample(RandomStream stream, long... sampleShape) {
            long[] shape = Shapes.concat(sampleShape, batch, new long[]{k});
            INDArray draws = stream.normal(shape).muli(scale).addi(loc);
            INDArray sorted = Nd4j.sort(draws.dup(), draws.rank() - 1, true);
            return Tensor.of(sorted);
        }

        @Override
        public Constraint support() {
            return Constraints.ORDERED_VECTOR;
        }

        @Override
        public Distribution expand(long... shape) {
            return new OrderedNormal(loc, scale, k, shape.clone());
        }

        @Override
        public String toString() {
            return "OrderedNormal" + Arrays.toString(batch);
        }
    }
}
