package dev.pyrite.handlers;

import java.util.Map;
import java.util.function.Function;

/**
 * Adds inference options to SAMPLE and PARAM sites, computed from each message (null: none), e.g. to
 * enumerate every discrete latent site in parallel:
 *
 * <pre>{@code
 * InferConfigHandler cfg = Handlers.inferConfig(m -> m.distribution != null
 *         && m.distribution.hasEnumerateSupport() && !m.observed ? Map.of("enumerate", "parallel") : null);
 * }</pre>
 */
public final class InferConfigHandler extends Handler<InferConfigHandler> {
    private final Function<Message, Map<String, ?>> config;

    InferConfigHandler(Function<Message, Map<String, ?>> config) {
        this.config = config;
    }

    @Override
    protected void process(Message msg) {
        if (msg.type == MessageType.SAMPLE || msg.type == MessageType.PARAM) {
            Map<String, ?> options = config.apply(msg);
            if (options != null) {
                msg.infer.putAll(options);
            }
        }
    }
}
