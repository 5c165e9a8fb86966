package dev.pyrite.handlers;

import dev.pyrite.tensor.RandomStream;

/**
 * Lazy evaluation, to show that the stack is open to new kinds of effects: latent SAMPLE and APPLY
 * messages get a {@link LazyValue} instead of a value, so a model run under this handler builds an
 * expression that is computed only when evaluated. A deferred draw uses a stream split from the seed
 * handler when the site is visited, so it is the same draw whenever it is evaluated.
 *
 * <pre>{@code
 * Effectful add = Pyrite.effectful("add", a -> ((Tensor) a[0]).add((Tensor) a[1]));
 * try (LazyHandler lazy = Handlers.lazy().enter(); SeedHandler s = Handlers.seed(0).enter()) {
 *     Object x = Pyrite.sampleValue("x", Normal.of(0.0, 1.0));   // a LazyValue: nothing drawn yet
 *     Object y = add.call(x, Tensor.scalar(1.0));                   // a LazyValue: nothing added yet
 *     Tensor v = (Tensor) ((LazyValue) y).evaluate();               // draws x, then adds
 * }
 * }</pre>
 */
public final class LazyHandler extends Handler<LazyHandler> {

    LazyHandler() {
    }

    @Override
    protected void process(Message msg) {
        if (msg.done || msg.value != null) {
            return;
        }
        if (msg.type == MessageType.SAMPLE && !msg.observed) {
            RandomStream stream = msg.stream != null ? msg.stream : HandlerStack.nextStream();
            msg.stream = stream;
            // Reads the distribution when evaluated, i.e. after outer plates have broadcast it.
            msg.value = new LazyValue("sample " + msg.name, () -> HandlerStack.draw(msg, stream));
            msg.done = true;
        } else if (msg.type == MessageType.APPLY) {
            Object[] args = msg.args;
            java.util.function.Function<Object[], Object> f = msg.function;
            msg.value = new LazyValue(Effectful.describeCall(msg.name, args), () -> f.apply(LazyValue.forceAll(args)));
            msg.done = true;
        }
    }
}
