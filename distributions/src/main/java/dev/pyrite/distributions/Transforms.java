package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;

/**
 * The registry of bijections from unconstrained space onto each continuous support, used by HMC (to
 * sample on R^n with a log-Jacobian correction) and by autoguides:
 *
 * <pre>{@code
 * Transform t = Transforms.bijectTo(Gamma.of(2.0, 1.0).support());   // ExpTransform
 * Tensor x = t.inverse(value);                                          // unconstrained
 * Tensor logJ = t.logAbsDetJacobian(x, value);
 * }</pre>
 *
 * <table>
 *   <caption>Constraint to transform</caption>
 *   <tr><td>real, real vector</td><td>identity</td></tr>
 *   <tr><td>positive, nonnegative</td><td>{@link ExpTransform}</td></tr>
 *   <tr><td>greater than (or equal to) a</td><td>exp, then a + x</td></tr>
 *   <tr><td>unit interval</td><td>{@link SigmoidTransform}</td></tr>
 *   <tr><td>interval [a, b]</td><td>sigmoid, then a + (b - a) x</td></tr>
 *   <tr><td>simplex</td><td>{@link StickBreakingTransform}</td></tr>
 *   <tr><td>ordered vector</td><td>{@link OrderedTransform}</td></tr>
 *   <tr><td>lower Cholesky</td><td>{@link LowerCholeskyTransform}</td></tr>
 *   <tr><td>correlation Cholesky</td><td>{@link CorrCholeskyTransform}</td></tr>
 *   <tr><td>positive definite</td><td>lower Cholesky, then {@link CholeskyOuterTransform}</td></tr>
 * </table>
 */
public final class Transforms {
    private Transforms() {
    }

    /** The identity transform on scalars. */
    public static Transform identity() {
        return ComposeTransform.identity(0);
    }

    /** The transform from unconstrained reals onto {@code constraint}'s set. */
    public static Transform bijectTo(Constraint constraint) {
        if (constraint == Constraints.REAL) {
            return identity();
        }
        if (constraint == Constraints.REAL_VECTOR) {
            return ComposeTransform.identity(1);
        }
        if (constraint == Constraints.POSITIVE || constraint == Constraints.NONNEGATIVE) {
            return ExpTransform.INSTANCE;
        }
        if (constraint == Constraints.UNIT_INTERVAL) {
            return SigmoidTransform.INSTANCE;
        }
        if (constraint == Constraints.SIMPLEX) {
            return StickBreakingTransform.INSTANCE;
        }
        if (constraint == Constraints.ORDERED_VECTOR) {
            return OrderedTransform.INSTANCE;
        }
        if (constraint == Constraints.LOWER_CHOLESKY) {
            return LowerCholeskyTransform.INSTANCE;
        }
        if (constraint == Constraints.CORR_CHOLESKY) {
            return CorrCholeskyTransform.INSTANCE;
        }
        if (constraint == Constraints.POSITIVE_DEFINITE) {
            return ComposeTransform.of(LowerCholeskyTransform.INSTANCE, CholeskyOuterTransform.INSTANCE);
        }
        if (constraint instanceof Constraints.GreaterThan g) {
            return ComposeTransform.of(ExpTransform.INSTANCE, AffineTransform.of(g.lower(), g.lower().onesLike()));
        }
        if (constraint instanceof Constraints.Interval i) {
            return ComposeTransform.of(SigmoidTransform.INSTANCE, AffineTransform.of(i.lower(), i.upper().sub(i.lower())));
        }
        if (constraint.isDiscrete()) {
            throw new IllegalArgumentException("bijectTo: the support " + constraint.name()
                    + " is discrete; enumerate or marginalise it instead of transforming it");
        }
        throw new IllegalArgumentException("bijectTo: no transform onto " + constraint.name() + " is registered");
    }

    /**
     * The set a transform maps the reals onto, as far as it is known (real otherwise); an affine map with
     * a positive concrete scale carries half-lines and intervals along.
     */
    public static Constraint codomain(Transform t) {
        return image(t, Constraints.REAL);
    }

    private static Constraint image(Transform t, Constraint domain) {
        if (t instanceof ComposeTransform c) {
            Constraint s = c.parts().isEmpty() ? (c.domainEventDim() == 1 ? Constraints.REAL_VECTOR : Constraints.REAL)
                    : domain;
            for (Transform p : c.parts()) {
                s = image(p, s);
            }
            return s;
        }
        if (t instanceof ExpTransform || t instanceof SoftplusTransform) {
            return Constraints.POSITIVE;
        }
        if (t instanceof SigmoidTransform) {
            return Constraints.UNIT_INTERVAL;
        }
        if (t instanceof StickBreakingTransform) {
            return Constraints.SIMPLEX;
        }
        if (t instanceof OrderedTransform) {
            return Constraints.ORDERED_VECTOR;
        }
        if (t instanceof LowerCholeskyTransform) {
            return Constraints.LOWER_CHOLESKY;
        }
        if (t instanceof CorrCholeskyTransform) {
            return Constraints.CORR_CHOLESKY;
        }
        if (t instanceof CholeskyOuterTransform) {
            return Constraints.POSITIVE_DEFINITE;
        }
        if (t instanceof AffineTransform a && a.domainEventDim() == 0 && positive(a.scale())) {
            if (domain == Constraints.POSITIVE || domain == Constraints.NONNEGATIVE) {
                return domain == Constraints.POSITIVE ? Constraints.greaterThan(a.loc())
                        : Constraints.greaterThanEq(a.loc());
            }
            if (domain == Constraints.UNIT_INTERVAL) {
                return Constraints.interval(a.loc(), a.loc().add(a.scale()));
            }
        }
        return Constraints.REAL;
    }

    private static boolean positive(Tensor t) {
        return !t.isTraced() && t.array().minNumber().doubleValue() > 0;
    }
}
