package dev.pyrite.handlers;

import dev.pyrite.tensor.Tensor;

/**
 * One plate a site sits in: its name, the (negative) batch dimension it owns, its full size, the size
 * of the subsample actually present and the subsample's indices into {@code 0..size-1}.
 */
public record PlateFrame(String name, int dim, long size, long subsampleSize, Tensor indices) {

    /** The log-density scale that makes a subsample stand for the whole plate: size / subsample size. */
    public double scale() {
        return (double) size / subsampleSize;
    }

    @Override
    public String toString() {
        return name + "(dim " + dim + ", size " + size
                + (subsampleSize != size ? ", subsample " + subsampleSize : "") + ")";
    }
}
