package dev.pyrite.inference.svi;

import dev.pyrite.handlers.Handler;
import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.MessageType;
import dev.pyrite.handlers.Subsample;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gives the subsample site of every subsampled plate ({@code plate(name, N, B)}) its indices from
 * outside, so that SVI's compiled program takes a fresh subsample as an input array at every step
 * instead of freezing the one drawn while it was traced. A plate the guide already drew is replayed
 * into the model before this handler sees it (a replayed message is done), so the model and the guide
 * share one subsample, as in Pyro. Plates without an input (the discovery run) draw from
 * {@code stream}, and their distributions are recorded so that later steps can draw again; without a
 * stream (inside the compiled program) a plate without an input is an error, never a frozen draw.
 *
 * <pre>{@code
 * SubsampleFeed f = new SubsampleFeed(Map.of(), RandomStream.of(0));
 * try (var feed = f.enter()) { model.run(args); }          // f.plates: {"data" -> Subsample(1000, 100)}
 * Tensor idx = SubsampleFeed.draw(f.plates.get("data"), stream);
 * }</pre>
 */
final class SubsampleFeed extends Handler<SubsampleFeed> {
    private final Map<String, Tensor> inputs;
    private final RandomStream stream;
    /** The subsampled plates this handler gave indices to, by name, in the order they were first met. */
    final Map<String, Subsample> plates = new LinkedHashMap<>();
    /** Every plate met (subsampled or not) with its first declaration, to check that sizes agree. */
    private final Map<String, Subsample> declared = new HashMap<>();

    /** {@code stream} null: every subsampled plate must have its indices in {@code inputs}. */
    SubsampleFeed(Map<String, Tensor> inputs, RandomStream stream) {
        this.inputs = new HashMap<>(inputs);
        this.stream = stream;
    }

    @Override
    protected void process(Message msg) {
        if (!msg.isSubsample() || msg.done || msg.value != null) {
            return;
        }
        Subsample s = (Subsample) msg.distribution;
        if (s.isFull()) {
            return;   // all of 0..N-1: a constant, drawn by the plate itself
        }
        Subsample seen = plates.putIfAbsent(msg.name, s);
        if (seen != null && seen.subsampleSize() != s.subsampleSize()) {
            throw sizeChanged(msg.name, seen.subsampleSize(), s.subsampleSize());
        }
        Tensor in = inputs.get(msg.name);
        if (in == null && stream == null) {
            // Drawing here would freeze one subsample into the compiled program: refuse.
            throw new IllegalStateException("plate '" + msg.name + "' (size " + s.size() + ", subsample "
                    + s.subsampleSize() + ") was not met when SVI first ran the guide and the model with these"
                    + " argument shapes, so its indices are no input of the compiled program (subsampled plates"
                    + " seen then: " + inputs.keySet() + "); enter subsampled plates unconditionally, not"
                    + " depending on random draws");
        }
        if (in == null) {
            in = draw(s, stream);
            inputs.put(msg.name, in);   // a plate entered twice under one name keeps its subsample
        } else if (in.size(0) != s.subsampleSize()) {
            throw sizeChanged(msg.name, in.size(0), s.subsampleSize());
        }
        msg.value = in;
        msg.done = true;
    }

    /**
     * Every plate of one name must have one size and one subsample size in the guide and the model: a
     * guide's subsample of 0..999 replayed into a model plate of size 500 would pick rows that do not
     * exist (the one-hot selection would give zeros) without any other error.
     */
    @Override
    protected void postprocess(Message msg) {
        if (msg.distribution instanceof Subsample s && msg.type == MessageType.SAMPLE) {
            Subsample first = declared.putIfAbsent(msg.name, s);
            if (first != null && (first.size() != s.size() || first.subsampleSize() != s.subsampleSize())) {
                throw new IllegalArgumentException("plate '" + msg.name + "' is declared with size " + first.size()
                        + " and subsample " + first.subsampleSize() + ", and again with size " + s.size()
                        + " and subsample " + s.subsampleSize() + " (the guide's subsample is replayed into the"
                        + " model): give every plate of one name the same sizes");
            }
        }
    }

    /** Fresh indices for a plate: B distinct draws from {@code 0..N-1}, INT64 of shape [B]. */
    static Tensor draw(Subsample s, RandomStream stream) {
        return s.sample(stream.split());
    }

    private static IllegalArgumentException sizeChanged(String plate, long before, long now) {
        return new IllegalArgumentException("plate '" + plate + "': subsample size " + now + " where the same"
                + " plate had " + before + " (shape " + Shapes.format(new long[]{before}) + "); SVI compiles one"
                + " program per argument signature with a fixed subsample size per plate: keep B fixed, or pass"
                + " each minibatch as a step argument (Minibatches) so that a new batch size is a new signature");
    }
}
