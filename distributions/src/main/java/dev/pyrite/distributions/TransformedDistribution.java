package dev.pyrite.distributions;

import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Shapes;
import dev.pyrite.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * The distribution of {@code y = T(x)} for x from a base distribution and a bijection T (a list of
 * transforms applied in order), by the change of variables
 * {@code log p(y) = log p_base(T^-1(y)) - log |det dT/dx|}.
 *
 * <pre>{@code
 * // a log-normal: exp of a normal
 * Distribution d = TransformedDistribution.of(Normal.of(0.0, 1.0), ExpTransform.of());
 * }</pre>
 *
 * <p>Shapes follow torch.distributions: a transform acting on more event dimensions than the base has
 * moves base batch dimensions into the event, and the transforms may change the event shape (stick
 * breaking adds one entry).
 */
public final class TransformedDistribution implements Distribution {
    private final Distribution base;
    private final List<Transform> transforms;
    private final ComposeTransform transform;
    private final long[] batchShape;
    private final long[] eventShape;

    private TransformedDistribution(Distribution base, List<Transform> transforms) {
        this.transforms = transforms;
        this.transform = ComposeTransform.of(transforms);
        long[] baseShape = Shapes.concat(base.batchShape(), base.eventShape());
        int domainEventDim = transform.domainEventDim();
        Checks.require(baseShape.length >= domainEventDim, "TransformedDistribution", "the transforms act on "
                + domainEventDim + " event dimensions but the base distribution has shape " + Shapes.format(baseShape));
        int baseEventDim = base.eventShape().length;
        Distribution b = base;
        if (domainEventDim > baseEventDim) {
            b = Independent.of(b, domainEventDim - baseEventDim);
        }
        this.base = b;
        long[] forward = transform.forwardShape(baseShape);
        int eventDim = transform.codomainEventDim() + Math.max(baseEventDim - domainEventDim, 0);
        int cut = forward.length - eventDim;
        this.batchShape = Arrays.copyOf(forward, cut);
        this.eventShape = Arrays.copyOfRange(forward, cut, forward.length);
    }

    public static TransformedDistribution of(Distribution base, Transform... transforms) {
        return new TransformedDistribution(base, List.of(transforms));
    }

    public static TransformedDistribution of(Distribution base, List<Transform> transforms) {
        return new TransformedDistribution(base, List.copyOf(transforms));
    }

    public Distribution base() {
        return base;
    }

    public List<Transform> transforms() {
        return transforms;
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
        Checks.valueShape("TransformedDistribution", value, batchShape, eventShape);
        Tensor y = value;
        int eventDim = eventShape.length;
        Tensor lp = null;
        for (int i = transforms.size() - 1; i >= 0; i--) {
            Transform t = transforms.get(i);
            Tensor x = t.inverse(y);
            eventDim += t.domainEventDim() - t.codomainEventDim();
            Tensor term = ComposeTransform.sumRightmost(t.logAbsDetJacobian(x, y), eventDim - t.domainEventDim()).neg();
            lp = lp == null ? term : lp.add(term);
            y = x;
        }
        Tensor baseLp = ComposeTransform.sumRightmost(base.logProb(y), eventDim - base.eventShape().length);
        return lp == null ? baseLp : baseLp.add(lp);
    }

    @Override
    public Tensor sample(RandomStream stream, long... sampleShape) {
        return transform.forward(base.sample(stream, sampleShape));
    }

    @Override
    public boolean hasRsample() {
        return base.hasRsample();
    }

    @Override
    public Tensor rsample(RandomStream stream, long... sampleShape) {
        return transform.forward(base.rsample(stream, sampleShape));
    }

    @Override
    public Constraint support() {
        return Transforms.codomain(transform);
    }

    @Override
    public Distribution expand(long... shape) {
        long[] s = Checks.expand("TransformedDistribution", batchShape, shape);
        long[] bb = base.batchShape();
        // base batch dimensions beyond ours are part of our event (moved there by the transforms)
        long[] extra = Arrays.copyOfRange(bb, Math.min(batchShape.length, bb.length), bb.length);
        return new TransformedDistribution(base.expand(Shapes.concat(s, extra)), transforms);
    }
}
