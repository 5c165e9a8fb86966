package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.Arrays;

/**
 * A finite mixture whose K components are one batched distribution: the rightmost batch dimension of
 * {@code component} (size K) indexes the components and a {@link Categorical} gives their weights:
 * {@code p(x) = sum_k w_k p_k(x)}, computed as a log-sum-exp. Draws pick a component, then take its
 * draw; they are not reparameterised.
 *
 * <pre>{@code
 * Distribution gmm = MixtureSameFamily.of(Categorical.ofProbs(Tensor.of(0.3, 0.7)),
 *         Normal.of(Tensor.of(-1.0, 2.0), Tensor.of(0.5, 1.0)));
 * }</pre>
 */
public final class MixtureSameFamily implements Distribution {
    private final Categorical mixing;
    private final Distribution component;
    private final long[] batchShape;
    private final long k;

    private MixtureSameFamily(Categorical mixing, Distribution component, long[] batchShape) {
        this.mixing = mixing;
        this.component = component;
        this.batchShape = batchShape;
        this.k = mixing.categories();
    }

    public static MixtureSameFamily of(Categorical mixing, Distribution component) {
        long[] cb = component.batchShape();
        Checks.require(cb.length >= 1, "MixtureSameFamily", "the component distribution needs a batch dimension "
                + "of components, got batch shape " + Shapes.format(cb));
        Checks.require(cb[cb.length - 1] == mixing.categories(), "MixtureSameFamily", "the mixing distribution has "
                + mixing.categories() + " categories but the components' rightmost batch dimension is " + cb[cb.length - 1]);
        long[] batch = Checks.broadcast("MixtureSameFamily", new String[]{"mixing batch", "component batch"},
                mixing.batchShape(), Arrays.copyOf(cb, cb.length - 1));
        Distribution comp = Arrays.equals(Shapes.concat(batch, new long[]{cb[cb.length - 1]}), cb) ? component
                : component.expand(Shapes.concat(batch, new long[]{cb[cb.length - 1]}));
        return new MixtureSameFamily(mixing, comp, batch);
    }

    public Categorical mixing() {
        return mixing;
    }

    public Distribution component() {
        return component;
    }

    @Override
    public long[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public long[] eventShape() {
        return component.eventShape();
    }

    @Override
    public Tensor logProb(Tensor value) {
        Checks.valueShape("MixtureSameFamily", value, batchShape, eventShape());
        int eventDim = component.eventShape().length;
        Tensor lp = component.logProb(value.unsqueeze(value.rank() - eventDim));
        return lp.add(mixing.logits()).logSumExp(-1, false);
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        Tensor index = mixing.expand(batchShape).sample(stream, sampleShape);
        Tensor draws = component.sample(stream, sampleShape);
        return Mixture.select(draws, index, k, component.eventShape().length);
    }

    @Override
    public Constraint support() {
        return component.support();
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("MixtureSameFamily", batchShape, shape);
        return new MixtureSameFamily((Categorical) mixing.expand(s), component.expand(Shapes.concat(s, new long[]{k})), s);
    }

    /** sum_k w_k mean_k. */
    @Override
    public Tensor mean() {
        return Mixture.weightedSum(mixing.probs(), component.mean(), component.eventShape().length);
    }

    /** sum_k w_k (var_k + mean_k^2) - mean^2. */
    @Override
    public Tensor variance() {
        int e = component.eventShape().length;
        Tensor m = component.mean();
        Tensor second = Mixture.weightedSum(mixing.probs(), component.variance().add(m.square()), e);
        return second.sub(Mixture.weightedSum(mixing.probs(), m, e).square());
    }
}
