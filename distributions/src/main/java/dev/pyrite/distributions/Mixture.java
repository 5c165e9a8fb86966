package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A finite mixture of a list of distributions (of any families) with the same batch and event shapes:
 * {@code p(x) = sum_k w_k p_k(x)}, weights from a {@link Categorical} over the K components.
 *
 * <pre>{@code
 * Distribution d = Mixture.of(Categorical.ofProbs(Tensor.of(0.2, 0.8)),
 *         List.of(Normal.of(0.0, 1.0), StudentT.of(3.0, 0.0, 2.0)));
 * }</pre>
 */
public final class Mixture implements Distribution {
    private final Categorical mixing;
    private final List<Distribution> components;
    private final long[] batchShape;
    private final long[] eventShape;

    private Mixture(Categorical mixing, List<Distribution> components, long[] batchShape, long[] eventShape) {
        this.mixing = mixing;
        this.components = components;
        this.batchShape = batchShape;
        this.eventShape = eventShape;
    }

    public static Mixture of(Categorical mixing, List<Distribution> components) {
        Checks.require(!components.isEmpty(), "Mixture", "needs at least one component");
        Checks.require(mixing.categories() == components.size(), "Mixture", "the mixing distribution has "
                + mixing.categories() + " categories for " + components.size() + " components");
        long[] event = components.get(0).eventShape();
        long[][] shapes = new long[components.size() + 1][];
        String[] names = new String[components.size() + 1];
        shapes[0] = mixing.batchShape();
        names[0] = "mixing batch";
        for (int i = 0; i < components.size(); i++) {
            Distribution c = components.get(i);
            Checks.require(Arrays.equals(c.eventShape(), event), "Mixture", "component " + i + " has event shape "
                    + Shapes.format(c.eventShape()) + ", component 0 has " + Shapes.format(event));
            shapes[i + 1] = c.batchShape();
            names[i + 1] = "component " + i + " batch";
        }
        long[] batch = Checks.broadcast("Mixture", names, shapes);
        List<Distribution> expanded = new ArrayList<>();
        for (Distribution c : components) {
            expanded.add(Arrays.equals(c.batchShape(), batch) ? c : c.expand(batch));
        }
        return new Mixture(mixing, List.copyOf(expanded), batch, event);
    }

    public Categorical mixing() {
        return mixing;
    }

    public List<Distribution> components() {
        return components;
    }

    @Override
    public long[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public long[] eventShape() {
        return eventShape.clone();
    }

    @Override
    public Tensor logProb(Tensor value) {
        Checks.valueShape("Mixture", value, batchShape, eventShape);
        Tensor[] lps = new Tensor[components.size()];
        long[] shape = new long[0];
        for (int i = 0; i < lps.length; i++) {
            lps[i] = components.get(i).logProb(value);
            shape = Shapes.broadcast(shape, lps[i].shape());
        }
        for (int i = 0; i < lps.length; i++) {
            lps[i] = lps[i].broadcastTo(shape);
        }
        return Tensor.stack(-1, lps).add(mixing.logits()).logSumExp(-1, false);
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        Tensor index = mixing.expand(batchShape).sample(stream, sampleShape);
        Tensor[] draws = new Tensor[components.size()];
        int dim = sampleShape.length + batchShape.length;
        for (int i = 0; i < draws.length; i++) {
            draws[i] = components.get(i).sample(stream, sampleShape);
            if (!draws[i].isFloatingPoint()) {
                draws[i] = draws[i].castTo(mixing.logits().dtype());
            }
        }
        return select(Tensor.stack(dim, draws), index, components.size(), eventShape.length);
    }

    @Override
    public Constraint support() {
        return components.get(0).support();
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("Mixture", batchShape, shape);
        List<Distribution> expanded = new ArrayList<>();
        for (Distribution c : components) {
            expanded.add(c.expand(s));
        }
        return new Mixture((Categorical) mixing.expand(s), List.copyOf(expanded), s, eventShape);
    }

    private Tensor stacked(java.util.function.Function<Distribution, Tensor> f) {
        Tensor[] parts = new Tensor[components.size()];
        long[] full = Shapes.concat(batchShape, eventShape);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = f.apply(components.get(i)).broadcastTo(full);
        }
        return Tensor.stack(batchShape.length, parts);
    }

    @Override
    public Tensor mean() {
        return weightedSum(mixing.probs(), stacked(Distribution::mean), eventShape.length);
    }

    @Override
    public Tensor variance() {
        Tensor m = stacked(Distribution::mean);
        Tensor second = weightedSum(mixing.probs(), stacked(Distribution::variance).add(m.square()), eventShape.length);
        return second.sub(weightedSum(mixing.probs(), m, eventShape.length).square());
    }

    /**
     * Picks, from draws {@code [S..., B..., K, E...]}, the component {@code index [S..., B...]} of each: a
     * product with the one-hot encoding of the index, summed over the component dimension.
     */
    static Tensor select(Tensor draws, Tensor index, long k, int eventDim) {
        Tensor hot = index.oneHot(k).castTo(draws.dtype());
        for (int i = 0; i < eventDim; i++) {
            hot = hot.unsqueeze(-1);
        }
        return draws.mul(hot).sum(false, draws.rank() - eventDim - 1);
    }

    /** sum_k w_k v_k for weights {@code [B..., K]} and values {@code [B..., K, E...]}. */
    static Tensor weightedSum(Tensor weights, Tensor values, int eventDim) {
        Tensor w = weights;
        for (int i = 0; i < eventDim; i++) {
            w = w.unsqueeze(-1);
        }
        return values.mul(w).sum(false, values.rank() - eventDim - 1);
    }
}
