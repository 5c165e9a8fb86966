package dev.pyrite.tensor;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every differentiable op: compiled value equals eager, gradient equals a float64 finite difference. */
class TensorGradientTest {
    private final Random random = new Random(42);

    private INDArray normal(long... shape) {
        double[] v = new double[(int) Shapes.size(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        return Nd4j.create(v, shape, DataType.DOUBLE);
    }

    private INDArray positive(long... shape) {
        double[] v = new double[(int) Shapes.size(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.3 + 3 * random.nextDouble();
        }
        return Nd4j.create(v, shape, DataType.DOUBLE);
    }

    private INDArray spd(int n) {
        INDArray a = normal(n, n);
        return a.mmul(a.transpose()).addi(Nd4j.eye(n).castTo(DataType.DOUBLE).muli(n));
    }

    /** Fixed pseudo-random weights for a shape: the same on every evaluation of a test function. */
    private static Tensor wt(long... shape) {
        Random r = new Random(java.util.Arrays.hashCode(shape));
        double[] v = new double[(int) Shapes.size(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return Tensor.of(Nd4j.create(v, shape, DataType.DOUBLE));
    }

    private final List<DynamicTest> tests = new ArrayList<>();

    private void unary(String name, TensorFunction f, INDArray x) {
        tests.add(dynamicTest(name, () -> GradientCheck.check(name, f, 1e-6, new int[]{0}, x)));
    }

    private void binary(String name, TensorFunction f, INDArray x, INDArray y) {
        tests.add(dynamicTest(name, () -> GradientCheck.check(name, f, 1e-6, new int[]{0, 1}, x, y)));
    }

    @TestFactory
    List<DynamicTest> everyDifferentiableOp() {
        // Weights make every output element count differently, so wrong index bookkeeping shows.
        INDArray w23 = normal(2, 3);
        unary("neg", in -> new Tensor[]{in[0].neg().mul(Tensor.of(w23))}, normal(2, 3));
        unary("abs", in -> new Tensor[]{in[0].abs().mul(Tensor.of(w23))}, normal(2, 3));
        unary("exp", in -> new Tensor[]{in[0].exp().mul(Tensor.of(w23))}, normal(2, 3));
        unary("log", in -> new Tensor[]{in[0].log().mul(Tensor.of(w23))}, positive(2, 3));
        unary("log1p", in -> new Tensor[]{in[0].log1p().mul(Tensor.of(w23))}, positive(2, 3));
        unary("expm1", in -> new Tensor[]{in[0].expm1().mul(Tensor.of(w23))}, normal(2, 3));
        unary("sqrt", in -> new Tensor[]{in[0].sqrt().mul(Tensor.of(w23))}, positive(2, 3));
        unary("square", in -> new Tensor[]{in[0].square().mul(Tensor.of(w23))}, normal(2, 3));
        unary("reciprocal", in -> new Tensor[]{in[0].reciprocal().mul(Tensor.of(w23))}, positive(2, 3));
        unary("pow scalar", in -> new Tensor[]{in[0].pow(2.5).mul(Tensor.of(w23))}, positive(2, 3));
        unary("sigmoid", in -> new Tensor[]{in[0].sigmoid().mul(Tensor.of(w23))}, normal(2, 3));
        unary("logSigmoid", in -> new Tensor[]{in[0].logSigmoid().mul(Tensor.of(w23))}, normal(2, 3));
        unary("softplus", in -> new Tensor[]{in[0].softplus().mul(Tensor.of(w23))}, normal(2, 3));
        unary("tanh", in -> new Tensor[]{in[0].tanh().mul(Tensor.of(w23))}, normal(2, 3));
        unary("erf", in -> new Tensor[]{in[0].erf().mul(Tensor.of(w23))}, normal(2, 3));
        unary("erfc", in -> new Tensor[]{in[0].erfc().mul(Tensor.of(w23))}, normal(2, 3));
        unary("sin", in -> new Tensor[]{in[0].sin().mul(Tensor.of(w23))}, normal(2, 3));
        unary("cos", in -> new Tensor[]{in[0].cos().mul(Tensor.of(w23))}, normal(2, 3));
        unary("atan", in -> new Tensor[]{in[0].atan().mul(Tensor.of(w23))}, normal(2, 3));
        unary("lgamma", in -> new Tensor[]{in[0].lgamma().mul(Tensor.of(w23))}, positive(2, 3));
        unary("digamma", in -> new Tensor[]{in[0].digamma().mul(Tensor.of(w23))}, positive(2, 3));
        unary("clamp", in -> new Tensor[]{in[0].clamp(-0.5, 0.5).mul(Tensor.of(w23))}, normal(2, 3));
        binary("add broadcast", in -> new Tensor[]{in[0].add(in[1]).mul(Tensor.of(w23))}, normal(2, 1), normal(3));
        binary("sub broadcast", in -> new Tensor[]{in[0].sub(in[1]).mul(Tensor.of(w23))}, normal(2, 3), normal(1, 3));
        binary("mul broadcast", in -> new Tensor[]{in[0].mul(in[1]).mul(Tensor.of(w23))}, normal(2, 1), normal(1, 3));
        binary("div broadcast", in -> new Tensor[]{in[0].div(in[1]).mul(Tensor.of(w23))}, normal(2, 3), positive(3));
        binary("pow", in -> new Tensor[]{in[0].pow(in[1]).mul(Tensor.of(w23))}, positive(2, 3), normal(2, 3));
        binary("maximum", in -> new Tensor[]{in[0].maximum(in[1]).mul(Tensor.of(w23))}, normal(2, 3), normal(3));
        binary("minimum", in -> new Tensor[]{in[0].minimum(in[1]).mul(Tensor.of(w23))}, normal(2, 3), normal(2, 1));
        binary("where", in -> new Tensor[]{Tensor.where(in[0].gt(0.0), in[0].exp(), in[1].mul(3.0)).mul(Tensor.of(w23))},
                normal(2, 3), normal(2, 3));
        unary("where with NaN branch", in -> new Tensor[]{Tensor.where(in[0].gt(0.0), in[0].log(), in[0])},
                normal(2, 3));
        unary("sum dims", in -> new Tensor[]{in[0].sum(false, 1).mul(wt(2))}, normal(2, 3));
        unary("sum keepdims", in -> new Tensor[]{in[0].sum(true, 0).mul(wt(1, 3))}, normal(2, 3));
        unary("mean", in -> new Tensor[]{in[0].mean(false, 0).mul(wt(3))}, normal(2, 3));
        unary("max", in -> new Tensor[]{in[0].max(false, 1).mul(wt(2))}, normal(2, 3));
        unary("min", in -> new Tensor[]{in[0].min(true, 0).mul(wt(1, 3))}, normal(2, 3));
        unary("logSumExp", in -> new Tensor[]{in[0].logSumExp(1, false).mul(wt(2))}, normal(2, 3));
        unary("logSumExp dim0", in -> new Tensor[]{in[0].logSumExp(0, true).mul(wt(1, 3))}, normal(2, 3));
        unary("logSoftmax", in -> new Tensor[]{in[0].logSoftmax(-1).mul(Tensor.of(w23))}, normal(2, 3));
        unary("softmax", in -> new Tensor[]{in[0].softmax(0).mul(Tensor.of(w23))}, normal(2, 3));
        unary("cumsum", in -> new Tensor[]{in[0].cumsum(1).mul(Tensor.of(w23))}, normal(2, 3));
        binary("matmul", in -> new Tensor[]{in[0].matmul(in[1]).mul(wt(2, 4))}, normal(2, 3), normal(3, 4));
        binary("matmul batched broadcast", in -> new Tensor[]{in[0].matmul(in[1]).mul(wt(5, 2, 4))},
                normal(5, 2, 3), normal(3, 4));
        binary("matmul vector @ matrix", in -> new Tensor[]{in[0].matmul(in[1]).mul(wt(4))}, normal(3), normal(3, 4));
        binary("matmul batch @ vector", in -> new Tensor[]{in[0].matmul(in[1]).mul(wt(5, 2))}, normal(5, 2, 3), normal(3));
        unary("reshape", in -> new Tensor[]{in[0].reshape(3, 2).mul(wt(3, 2))}, normal(2, 3));
        unary("broadcastTo", in -> new Tensor[]{in[0].broadcastTo(4, 2, 3).mul(wt(4, 2, 3))}, normal(2, 1));
        unary("unsqueeze/squeeze", in -> new Tensor[]{in[0].unsqueeze(1).squeeze(1).mul(Tensor.of(w23))}, normal(2, 3));
        unary("permute", in -> new Tensor[]{in[0].permute(2, 0, 1).mul(wt(4, 2, 3))}, normal(2, 3, 4));
        unary("transpose", in -> new Tensor[]{in[0].transpose().mul(wt(3, 2))}, normal(2, 3));
        binary("concat", in -> new Tensor[]{Tensor.concat(1, in[0], in[1]).mul(wt(2, 5))}, normal(2, 3), normal(2, 2));
        binary("stack", in -> new Tensor[]{Tensor.stack(0, in[0], in[1]).mul(wt(2, 2, 3))}, normal(2, 3), normal(2, 3));
        unary("slice", in -> new Tensor[]{in[0].slice(1, 1, 3).mul(wt(2, 2))}, normal(2, 4));
        unary("slice leading size-1", in -> new Tensor[]{in[0].slice(0, 0, 1).mul(wt(1, 4))}, normal(2, 4));
        unary("select", in -> new Tensor[]{in[0].select(0, 1).mul(wt(4))}, normal(2, 4));
        unary("indexSelect", in -> new Tensor[]{in[0].indexSelect(1, Tensor.ofLongs(3, 0, 3)).mul(wt(2, 3))},
                normal(2, 4));
        unary("takeAlongLastDim", in -> new Tensor[]{in[0].takeAlongLastDim(Tensor.ofLongs(2, 0)).mul(wt(2))},
                normal(2, 4));
        unary("cholesky", in -> {
            Tensor a = in[0].matmul(in[0].transpose()).add(Tensor.eye(3).mul(3.0));
            return new Tensor[]{a.cholesky().mul(wt(3, 3))};
        }, normal(3, 3));
        binary("triangularSolve lower", in -> {
            Tensor l = in[0].tril().add(Tensor.eye(3).mul(3.0));
            return new Tensor[]{l.triangularSolve(in[1], true, false).mul(wt(3, 2))};
        }, normal(3, 3), normal(3, 2));
        binary("triangularSolve adjoint", in -> {
            Tensor l = in[0].tril().add(Tensor.eye(3).mul(3.0));
            return new Tensor[]{l.triangularSolve(in[1], true, true).mul(wt(3, 2))};
        }, normal(3, 3), normal(3, 2));
        unary("logDetFromCholesky", in -> {
            Tensor a = in[0].matmul(in[0].transpose()).add(Tensor.eye(3).mul(3.0));
            return new Tensor[]{a.cholesky().logDetFromCholesky()};
        }, normal(3, 3));
        unary("diagonal", in -> new Tensor[]{in[0].diagonal().mul(wt(3))}, normal(3, 3));
        return tests;
    }
}
