package dev.pyrite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The JVM executor against libnd4j's lean replay, op kind by op kind, in float64 (1e-10 of each output's
 * scale) and float32 (1e-4): broadcasts of every pattern, reductions over inner and outer dimensions,
 * shape ops, linear algebra (with a product large enough for BLAS), special functions, selects, casts
 * and comparisons, with gradients, and an op without a JVM kernel (its eager form runs). The JVM's
 * generated code (see {@link JvmCodegen}) gives the interpreter's bits.
 */
class ExecutorEquivalenceTest {
    private static final RandomStream RNG = RandomStream.of(TestSeeds.seed(41));

    private static INDArray normal(DataType dt, long... shape) {
        return RNG.normal(DataType.DOUBLE, shape).castTo(dt);
    }

    private static INDArray positive(DataType dt, long... shape) {
        return org.nd4j.linalg.ops.transforms.Transforms.abs(RNG.normal(DataType.DOUBLE, shape)).addi(0.5).castTo(dt);
    }

    private static void compare(String name, TensorFunction f, int[] wrt, INDArray... inputs) {
        CompiledFunction jvm = CompiledFunction.withGradients(f, wrt).using(Executor.JVM);
        CompiledFunction nd4j = CompiledFunction.withGradients(f, wrt).using(Executor.ND4J);
        assertEquals(Executor.JVM, jvm.executor(inputs));
        assertEquals(Executor.ND4J, nd4j.executor(inputs));
        INDArray[] a = copies(jvm.call(inputs));
        INDArray[] b = nd4j.call(inputs);
        // Hot programs run as generated Java: the same bits.
        jvm.generateNow(inputs);
        INDArray[] generated = jvm.call(inputs);
        assertTrue(jvm.isGenerated(inputs), name + ": the program runs as generated code");
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i].castTo(DataType.DOUBLE).dup('c').data().asDouble(),
                    generated[i].castTo(DataType.DOUBLE).dup('c').data().asDouble(), 0.0,
                    name + ": generated code vs interpreted kernels, output " + i);
        }
        assertEquals(b.length, a.length);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(b[i].shape(), a[i].shape(), name + ": shape of output " + i);
            assertEquals(b[i].dataType(), a[i].dataType(), name + ": type of output " + i);
            ExecutorCheck.compare(name, i, a[i].dataType(),
                    a[i].castTo(DataType.DOUBLE).dup('c').data().asDouble(),
                    b[i].castTo(DataType.DOUBLE).dup('c').data().asDouble());
        }
    }

    private static INDArray[] copies(INDArray[] a) {
        INDArray[] c = new INDArray[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].dup();
        }
        return c;
    }

    @TestFactory
    List<DynamicTest> everyOpKindMatchesLibnd4j() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DataType dt : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            String t = " (" + dt + ")";
            tests.add(dynamicTest("element-wise functions" + t, () -> compare("unary", in -> {
                Tensor x = in[0];
                Tensor p = in[1];
                return new Tensor[]{x.exp().add(x.neg().abs()).add(x.sign()).add(x.floor()).add(x.square())
                        .add(p.sqrt()).add(p.log()).add(p.sub(0.4).log1p()).add(x.expm1()).add(x.sigmoid())
                        .add(x.tanh()).add(x.erf()).add(x.erfc()).add(x.sin()).add(x.cos()).add(x.atan())
                        .add(p.lgamma()).add(p.digamma()).add(p.softplus()).add(x.logSigmoid())};
            }, new int[]{0, 1}, normal(dt, 3, 4), positive(dt, 3, 4))));
            tests.add(dynamicTest("broadcasting binary ops" + t, () -> compare("binary", in -> {
                Tensor a = in[0];          // [2, 3, 4]
                Tensor row = in[1];        // [4]
                Tensor col = in[2];        // [2, 1, 1]
                Tensor mid = in[3];        // [3, 1]
                Tensor s = a.add(row).mul(col).sub(mid).div(row.square().add(1.0)).add(a.mul(2.0))
                        .add(a.rdiv(3.0).mul(0.0)).add(a.maximum(row)).add(a.minimum(mid))
                        .add(a.abs().add(0.1).pow(row.mul(0.5)));
                return new Tensor[]{s, s.sum(false, 1)};
            }, new int[]{0, 1, 2, 3}, normal(dt, 2, 3, 4), normal(dt, 4), normal(dt, 2, 1, 1), normal(dt, 3, 1))));
            tests.add(dynamicTest("comparisons, masks, where and casts" + t, () -> compare("select", in -> {
                Tensor x = in[0];
                Tensor y = in[1];
                Tensor m = x.lt(y).or(x.ge(0.5)).and(x.ne(y)).or(x.eq(y)).or(x.le(y).not()).and(x.gt(-1.0));
                Tensor w = Tensor.where(m, x.exp(), y.mul(2.0));
                return new Tensor[]{w.add(m.castTo(dt)), m, x.castTo(DataType.INT64),
                        x.isFinite().castTo(dt), Tensor.where(x.gt(0.0), x, x.zerosLike()).log1p()};
            }, new int[]{0}, normal(dt, 5, 3), normal(dt, 5, 3))));
            tests.add(dynamicTest("reductions" + t, () -> compare("reduce", in -> {
                Tensor x = in[0];          // [3, 4, 5]
                return new Tensor[]{x.sum(false, 1).sum(), x.sum(true, 0, 2).mul(x).sum(), x.max(false, 2).sum(),
                        x.max(true, 0).sum(false, 2), x.logSumExp(1, false), x.mean(false, 0, 1), x.min(false, 0),
                        x.cumsum(1), x.cumsum(-1).mul(x).sum()};
            }, new int[]{0}, normal(dt, 3, 4, 5))));
            tests.add(dynamicTest("shape ops" + t, () -> compare("shape", in -> {
                Tensor x = in[0];          // [2, 3, 4]
                Tensor p = x.permute(2, 0, 1).mul(x.permute(2, 0, 1).exp());
                Tensor c = Tensor.concat(1, x, x.slice(1, 1, 3).mul(2.0), x.select(1, 0).unsqueeze(1));
                Tensor s = Tensor.stack(0, x, x.square());
                Tensor b = x.select(2, 3).broadcastTo(5, 2, 3);
                Tensor r = x.reshape(6, 4).transpose().matmul(x.reshape(6, 4));
                return new Tensor[]{p.sum().add(c.square().sum()).add(s.sum()).add(b.exp().sum()).add(r.sum()), c, p,
                        x.moveDim(0, 2)};
            }, new int[]{0}, normal(dt, 2, 3, 4))));
            tests.add(dynamicTest("one-hot and index selection" + t, () -> compare("onehot", in -> {
                Tensor x = in[0];          // [4, 5]
                Tensor idx = in[1];        // [3] INT64
                return new Tensor[]{x.indexSelect(1, idx).sum(), idx.oneHot(6), x.takeAlongLastDim(in[2])};
            }, new int[]{0}, normal(dt, 4, 5), Nd4j.createFromArray(4L, 0L, 2L), Nd4j.createFromArray(1L, 4L, 0L, 3L))));
            tests.add(dynamicTest("matrix products, batched and BLAS-sized" + t, () -> compare("matmul", in -> {
                Tensor a = in[0];          // [3, 4, 5]
                Tensor b = in[1];          // [5, 2]
                Tensor big = in[2];        // [64, 48]
                Tensor v = in[3];          // [5]
                return new Tensor[]{a.matmul(b).tanh().sum().add(big.matmul(big.transpose()).sum(false, 1).sum())
                        .add(a.matmul(v).sum()), big.transpose().matmul(big)};
            }, new int[]{0, 1, 2}, normal(dt, 3, 4, 5), normal(dt, 5, 2), normal(dt, 64, 48), normal(dt, 5))));
            tests.add(dynamicTest("cholesky and triangular solves" + t, () -> compare("linalg", in -> {
                Tensor a = in[0];          // [2, 4, 4]
                Tensor spd = a.matmul(a.transpose()).add(Tensor.eye(4).castTo(dt).mul(4.0));
                Tensor l = spd.cholesky();
                Tensor b = in[1];          // [2, 4, 3]
                Tensor x1 = l.triangularSolve(b, true, false);
                Tensor x2 = l.triangularSolve(b, true, true);
                Tensor u = l.transpose();
                Tensor x3 = u.triangularSolve(b, false, false);
                Tensor x4 = u.triangularSolve(b, false, true);
                return new Tensor[]{l.logDetFromCholesky().sum().add(x1.sum()).add(x2.square().sum()).add(x3.sum())
                        .add(x4.sum()), l, x3};
            }, new int[]{0, 1}, normal(dt, 2, 4, 4), normal(dt, 2, 4, 3))));
        }
        return tests;
    }

    @Test
    void anOpWithoutAJvmKernelRunsItsEagerForm() {
        TensorFunction f = in -> new Tensor[]{Tensor.apply("reverseRows", new Tensor[]{in[0]}, in[0].shape(),
                in[0].dtype(), a -> org.nd4j.linalg.factory.Nd4j.reverse(a[0].dup()),
                v -> v[0].getSameDiff().reverse(v[0], 0), null).mul(2.0)};
        INDArray x = normal(DataType.DOUBLE, 6);
        INDArray[] out = CompiledFunction.of(f).using(Executor.JVM).call(x);
        double[] v = x.toDoubleVector();
        double[] expected = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            expected[i] = 2 * v[v.length - 1 - i];
        }
        assertArrayEquals(expected, out[0].toDoubleVector(), 0.0);
    }

    @Test
    void flatProgramsRunInPlaceAndMatchTheArrayCall() {
        CompiledFunction f = CompiledFunction.withGradients(in -> new Tensor[]{in[0].square().sum(false, 1)}, 0)
                .using(Executor.JVM);
        FlatProgram p = f.flat(DataType.DOUBLE, new long[]{2, 3});
        double[][] out = p.run(new double[]{1, 2, 3, 4, 5, 6});
        assertArrayEquals(new double[]{14, 77}, out[0], 0.0);
        assertArrayEquals(new double[]{2, 4, 6, 8, 10, 12}, out[1], 0.0);
        FlatProgram p32 = f.flat(DataType.FLOAT, new long[]{1, 1});
        float f32 = 0.1f;
        assertEquals((double) (f32 * f32), p32.run(new double[]{0.1})[0][0], 0.0,
                "float32 programs compute in float32");
    }

    @Test
    void autoPicksTheJvmForSmallProgramsAndLibnd4jForLargeOnes() {
        TensorFunction f = in -> new Tensor[]{in[0].exp().log1p().mul(in[0]).sum(false, 1)};
        assertEquals(Executor.JVM, CompiledFunction.of(f).using(Executor.AUTO).executor(normal(DataType.DOUBLE, 4, 10)));
        assertEquals(Executor.ND4J, CompiledFunction.of(f).using(Executor.AUTO)
                .executor(normal(DataType.DOUBLE, 1000, 2000)));
    }
}
