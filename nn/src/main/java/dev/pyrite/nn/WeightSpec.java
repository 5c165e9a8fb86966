package dev.pyrite.nn;

import dev.pyrite.tensor.Tensor;
import java.util.Arrays;

/**
 * One weight array of a network: its site name ({@code layer.weight}, {@code layer.bias}), its shape, and
 * its initial value (random for a new layer, the trained value for an imported one). The initial value
 * is what {@link WeightSites#params()} starts from, what {@link WeightSites#fixed()} uses, and where
 * {@link WeightSites#normalAroundInit(double)} centres its prior.
 */
public record WeightSpec(String name, long[] shape, Tensor init) {
    public WeightSpec {
        if (!Arrays.equals(shape, init.shape())) {
            throw new IllegalArgumentException("weight '" + name + "': initial value has shape "
                    + Arrays.toString(init.shape()) + ", expected " + Arrays.toString(shape));
        }
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of entries. */
    public long size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
