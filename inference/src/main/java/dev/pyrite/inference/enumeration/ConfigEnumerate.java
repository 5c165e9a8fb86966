package dev.pyrite.inference.enumeration;

import dev.pyrite.handlers.EnumHandler;
import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.InferConfigHandler;
import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.MessageType;
import java.util.Map;

/**
 * Marks every latent SAMPLE site with a finite support for parallel enumeration (Pyro's
 * {@code config_enumerate}), unless the site already says how to enumerate it. Enter it inside the
 * enumeration handler, so that the handler sees the option.
 *
 * <pre>{@code
 * try (var en = Handlers.enumerate(-2).enter(); var cfg = ConfigEnumerate.parallel().enter()) {
 *     trace = Handlers.trace().getTrace(model);
 * }
 * }</pre>
 */
public final class ConfigEnumerate {
    private static final Map<String, Object> PARALLEL = Map.of(EnumHandler.ENUMERATE, EnumHandler.PARALLEL);

    private ConfigEnumerate() {
    }

    /** A handler that asks for parallel enumeration of every finite latent site. */
    public static InferConfigHandler parallel() {
        return Handlers.inferConfig(ConfigEnumerate::options);
    }

    private static Map<String, ?> options(Message m) {
        boolean latent = m.type == MessageType.SAMPLE && !m.observed && m.value == null && !m.isSubsample();
        if (latent && m.distribution.hasEnumerateSupport() && !m.infer.containsKey(EnumHandler.ENUMERATE)) {
            return PARALLEL;
        }
        return null;
    }
}
