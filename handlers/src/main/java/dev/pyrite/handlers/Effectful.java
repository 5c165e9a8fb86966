package dev.pyrite.handlers;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Any function made into an effect: each call sends an APPLY message, so handlers can reinterpret it
 * (the {@link LazyHandler} defers it; a trace of a custom handler could record it). With no handler
 * active the function is simply called.
 *
 * <pre>{@code
 * Effectful add = Pyrite.effectful("add", a -> ((Tensor) a[0]).add((Tensor) a[1]));
 * Object three = add.call(Tensor.scalar(1.0), Tensor.scalar(2.0));   // a Tensor, or a LazyValue under lazy()
 * }</pre>
 */
public final class Effectful {
    private final String name;
    private final Function<Object[], Object> function;

    private Effectful(String name, Function<Object[], Object> function) {
        this.name = name;
        this.function = function;
    }

    public static Effectful of(String name, Function<Object[], Object> function) {
        if (function == null) {
            throw new IllegalArgumentException("effectful '" + name + "': function is null");
        }
        return new Effectful(name, function);
    }

    /** Calls the function through the handler stack. */
    public Object call(Object... args) {
        if (HandlerStack.isEmpty()) {
            return function.apply(args);
        }
        return HandlerStack.send(Message.apply(name, function, args)).value;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Effectful(" + name + ")";
    }

    static String describeCall(String name, Object[] args) {
        return name + Arrays.toString(args);
    }
}
