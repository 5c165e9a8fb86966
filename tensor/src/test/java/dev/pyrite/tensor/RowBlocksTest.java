package dev.pyrite.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link RowBlocks} through {@link CompiledFunction#flatByRows}: a call over independent rows run in
 * blocks on several threads gives the bits of the whole call on one thread (the reference), and a
 * function that couples its rows is never split.
 */
class RowBlocksTest {
    private static final int D = 20;
    private static final int N = 600;
    private static final double[] DESIGN = new double[D * N];

    static {
        Random r = new Random(7);
        for (int i = 0; i < DESIGN.length; i++) {
            DESIGN[i] = r.nextGaussian();
        }
    }

    /** A logistic-regression-like energy per row of q [C, D]: products, transcendental ops, row sums. */
    private static final TensorFunction PER_ROW = in -> {
        Tensor q = in[0];
        Tensor x = Tensor.of(Nd4j.create(DESIGN, new long[]{D, N}, DataType.DOUBLE));
        Tensor z = q.matmul(x);                                    // [C, N]
        Tensor lik = z.exp().log1p().sub(z.mul(0.5)).sum(false, 1);
        return new Tensor[]{lik.add(q.square().mul(0.5).sum(false, 1)).add(q.tanh().sum(false, 1))};
    };

    /** The same energy plus the mean over all rows: every row depends on every other. */
    private static final TensorFunction COUPLED = in -> {
        Tensor u = PER_ROW.apply(in)[0];
        return new Tensor[]{u.add(u.sum().mul(1.0 / in[0].size(0)))};
    };

    private static double[] rows(int c, long seed) {
        Random r = new Random(seed);
        double[] q = new double[c * D];
        for (int i = 0; i < q.length; i++) {
            q[i] = 0.5 * r.nextGaussian();
        }
        return q;
    }

    private static <T> T withThreads(String threads, Supplier<T> body) {
        String before = System.getProperty(BlockThreads.PROPERTY);
        System.setProperty(BlockThreads.PROPERTY, threads);
        try {
            return body.get();
        } finally {
            if (before == null) {
                System.clearProperty(BlockThreads.PROPERTY);
            } else {
                System.setProperty(BlockThreads.PROPERTY, before);
            }
        }
    }

    private static CompiledFunction jvm(TensorFunction f) {
        return CompiledFunction.withGradients(f, 0).using(Executor.JVM);
    }

    private static void assertSameBits(double[][] expected, double[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": outputs");
        for (int o = 0; o < expected.length; o++) {
            assertEquals(expected[o].length, actual[o].length, what + ": output " + o + " length");
            for (int i = 0; i < expected[o].length; i++) {
                if (Double.doubleToRawLongBits(expected[o][i]) != Double.doubleToRawLongBits(actual[o][i])) {
                    fail(what + ": output " + o + " element " + i + " is " + actual[o][i] + ", one thread gives "
                            + expected[o][i]);
                }
            }
        }
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    @Test
    void blocksOnTwoThreadsGiveTheBitsOfOneCall() {
        for (int c : new int[]{64, 67, 200}) {
            FlatProgram one = jvm(PER_ROW).flat(DataType.DOUBLE, new long[]{c, D});
            FlatProgram split = withThreads("2", () -> jvm(PER_ROW).flatByRows(DataType.DOUBLE, new long[]{c, D}));
            for (int call = 0; call < 4; call++) {
                double[] q = rows(c, 100 + call);
                double[][] expected = copy(one.run(q));
                double[][] actual = withThreads("2", () -> split.run(q));
                assertSameBits(expected, actual, c + " rows, call " + call);
            }
            assertEquals(2, split.blockCount(), c + " rows: the call runs in two blocks");
        }
    }

    @Test
    void rowsThatDependOnEachOtherStayOneCall() {
        int c = 64;
        FlatProgram one = jvm(COUPLED).flat(DataType.DOUBLE, new long[]{c, D});
        FlatProgram byRows = withThreads("2", () -> jvm(COUPLED).flatByRows(DataType.DOUBLE, new long[]{c, D}));
        double[] q = rows(c, 5);
        double[][] expected = copy(one.run(q));
        assertSameBits(expected, withThreads("2", () -> byRows.run(q)), "coupled rows");
        assertEquals(1, byRows.blockCount(), "a function coupling its rows is not split");
    }

    @Test
    void oneThreadAndSmallCallsStayOneCall() {
        FlatProgram single = withThreads("1", () -> {
            FlatProgram p = jvm(PER_ROW).flatByRows(DataType.DOUBLE, new long[]{200, D});
            p.run(rows(200, 1));
            return p;
        });
        assertEquals(1, single.blockCount(), "pyrite.threads=1");
        FlatProgram small = withThreads("2", () -> {
            FlatProgram p = jvm(PER_ROW).flatByRows(DataType.DOUBLE, new long[]{4, D});
            p.run(rows(4, 1));
            return p;
        });
        assertEquals(1, small.blockCount(), "4 rows are one block");
        FlatProgram nd4j = withThreads("2", () -> {
            FlatProgram p = CompiledFunction.withGradients(PER_ROW, 0).using(Executor.ND4J)
                    .flatByRows(DataType.DOUBLE, new long[]{200, D});
            p.run(rows(200, 1));
            return p;
        });
        assertEquals(1, nd4j.blockCount(), "libnd4j's programs are not split");
    }

    @Test
    void badThreadCountIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withThreads("two", BlockThreads::configured));
        assertTrue(e.getMessage().contains("pyrite.threads") && e.getMessage().contains("'two'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> withThreads("0", BlockThreads::configured));
        assertEquals(3, withThreads("3", BlockThreads::configured));
    }

    @Test
    void inputsMustLeadWithTheRows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> jvm(PER_ROW).flatByRows(DataType.DOUBLE, new long[]{8, D}, new long[]{N}));
        assertTrue(e.getMessage().contains("input 1"), e.getMessage());
    }
}
