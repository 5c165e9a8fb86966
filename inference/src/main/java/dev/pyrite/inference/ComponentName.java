package dev.pyrite.inference;

/**
 * The name of one scalar component of a site or value: {@code mu} for a scalar, {@code theta[3]} or
 * {@code L[2,1]} (1-based, row-major, as Stan names them) otherwise. Every output (summaries, CmdStan
 * CSVs, plots, run.json) names components through this one function.
 */
public final class ComponentName {
    private ComponentName() {
    }

    /** The name of the component at row-major position {@code flatIndex} of a value of shape {@code shape}. */
    public static String of(String name, long[] shape, long flatIndex) {
        if (shape.length == 0) {
            return name;
        }
        long[] idx = new long[shape.length];
        long rest = flatIndex;
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = rest % shape[i];
            rest /= shape[i];
        }
        StringBuilder b = new StringBuilder(name).append('[');
        for (int i = 0; i < idx.length; i++) {
            b.append(i > 0 ? "," : "").append(idx[i] + 1);
        }
        return b.append(']').toString();
    }
}
