package dev.pyrite.inference.svi;

import dev.pyrite.tensor.Tensor;

/**
 * A model or guide for {@link SVI}: Java code that calls the {@code Pyrite} primitives, given the
 * step's arguments (data, minibatches). Inside SVI's compiled program the arguments are traced inputs,
 * so a new minibatch of the same shape reuses the program.
 *
 * <pre>{@code
 * SviModel model = args -> {
 *     Tensor mu = Pyrite.sample("mu", Normal.of(0, 10));
 *     try (Plate p = Pyrite.plate("data", args[0].size(0))) {
 *         Pyrite.sample("x", Normal.of(mu, Tensor.scalar(1)), args[0]);
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface SviModel {
    void run(Tensor... args);

    /** A model that takes no arguments. */
    static SviModel of(Runnable model) {
        return args -> model.run();
    }
}
