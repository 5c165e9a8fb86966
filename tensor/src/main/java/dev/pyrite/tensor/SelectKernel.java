package dev.pyrite.tensor;

/** {@code where(mask, a, b)}: the three operands have the output's shape (the tracer broadcast them). */
final class SelectKernel extends JvmKernel {
    private final int mask;
    private final int a;
    private final int b;
    private final int out;
    private final int n;

    SelectKernel(int mask, int a, int b, int out, int n) {
        this.mask = mask;
        this.a = a;
        this.b = b;
        this.out = out;
        this.n = n;
    }

    @Override
    String source(java.util.function.UnaryOperator<String> round) {
        return "{ final double[] m = s[" + mask + "]; final double[] x = s[" + a + "]; final double[] y = s[" + b
                + "]; final double[] o = s[" + out + "];\n  for (int i = 0; i < " + n + "; i++) { o[i] = "
                + round.apply("m[i] != 0 ? x[i] : y[i]") + "; } }\n";
    }

    @Override
    void run(double[][] slots) {
        double[] m = slots[mask];
        double[] x = slots[a];
        double[] y = slots[b];
        double[] o = slots[out];
        for (int i = 0; i < n; i++) {
            o[i] = m[i] != 0 ? x[i] : y[i];
        }
    }

}
