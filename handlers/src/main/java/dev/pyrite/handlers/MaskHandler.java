package dev.pyrite.handlers;

import dev.pyrite.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Masks log densities: where the BOOL mask is false, a SAMPLE or FACTOR site's log density counts as
 * exactly 0 (also if it is -inf or NaN there). The mask broadcasts against the sites' batch shapes;
 * masks of nested handlers are and-ed.
 *
 * <pre>{@code
 * Tensor present = y.isFinite();   // skip missing data
 * try (MaskHandler m = Handlers.mask(present).enter()) { Pyrite.sample("y", dist, y); }
 * }</pre>
 */
public final class MaskHandler extends Handler<MaskHandler> {
    private final Tensor mask;

    MaskHandler(Tensor mask) {
        if (mask == null || mask.dtype() != DataType.BOOL) {
            throw new IllegalArgumentException("mask: need a BOOL tensor, got "
                    + (mask == null ? "null" : mask.dtype().toString()));
        }
        this.mask = mask;
    }

    @Override
    protected void process(Message msg) {
        if (msg.type == MessageType.SAMPLE || msg.type == MessageType.FACTOR) {
            msg.mask = msg.mask == null ? mask : both(msg.mask, mask);
        }
    }

    /** Logical and by arithmetic, which broadcasts and works on traced masks too. */
    private static Tensor both(Tensor a, Tensor b) {
        DataType f = dev.pyrite.tensor.Backend.floatType();
        return a.castTo(f).mul(b.castTo(f)).gt(0.5);
    }
}
