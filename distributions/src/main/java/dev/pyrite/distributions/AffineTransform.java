package dev.pyrite.distributions;

import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;

/**
 * {@code y = loc + scale x} element-wise (loc and scale broadcast); {@code log |dy/dx| = log |scale|},
 * summed over the rightmost {@code eventDim} dimensions when the transform acts on events.
 */
public final class AffineTransform implements Transform {
    private final Tensor loc;
    private final Tensor scale;
    private final int eventDim;

    private AffineTransform(Tensor loc, Tensor scale, int eventDim) {
        this.loc = loc;
        this.scale = scale;
        this.eventDim = eventDim;
    }

    /** An element-wise affine map; {@code scale} must be non-zero. */
    public static AffineTransform of(Tensor loc, Tensor scale) {
        return of(loc, scale, 0);
    }

    public static AffineTransform of(double loc, double scale) {
        return of(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    /** An affine map acting on events of {@code eventDim} dimensions. */
    public static AffineTransform of(Tensor loc, Tensor scale, int eventDim) {
        Checks.require(eventDim >= 0, "AffineTransform", "eventDim must be >= 0, got " + eventDim);
        Checks.param("AffineTransform", "loc", loc, Constraints.REAL);
        Checks.param("AffineTransform", "scale", scale, Constraints.REAL);
        Checks.param("AffineTransform", "scale", scale, Constraints.NONZERO);
        return new AffineTransform(loc, scale, eventDim);
    }

    public Tensor loc() {
        return loc;
    }

    public Tensor scale() {
        return scale;
    }

    @Override
    public Tensor forward(Tensor x) {
        return loc.add(scale.mul(x));
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y.sub(loc).div(scale);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        long[] shape = Shapes.broadcast(x.shape(), loc.shape(), scale.shape());
        Tensor l = scale.abs().log().broadcastTo(shape);
        for (int i = 0; i < eventDim; i++) {
            l = l.sum(false, -1);
        }
        return l;
    }

    @Override
    public int domainEventDim() {
        return eventDim;
    }

    @Override
    public long[] forwardShape(long[] shape) {
        return Shapes.broadcast(shape, loc.shape(), scale.shape());
    }

    @Override
    public long[] inverseShape(long[] shape) {
        return Shapes.broadcast(shape, loc.shape(), scale.shape());
    }

    @Override
    public String toString() {
        return "AffineTransform";
    }
}
