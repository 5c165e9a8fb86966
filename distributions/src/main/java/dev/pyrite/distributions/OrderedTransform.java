package dev.pyrite.distributions;

import dev.pyrite.tensor.Tensor;

/**
 * From R^K onto strictly increasing vectors (last dimension): {@code y_0 = x_0},
 * {@code y_i = y_{i-1} + exp(x_i)}. The Jacobian is triangular with diagonal (1, e^x_1, ...), so
 * {@code log |det| = sum_{i>=1} x_i}.
 */
public final class OrderedTransform implements Transform {
    static final OrderedTransform INSTANCE = new OrderedTransform();

    private OrderedTransform() {
    }

    public static OrderedTransform of() {
        return INSTANCE;
    }

    @Override
    public Tensor forward(Tensor x) {
        long k = x.size(-1);
        if (k == 1) {
            return x;
        }
        return Tensor.concat(-1, x.slice(-1, 0, 1), x.slice(-1, 1, k).exp()).cumsum(-1);
    }

    @Override
    public Tensor inverse(Tensor y) {
        long k = y.size(-1);
        if (k == 1) {
            return y;
        }
        Tensor gaps = y.slice(-1, 1, k).sub(y.slice(-1, 0, k - 1));
        return Tensor.concat(-1, y.slice(-1, 0, 1), gaps.log());
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        long k = x.size(-1);
        if (k == 1) {
            return x.zerosLike().sum(false, -1);
        }
        return x.slice(-1, 1, k).sum(false, -1);
    }

    @Override
    public int domainEventDim() {
        return 1;
    }

    @Override
    public String toString() {
        return "OrderedTransform";
    }
}
