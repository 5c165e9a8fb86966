package dev.pyrite.handlers;

import dev.pyrite.tensor.Tensor;
import java.util.Map;

/**
 * Observes sample sites at given values: each named SAMPLE site gets the value and counts as
 * observed, so it is scored instead of drawn.
 *
 * <pre>{@code
 * Runnable conditioned = Handlers.condition(Map.of("weight", Tensor.scalar(8.23))).wrap(model);
 * }</pre>
 */
public final class ConditionHandler extends Handler<ConditionHandler> {
    private final Map<String, Tensor> data;

    ConditionHandler(Map<String, Tensor> data) {
        this.data = Map.copyOf(data);
    }

    @Override
    protected void process(Message msg) {
        if (msg.type == MessageType.SAMPLE && data.containsKey(msg.name)) {
            msg.value = data.get(msg.name);
            msg.observed = true;
        }
    }
}
