package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;

/**
 * The multinomial distribution of the category counts of {@code totalCount} independent categorical
 * draws (the event is the vector of K counts):
 * {@code P(x) = n! / prod_k x_k! prod_k probs[k]^x_k}. Values are floats.
 */
public final class Multinomial implements Distribution {
    private final long totalCount;
    private final Categorical categorical;

    private Multinomial(long totalCount, Categorical categorical) {
        this.totalCount = totalCount;
        this.categorical = categorical;
    }

    public static Multinomial ofProbs(long totalCount, Tensor probs) {
        Checks.require(totalCount >= 0, "Multinomial", "parameter totalCount must be >= 0, got " + totalCount);
        Checks.minRank("Multinomial", "probs", probs, 1, "a last dimension of categories");
        Checks.param("Multinomial", "probs", probs, Constraints.SIMPLEX);
        return new Multinomial(totalCount, Categorical.ofProbs(probs));
    }

    public static Multinomial ofLogits(long totalCount, Tensor logits) {
        Checks.require(totalCount >= 0, "Multinomial", "parameter totalCount must be >= 0, got " + totalCount);
        Checks.minRank("Multinomial", "logits", logits, 1, "a last dimension of categories");
        Checks.param("Multinomial", "logits", logits, Constraints.REAL);
        return new Multinomial(totalCount, Categorical.ofLogits(logits));
    }

    public long totalCount() {
        return totalCount;
    }

    public Tensor logits() {
        return categorical.logits();
    }

    public Tensor probs() {
        return categorical.probs();
    }

    @Override
    public long[] batchShape() {
        return categorical.batchShape();
    }

    @Override
    public long[] eventShape() {
        return new long[]{categorical.categories()};
    }

    @Override
    public Tensor logProb(Tensor value) {
        Checks.valueShape("Multinomial", value, batchShape(), eventShape());
        Checks.value("Multinomial", value, support());
        Tensor l = logits();
        Tensor x = Values.like(value, l);
        // x log p with 0 log 0 = 0 (a category of probability 0 that is not observed)
        Tensor xl = Tensor.where(x.eq(0.0), x.zerosLike(), x.mul(l));
        Tensor terms = xl.sub(x.add(1.0).lgamma()).sum(false, -1);
        return terms.add(logFactorial(totalCount));
    }

    private static double logFactorial(long n) {
        return Tensor.scalar(n + 1.0).lgamma().item();
    }

    /** Counts by sequential conditional binomials: x_k ~ Binomial(n - sum_{j<k} x_j, p_k / sum_{j>=k} p_j). */
    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        Noise.requireConcrete("Multinomial", logits());
        long k = categorical.categories();
        long[] batch = batchShape();
        long[] shape = Shapes.concat(sampleShape, batch);
        double[] p = Noise.values(probs(), Shapes.concat(shape, new long[]{k}));
        int rows = (int) Shapes.size(shape);
        double[] out = new double[rows * (int) k];
        for (int r = 0; r < rows; r++) {
            int base = r * (int) k;
            double remainingP = 1.0;
            double remainingN = totalCount;
            for (int j = 0; j < k && remainingN > 0; j++) {
                double pj = j == k - 1 ? 1.0 : Math.min(1.0, Math.max(0.0, p[base + j] / remainingP));
                double x = Samplers.binomial(stream, remainingN, pj);
                out[base + j] = x;
                remainingN -= x;
                remainingP -= p[base + j];
            }
        }
        return Noise.fromDoubles(out, Shapes.concat(shape, new long[]{k}), logits().dtype());
    }

    @Override
    public Constraint support() {
        return Constraints.multinomial(totalCount);
    }

    @Override
    public Distribution expand(long... shape) {
        return new Multinomial(totalCount, (Categorical) categorical.expand(shape));
    }

    @Override
    public Tensor mean() {
        return probs().mul((double) totalCount);
    }

    @Override
    public Tensor variance() {
        Tensor p = probs();
        return p.mul(p.rsub(1.0)).mul((double) totalCount);
    }
}
