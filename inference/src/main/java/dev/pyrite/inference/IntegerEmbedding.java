package dev.pyrite.inference;

import dev.pyrite.distributions.Constraint;
import dev.pyrite.distributions.Constraints;
import dev.pyrite.distributions.Transform;
import dev.pyrite.tensor.Tensor;

/**
 * An integer-valued site embedded on the real line, as Discontinuous HMC needs it (Nishimura, Dunson and
 * Lu 2020, section 2.2): the coordinate {@code u} in {@code [k, k+1)} stands for the integer {@code k}, so
 * the density on the coordinate is piecewise constant with the site's probabilities as its steps. Outside
 * the support the density is zero: {@link #logAbsDetJacobian} is {@code -inf} there, which makes the
 * potential {@code +inf}, and the value handed to the model is clamped into the support so that its log
 * probability stays finite (and its gradient free of NaN).
 *
 * <p>The support's bounds are read once, from the model's first run: bounds that depend on another latent
 * site are not followed (the model's own log probability still rules such values out).
 */
final class IntegerEmbedding implements Transform {
    private final double lower;
    private final double upper;
    private final Tensor lowerBound;
    private final Tensor upperBound;

    private IntegerEmbedding(Tensor lowerBound, Tensor upperBound) {
        this.lowerBound = lowerBound;
        this.upperBound = upperBound;
        this.lower = lowerBound.numel() == 1 ? lowerBound.item() : Double.NaN;
        this.upper = upperBound.numel() == 1 ? upperBound.item() : Double.NaN;
    }

    /** The embedding of a discrete support (integers, booleans or an integer interval). */
    static IntegerEmbedding of(Constraint support, String site) {
        if (support instanceof Constraints.IntegerInterval i) {
            return new IntegerEmbedding(i.lower(), i.upper());
        }
        if (support == Constraints.NONNEGATIVE_INTEGER) {
            return bounded(0, Double.POSITIVE_INFINITY);
        }
        if (support == Constraints.POSITIVE_INTEGER) {
            return bounded(1, Double.POSITIVE_INFINITY);
        }
        if (support == Constraints.INTEGER) {
            return bounded(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        if (support == Constraints.BOOLEAN) {
            return bounded(0, 1);
        }
        throw new IllegalArgumentException("site '" + site + "': cannot embed the discrete support "
                + support.name() + " on the real line; expected integers, booleans or an integer interval");
    }

    private static IntegerEmbedding bounded(double lo, double hi) {
        return new IntegerEmbedding(Tensor.scalar(lo), Tensor.scalar(hi));
    }

    @Override
    public Tensor forward(Tensor u) {
        return u.floor().maximum(lowerBound.castTo(u.dtype())).minimum(upperBound.castTo(u.dtype()));
    }

    /** The middle of the integer's cell, {@code k + 1/2}: a starting point away from the jumps. */
    @Override
    public Tensor inverse(Tensor y) {
        return y.add(0.5);
    }

    /** 0 inside the support, {@code -inf} outside: the embedded density is zero there. */
    @Override
    public Tensor logAbsDetJacobian(Tensor u, Tensor y) {
        Tensor k = u.floor();
        Tensor inside = k.ge(lowerBound.castTo(u.dtype())).and(k.le(upperBound.castTo(u.dtype())));
        return inside.castTo(u.dtype()).log();
    }

    @Override
    public String toString() {
        return "integer embedding [" + lower + ", " + upper + "]";
    }
}
