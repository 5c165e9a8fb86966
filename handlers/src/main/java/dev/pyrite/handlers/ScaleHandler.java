package dev.pyrite.handlers;

import dev.pyrite.tensor.Tensor;

/**
 * Multiplies the log density of every SAMPLE and FACTOR site inside it by a positive factor (a scalar,
 * or a tensor that broadcasts against the sites' batch shapes), e.g. to weight data or anneal a prior.
 *
 * <pre>{@code
 * Trace tr = Handlers.trace().getTrace(Handlers.scale(0.5).wrap(model));   // every term halved
 * }</pre>
 */
public final class ScaleHandler extends Handler<ScaleHandler> {
    private final Tensor factor;

    ScaleHandler(Tensor factor) {
        if (factor == null) {
            throw new IllegalArgumentException("scale: factor is null");
        }
        if (!factor.isTraced()) {
            for (double v : factor.toDoubleArray()) {
                if (!(v > 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException("scale: factor must be finite and > 0, got " + v);
                }
            }
        }
        this.factor = factor;
    }

    @Override
    protected void process(Message msg) {
        if (msg.type == MessageType.SAMPLE || msg.type == MessageType.FACTOR) {
            msg.scale = msg.scale == null ? factor : msg.scale.mul(factor);
        }
    }
}
