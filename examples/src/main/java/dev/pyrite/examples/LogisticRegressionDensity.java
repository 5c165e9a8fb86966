package dev.pyrite.examples;

import dev.pyrite.tensor.Csv;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TensorFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Reference model B (Bayesian logistic regression, N = 1000, D = 25) as a log density of a stacked
 * parameter matrix {@code q [C, D+1]} (w then b) for C chains, written two ways: with Pyrite tensors
 * (traced and differentiated automatically) and by hand in eager ND4J with the analytic gradient.
 */
public final class LogisticRegressionDensity {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private final INDArray x;   // [N, D]
    private INDArray augmented;                  // [N, D+1]: X with a column of ones (for b)
    private INDArray augmentedTransposed;        // [D+1, N], contiguous
    private INDArray labelsByChain;              // [C, N], cached for the last chain count
    private final INDArray y;   // [N]
    private final Tensor xt;
    private final Tensor yt;

    private LogisticRegressionDensity(INDArray x, INDArray y) {
        this.x = x;
        this.augmented = Nd4j.hstack(x, Nd4j.ones(x.dataType(), x.size(0), 1));
        this.augmentedTransposed = augmented.transpose().dup('c');
        this.y = y;
        this.xt = Tensor.of(x);
        this.yt = Tensor.of(y);
    }

    /** Loads the data from examples/data. */
    public static LogisticRegressionDensity load() {
        INDArray x = Csv.read(ProjectFiles.find("examples/data/logreg_X.csv")).matrix().array();
        INDArray y = Csv.read(ProjectFiles.find("examples/data/logreg_y.csv")).column("y").array();
        return new LogisticRegressionDensity(x, y);
    }

    public int dimension() {
        return (int) x.size(1) + 1;
    }

    /** The generating parameters (w[1..25], b) as a [1, D+1] row. */
    public static INDArray trueParameters() {
        double[] q = new double[26];
        for (int d = 0; d < 25; d++) {
            q[d] = Csv.lookup(ProjectFiles.find("examples/data/logreg_true.csv"), "w[" + (d + 1) + "]");
        }
        q[25] = Csv.lookup(ProjectFiles.find("examples/data/logreg_true.csv"), "b");
        return Nd4j.createFromArray(new double[][]{q});
    }

    /** The log joint per chain, {@code [C]}, as a tensor function of {@code q [C, D+1]}. */
    public TensorFunction logJoint() {
        return in -> {
            Tensor q = in[0];
            int d = dimension() - 1;
            Tensor w = q.slice(1, 0, d);                       // [C, D]
            Tensor b = q.slice(1, d, d + 1);                    // [C, 1]
            Tensor prior = q.square().mul(-0.5).sub(HALF_LOG_2PI).sum(false, 1);
            Tensor z = w.matmul(xt.transpose()).add(b);         // [C, N]
            // y log sigmoid(z) + (1 - y) log sigmoid(-z) = y z - softplus(z)
            Tensor lik = z.mul(yt).sub(z.softplus()).sum(false, 1);
            return new Tensor[]{prior.add(lik)};
        };
    }

    /**
     * Hand-written eager ND4J: returns {log joint [C], gradient [C, D+1]}. Written to be fast, as a
     * fair baseline: the data get a column of ones so one product gives {@code z = Xw + b}, and the
     * labels are broadcast to [C, N] once per chain count so that every step is a same-shape op.
     */
    public INDArray[] logJointAndGradientByHand(INDArray q) {
        long c = q.size(0);
        if (augmented.dataType() != q.dataType()) {
            augmented = augmented.castTo(q.dataType());
            augmentedTransposed = augmentedTransposed.castTo(q.dataType());
            labelsByChain = null;
        }
        if (labelsByChain == null || labelsByChain.size(0) != c) {
            labelsByChain = Nd4j.ones(q.dataType(), c, 1).mmul(y.reshape(1, y.length()).castTo(q.dataType()));
        }
        INDArray z = q.mmul(augmentedTransposed);                              // [C, N]
        INDArray lik = z.mul(labelsByChain).subi(Transforms.softPlus(z, true)).sum(1);
        INDArray prior = q.mul(q).sum(1).muli(-0.5).subi(HALF_LOG_2PI * q.size(1));
        INDArray resid = Transforms.sigmoid(z, false).rsubi(labelsByChain);     // y - sigmoid(z)
        INDArray grad = resid.mmul(augmented).subi(q);
        return new INDArray[]{prior.addi(lik), grad};
    }
}
