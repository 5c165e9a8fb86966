package dev.pyrite.tensor;

/**
 * Java source for broadcast loops with literal sizes and strides: nested loops over an output shape
 * with loop variables {@code d0, d1, ...} and a running output index {@code i}, and an operand's
 * index as a sum of literal strides times loop variables (broadcast dimensions contribute nothing).
 */
final class IndexSource {
    private IndexSource() {
    }

    /** The index into an operand of shape {@code in} (aligned on the right) at the loops' position. */
    static String of(long[] in, long[] out) {
        int[] inStride = IndexMaps.strides(in);
        int offset = out.length - in.length;
        StringBuilder b = new StringBuilder();
        for (int d = 0; d < in.length; d++) {
            if (in[d] == 1) {
                continue;
            }
            if (b.length() > 0) {
                b.append(" + ");
            }
            b.append("d").append(d + offset);
            if (inStride[d] != 1) {
                b.append(" * ").append(inStride[d]);
            }
        }
        return b.length() == 0 ? "0" : b.toString();
    }

    /** Loops over {@code out} running {@code body} at each position, then {@code i++}. */
    static String loops(long[] out, String body) {
        StringBuilder b = new StringBuilder("  int i = 0;\n");
        for (int d = 0; d < out.length; d++) {
            b.append("  ".repeat(d + 1)).append("for (int d").append(d).append(" = 0; d").append(d).append(" < ")
                    .append(out[d]).append("; d").append(d).append("++) {\n");
        }
        b.append("  ".repeat(out.length + 1)).append(body).append(" i++;\n");
        for (int d = out.length - 1; d >= 0; d--) {
            b.append("  ".repeat(d + 1)).append("}\n");
        }
        return b.toString();
    }
}
