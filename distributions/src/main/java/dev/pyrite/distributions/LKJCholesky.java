package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The LKJ distribution of correlation matrices {@code C} with density proportional to
 * {@code det(C)^(eta - 1)} (eta = {@code concentration}), expressed on their lower Cholesky factors L
 * (with respect to Lebesgue measure on the strictly lower entries, as in Pyro):
 * {@code p(L) = prod_{i=2..d} L_ii^(d - i + 2 eta - 2) / N(eta)}, rows indexed from 1.
 *
 * <p>The density factorises over rows: the free entries x of row i (i - 1 of them, |x| < 1) have density
 * proportional to {@code (1 - |x|^2)^((d - i)/2 + eta - 1)}. Integrating each row over the unit ball gives
 * {@code log N = sum_{i=2..d} [(i-1)/2 log pi + lgamma(eta + (d-i)/2)] - (d-1) lgamma(eta + (d-1)/2)}, and
 * sampling row by row: |x|^2 ~ Beta((i-1)/2, eta + (d-i)/2) with a uniform direction (the onion method
 * of Lewandowski, Kurowicka and Joe, 2009).
 */
public final class LKJCholesky implements Distribution {
    private final int dim;
    private final Tensor concentration;

    private LKJCholesky(int dim, Tensor concentration) {
        this.dim = dim;
        this.concentration = concentration;
    }

    /** Correlation matrices of size {@code dim} (at least 2) with concentration eta > 0 (1 is uniform). */
    public static LKJCholesky of(int dim, Tensor concentration) {
        Checks.require(dim >= 2, "LKJCholesky", "dimension must be >= 2, got " + dim);
        Checks.param("LKJCholesky", "concentration", concentration, Constraints.POSITIVE);
        return new LKJCholesky(dim, concentration);
    }

    public static LKJCholesky of(int dim, double concentration) {
        return of(dim, Tensor.scalar(concentration));
    }

    public int dim() {
        return dim;
    }

    public Tensor concentration() {
        return concentration;
    }

    @Override
    public long[] batchShape() {
        return concentration.shape();
    }

    @Override
    public long[] eventShape() {
        return new long[]{dim, dim};
    }

    private Tensor logNormalizer() {
        Tensor eta = concentration;
        Tensor sum = eta.add((dim - 1) / 2.0).lgamma().mul(-(dim - 1.0));
        for (int i = 2; i <= dim; i++) {
            sum = sum.add(eta.add((dim - i) / 2.0).lgamma()).add((i - 1) / 2.0 * SpecialFunctions.LOG_PI);
        }
        return sum;
    }

    @Override
    public Tensor logProb(Tensor value) {
        Checks.valueShape("LKJCholesky", value, batchShape(), eventShape());
        Checks.value("LKJCholesky", value, Constraints.CORR_CHOLESKY);
        Tensor l = Values.like(value, concentration);
        Tensor logDiag = l.diagonal().slice(-1, 1, dim).log();
        // exponent of L_ii for zero-based j = i - 1 in 1..d-1: d - j - 3 + 2 eta
        double[] base = new double[dim - 1];
        for (int j = 1; j < dim; j++) {
            base[j - 1] = dim - j - 3.0;
        }
        Tensor order = Tensor.of(base).castTo(l.dtype()).add(concentration.unsqueeze(-1).mul(2.0));
        return logDiag.mul(order).sum(false, -1).sub(logNormalizer());
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        Noise.requireConcrete("LKJCholesky", concentration);
        long[] batch = Shapes.concat(sampleShape, batchShape());
        int n = (int) Shapes.size(batch);
        double[] eta = Noise.values(concentration, batch);
        double[] out = new double[n * dim * dim];
        for (int m = 0; m < n; m++) {
            out[m * dim * dim] = 1.0;
        }
        for (int i = 1; i < dim; i++) {
            // zero-based row i has i free entries; |x|^2 ~ Beta(i/2, eta + (d - 1 - i)/2)
            double[] b = new double[n];
            for (int m = 0; m < n; m++) {
                b[m] = eta[m] + (dim - 1 - i) / 2.0;
            }
            double[] y = stream.beta(org.nd4j.linalg.factory.Nd4j.scalar(DataType.DOUBLE, i / 2.0),
                    org.nd4j.linalg.factory.Nd4j.create(b, new long[]{n}, DataType.DOUBLE), n).data().asDouble();
            double[] z = stream.normal(n, i).data().asDouble();
            for (int m = 0; m < n; m++) {
                double norm = 0;
                for (int j = 0; j < i; j++) {
                    norm += z[m * i + j] * z[m * i + j];
                }
                double r = Math.sqrt(y[m] / norm);
                int row = m * dim * dim + i * dim;
                for (int j = 0; j < i; j++) {
                    out[row + j] = r * z[m * i + j];
                }
                out[row + i] = Math.sqrt(1 - y[m]);
            }
        }
        return Noise.fromDoubles(out, Shapes.concat(batch, eventShape()), concentration.dtype());
    }

    @Override
    public Constraint support() {
        return Constraints.CORR_CHOLESKY;
    }

    @Override
    public Distribution expand(long... shape) {
        return new LKJCholesky(dim, concentration.broadcastTo(Checks.expand("LKJCholesky", batchShape(), shape)));
    }
}
