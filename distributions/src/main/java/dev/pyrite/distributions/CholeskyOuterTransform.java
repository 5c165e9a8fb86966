package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;

/**
 * From lower Cholesky factors L (positive diagonal) onto symmetric positive-definite matrices,
 * {@code A = L L^T}; the inverse is the Cholesky factorisation. With respect to the lower-triangular
 * entries of L and of A, {@code log |det| = d log 2 + sum_{i=1..d} (d - i + 1) log L_ii}.
 */
public final class CholeskyOuterTransform implements Transform {
    static final CholeskyOuterTransform INSTANCE = new CholeskyOuterTransform();

    private CholeskyOuterTransform() {
    }

    public static CholeskyOuterTransform of() {
        return INSTANCE;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.matmul(x.transpose());
    }

    @Override
    public Tensor inverse(Tensor y) {
        return BatchedLinearAlgebra.cholesky(y);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        long d = x.size(-1);
        double[] w = new double[(int) d];
        for (int j = 0; j < d; j++) {
            w[j] = d - j;
        }
        return x.diagonal().log().mul(Tensor.of(w).castTo(x.dtype())).sum(false, -1).add(d * Math.log(2));
    }

    @Override
    public int domainEventDim() {
        return 2;
    }

    @Override
    public String toString() {
        return "CholeskyOuterTransform";
    }
}
