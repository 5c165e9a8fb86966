package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;
import java.util.List;

/**
 * The composition of transforms, applied first to last. Event dimensions follow torch.distributions:
 * a part acting on fewer event dimensions than the composition has its log-determinant summed over the
 * extra rightmost dimensions. With no parts it is the identity on events of {@code eventDim} dimensions.
 */
public final class ComposeTransform implements Transform {
    private final List<Transform> parts;
    private final int domainEventDim;
    private final int codomainEventDim;

    private ComposeTransform(List<Transform> parts, int identityEventDim) {
        this.parts = parts;
        if (parts.isEmpty()) {
            domainEventDim = identityEventDim;
            codomainEventDim = identityEventDim;
            return;
        }
        int dom = parts.get(parts.size() - 1).codomainEventDim();
        for (int i = parts.size() - 1; i >= 0; i--) {
            Transform p = parts.get(i);
            dom = Math.max(dom + p.domainEventDim() - p.codomainEventDim(), p.domainEventDim());
        }
        int cod = parts.get(0).domainEventDim();
        for (Transform p : parts) {
            cod = Math.max(cod + p.codomainEventDim() - p.domainEventDim(), p.codomainEventDim());
        }
        domainEventDim = dom;
        codomainEventDim = cod;
    }

    public static ComposeTransform of(Transform... parts) {
        return new ComposeTransform(List.of(parts), 0);
    }

    public static ComposeTransform of(List<Transform> parts) {
        return new ComposeTransform(List.copyOf(parts), 0);
    }

    /** The identity on events of {@code eventDim} dimensions. */
    static ComposeTransform identity(int eventDim) {
        return new ComposeTransform(List.of(), eventDim);
    }

    public List<Transform> parts() {
        return parts;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = x;
        for (Transform p : parts) {
            y = p.forward(y);
        }
        return y;
    }

    @Override
    public Tensor inverse(Tensor y) {
        Tensor x = y;
        for (int i = parts.size() - 1; i >= 0; i--) {
            x = parts.get(i).inverse(x);
        }
        return x;
    }

    static Tensor sumRightmost(Tensor t, int n) {
        Tensor s = t;
        for (int i = 0; i < n; i++) {
            s = s.sum(false, -1);
        }
        return s;
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        if (parts.isEmpty()) {
            return sumRightmost(x.zerosLike(), domainEventDim);
        }
        int eventDim = domainEventDim;
        Tensor total = null;
        Tensor in = x;
        for (int i = 0; i < parts.size(); i++) {
            Transform p = parts.get(i);
            Tensor out = i == parts.size() - 1 ? y : p.forward(in);
            Tensor term = sumRightmost(p.logAbsDetJacobian(in, out), eventDim - p.domainEventDim());
            total = total == null ? term : total.add(term);
            eventDim += p.codomainEventDim() - p.domainEventDim();
            in = out;
        }
        return total;
    }

    @Override
    public int domainEventDim() {
        return domainEventDim;
    }

    @Override
    public int codomainEventDim() {
        return codomainEventDim;
    }

    @Override
    public long[] forwardShape(long[] shape) {
        long[] s = shape;
        for (Transform p : parts) {
            s = p.forwardShape(s);
        }
        return s;
    }

    @Override
    public long[] inverseShape(long[] shape) {
        long[] s = shape;
        for (int i = parts.size() - 1; i >= 0; i--) {
            s = parts.get(i).inverseShape(s);
        }
        return s;
    }

    @Override
    public String toString() {
        return "ComposeTransform" + parts;
    }
}
