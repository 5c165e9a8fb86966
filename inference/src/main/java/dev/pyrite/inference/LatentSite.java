package dev.pyrite.inference;

import dev.pyrite.distributions.Transform;
import java.util.Arrays;

/**
 * A latent sample site of a model as the samplers see it: where its unconstrained coordinates sit in the
 * flat vector {@code q}, their shape, the site's shape, and the bijection from the reals to its support.
 *
 * @param name               site name
 * @param offset             first column of the site in {@code q [C, D]}
 * @param shape              the site's value shape (plate dimensions then event dimensions)
 * @param unconstrainedShape the shape of its unconstrained coordinates
 * @param eventDims          number of event dimensions
 * @param transform          from unconstrained reals to the support
 */
public record LatentSite(String name, int offset, long[] shape, long[] unconstrainedShape, int eventDims,
                         Transform transform) {

    /** Number of unconstrained coordinates. */
    public int size() {
        long n = 1;
        for (long s : unconstrainedShape) {
            n *= s;
        }
        return (int) n;
    }

    /** Number of scalar components of the constrained value. */
    public int valueSize() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return (int) n;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
