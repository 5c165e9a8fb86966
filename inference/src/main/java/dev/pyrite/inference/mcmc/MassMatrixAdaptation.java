package dev.pyrite.inference.mcmc;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Running (Welford) estimates of each chain's posterior variance, diagonal, or covariance, dense, over
 * one adaptation window; the new inverse mass matrix is the estimate shrunk towards 1e-3 I as in Stan:
 * {@code n/(n+5) * S + 1e-3 * 5/(n+5) * I}.
 */
final class MassMatrixAdaptation {
    private final boolean dense;
    private INDArray mean;
    private INDArray m2;
    private long n;

    MassMatrixAdaptation(boolean dense) {
        this.dense = dense;
    }

    void reset() {
        mean = null;
        m2 = null;
        n = 0;
    }

    /** Adds one draw per chain, {@code [C, D]}. */
    void add(INDArray q) {
        if (mean == null) {
            mean = Nd4j.zerosLike(q);
            long c = q.size(0);
            long d = q.size(1);
            m2 = dense ? Nd4j.zeros(q.dataType(), c, d, d) : Nd4j.zerosLike(q);
        }
        n++;
        INDArray delta = q.sub(mean);
        mean.addi(delta.div(n));
        INDArray delta2 = q.sub(mean);
        if (dense) {
            long c = q.size(0);
            long d = q.size(1);
            m2.addi(Nd4j.matmul(delta.reshape(c, d, 1), delta2.reshape(c, 1, d)));
        } else {
            m2.addi(delta.muli(delta2));
        }
    }

    long count() {
        return n;
    }

    /** The regularised inverse mass matrix from this window: {@code [C, D]} or {@code [C, D, D]}. */
    INDArray inverseMass() {
        double shrink = n / (n + 5.0);
        double ridge = 1e-3 * 5.0 / (n + 5.0);
        INDArray cov = m2.div(Math.max(n - 1, 1)).muli(shrink);
        if (dense) {
            long d = cov.size(1);
            // Welford's outer products (x - old mean)(x - new mean)^T are not exactly symmetric.
            cov = cov.add(cov.permute(0, 2, 1)).muli(0.5);
            return cov.addi(Nd4j.eye(d).castTo(cov.dataType()).muli(ridge).reshape(1, d, d));
        }
        return cov.addi(ridge);
    }

    boolean isDense() {
        return dense;
    }
}
