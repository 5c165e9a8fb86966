package dev.pyrite.handlers;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Hides messages from every handler outside it: a hidden site still runs (and is drawn from the
 * innermost seed), but outer traces and handlers never see it. Choose what to hide by predicate, by
 * name or by type, or what to expose.
 *
 * <pre>{@code
 * Trace tr = Handlers.trace().getTrace(BlockHandler.hide("nuisance").wrap(Handlers.seed(0).wrap(model)));
 * // tr has every site of the model except "nuisance"
 * }</pre>
 */
public final class BlockHandler extends Handler<BlockHandler> {
    private final Predicate<Message> hidden;

    BlockHandler(Predicate<Message> hidden) {
        this.hidden = hidden;
    }

    /** Hides every message. */
    public static BlockHandler hideAll() {
        return new BlockHandler(m -> true);
    }

    /** Hides messages for which {@code hidden} is true. */
    public static BlockHandler hideIf(Predicate<Message> hidden) {
        return new BlockHandler(hidden);
    }

    /** Hides the named sites. */
    public static BlockHandler hide(String... names) {
        Set<String> s = Set.of(names);
        return new BlockHandler(m -> s.contains(m.name));
    }

    /** Hides everything except the named sites. */
    public static BlockHandler expose(String... names) {
        Set<String> s = Set.of(names);
        return new BlockHandler(m -> !s.contains(m.name));
    }

    /** Hides messages of the given types. */
    public static BlockHandler hideTypes(MessageType... types) {
        Set<MessageType> s = EnumSet.noneOf(MessageType.class);
        s.addAll(Arrays.asList(types));
        return new BlockHandler(m -> s.contains(m.type));
    }

    /** Hides messages of every type but the given ones. */
    public static BlockHandler exposeTypes(MessageType... types) {
        Set<MessageType> s = EnumSet.noneOf(MessageType.class);
        s.addAll(Arrays.asList(types));
        return new BlockHandler(m -> !s.contains(m.type));
    }

    /** True when this handler hides {@code msg}. */
    public boolean hides(Message msg) {
        return hidden.test(msg);
    }

    @Override
    protected void process(Message msg) {
        if (hidden.test(msg)) {
            msg.stop = true;
        }
    }
}
