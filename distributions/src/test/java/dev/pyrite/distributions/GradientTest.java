package dev.pyrite.distributions;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.pyrite.tensor.GradientCheck;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TensorFunction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Log densities, reparameterised draws, distribution and quantile functions and transform log-Jacobians
 * traced and differentiated through {@code CompiledFunction}: the compiled value equals eager evaluation
 * and the gradient equals a float64 central finite difference ({@link GradientCheck}).
 */
class GradientTest {
    private static INDArray arr(double... v) {
        return Nd4j.createFromArray(v).castTo(DataType.DOUBLE);
    }

    private static INDArray arr(double[][] v) {
        return Nd4j.createFromArray(v).castTo(DataType.DOUBLE);
    }

    private static Tensor[] out(Tensor t) {
        return new Tensor[]{t};
    }

    private final List<DynamicTest> tests = new ArrayList<>();

    private void check(String name, TensorFunction f, int[] wrt, INDArray... inputs) {
        tests.add(dynamicTest(name, () -> GradientCheck.check(name, f, 1e-6, wrt, inputs)));
    }

    @TestFactory
    List<DynamicTest> differentiableThroughCompiledFunction() {
        INDArray x3 = arr(-0.3, 0.8, 2.1);
        INDArray pos3 = arr(0.4, 1.3, 2.2);
        check("Normal logProb", in -> out(Normal.of(in[0], in[1]).logProb(in[2])), new int[]{0, 1, 2},
                arr(0.1, -0.5, 1.0), pos3, x3);
        check("Gamma logProb (lgamma, digamma)", in -> out(Gamma.of(in[0], in[1]).logProb(in[2])), new int[]{0, 1, 2},
                arr(0.7, 2.0, 5.5), pos3, arr(0.3, 1.1, 4.0));
        check("Beta logProb", in -> out(Beta.of(in[0], in[1]).logProb(in[2])), new int[]{0, 1, 2},
                pos3, arr(2.0, 0.6, 1.5), arr(0.2, 0.5, 0.9));
        check("StudentT logProb", in -> out(StudentT.of(in[0], in[1], in[2]).logProb(Tensor.of(x3))), new int[]{0, 1, 2},
                arr(1.5, 4.0, 30.0), arr(0.0, 0.5, -1.0), pos3);
        check("VonMises logProb (Bessel series and expansion)", in -> out(VonMises.of(in[0], in[1]).logProb(Tensor.of(x3))),
                new int[]{0, 1}, arr(0.2, -1.0, 3.0), arr(0.5, 12.0, 35.0));
        check("TruncatedNormal logProb", in -> out(TruncatedNormal.of(in[0], in[1], Tensor.of(-1.0, 0.5, 2.0),
                Tensor.of(1.0, 3.0, 6.0)).logProb(Tensor.of(0.2, 1.0, 2.5))), new int[]{0, 1}, arr(0.0, -1.0, 0.5), pos3);
        check("Binomial logProb by logits", in -> out(Binomial.ofLogits(Tensor.of(10.0, 3.0, 50.0), in[0])
                .logProb(Tensor.of(4.0, 0.0, 20.0))), new int[]{0}, arr(-1.0, 0.3, 2.0));
        check("NegativeBinomial logProb", in -> out(NegativeBinomial.ofLogits(in[0], in[1]).logProb(Tensor.of(0.0, 3.0, 12.0))),
                new int[]{0, 1}, pos3, arr(-0.5, 0.2, 1.0));
        check("BetaBinomial logProb", in -> out(BetaBinomial.of(in[0], in[1], Tensor.scalar(12.0)).logProb(Tensor.of(0.0, 5.0, 12.0))),
                new int[]{0, 1}, pos3, arr(1.0, 3.0, 0.5));
        check("Dirichlet logProb", in -> out(Dirichlet.of(in[0]).logProb(in[1].softmax(-1))), new int[]{0, 1},
                arr(new double[][]{{0.5, 1.5, 3.0}, {2.0, 2.0, 0.8}}), arr(new double[][]{{0.1, -0.4, 0.3}, {1.0, 0.0, -1.0}}));
        check("MultivariateNormal logProb by covariance (cholesky, triangular solve)", in -> {
            Tensor cov = in[1].matmul(in[1].transpose()).add(Tensor.eye(3));
            return out(MultivariateNormal.ofCovariance(in[0], cov).logProb(in[2]));
        }, new int[]{0, 1, 2}, arr(0.1, -0.2, 0.3), arr(new double[][]{{1, 0.2, -0.3}, {0.4, 0.8, 0.1}, {-0.5, 0.3, 1.2}}),
                arr(new double[][]{{0.5, 0.1, -1.0}, {1.5, -0.7, 0.2}}));
        check("MultivariateNormal logProb by precision", in -> {
            Tensor prec = in[0].matmul(in[0].transpose()).add(Tensor.eye(3));
            return out(MultivariateNormal.ofPrecision(Tensor.zeros(3), prec).logProb(Tensor.of(0.3, -0.2, 1.0)));
        }, new int[]{0}, arr(new double[][]{{1, 0.2, -0.3}, {0.4, 0.8, 0.1}, {-0.5, 0.3, 1.2}}));
        check("LowRankMultivariateNormal logProb", in -> out(LowRankMultivariateNormal.of(Tensor.zeros(3), in[0], in[1])
                        .logProb(Tensor.of(0.3, -0.2, 1.0))), new int[]{0, 1},
                arr(new double[][]{{1, 0.2}, {0.4, 0.8}, {-0.5, 0.3}}), pos3);
        check("LKJCholesky logProb through CorrCholeskyTransform", in -> {
            Transform t = CorrCholeskyTransform.of();
            Tensor l = t.forward(in[1]);
            return out(LKJCholesky.of(3, in[0]).logProb(l).add(t.logAbsDetJacobian(in[1], l)));
        }, new int[]{0, 1}, arr(1.7), arr(0.3, -0.8, 1.1));
        check("MixtureSameFamily logProb", in -> out(MixtureSameFamily.of(Categorical.ofLogits(in[0]),
                Normal.of(in[1], Tensor.of(0.5, 2.0))).logProb(Tensor.of(-0.3, 0.8, 2.1))),
                new int[]{0, 1}, arr(0.3, -0.2), arr(-1.0, 1.5));
        check("Normal cdf and icdf", in -> out(Normal.of(in[0], in[1]).cdf(Tensor.of(x3))
                .add(Normal.of(in[0], in[1]).icdf(Tensor.of(0.01, 0.5, 0.97)))), new int[]{0, 1}, arr(0.1, -0.5, 1.0), pos3);
        check("Cauchy cdf and icdf (atan, sin, cos)", in -> out(Cauchy.of(in[0], in[1]).cdf(Tensor.of(x3))
                .add(Cauchy.of(in[0], in[1]).icdf(Tensor.of(0.1, 0.5, 0.8)))), new int[]{0, 1}, arr(0.1, -0.5, 1.0), pos3);
        check("rsample of Normal, LogNormal, Laplace, Gumbel, Weibull, Pareto", in -> {
            RandomStream s = RandomStream.of(5);
            Tensor sum = Normal.of(in[0], in[1]).rsample(s, 2).sum()
                    .add(LogNormal.of(in[0], in[1]).rsample(s, 2).sum())
                    .add(Laplace.of(in[0], in[1]).rsample(s, 2).sum())
                    .add(Gumbel.of(in[0], in[1]).rsample(s, 2).sum())
                    .add(Weibull.of(in[1], in[1].add(1.0)).rsample(s, 2).sum())
                    .add(Pareto.of(in[1], in[1].add(2.0)).rsample(s, 2).sum());
            return out(sum);
        }, new int[]{0, 1}, arr(0.1, -0.5, 1.0), pos3);
        check("rsample of MultivariateNormal and TruncatedNormal", in -> {
            RandomStream s = RandomStream.of(6);
            Tensor cov = in[1].matmul(in[1].transpose()).add(Tensor.eye(3));
            Tensor mvn = MultivariateNormal.ofCovariance(in[0], cov).rsample(s, 4).square().sum();
            Tensor tn = TruncatedNormal.of(in[0], in[0].square().add(0.5), Tensor.scalar(-1.0), Tensor.scalar(2.0))
                    .rsample(s, 4).sum();
            return out(mvn.add(tn));
        }, new int[]{0, 1}, arr(0.1, -0.2, 0.3), arr(new double[][]{{1, 0.2, -0.3}, {0.4, 0.8, 0.1}, {-0.5, 0.3, 1.2}}));
        check("StickBreaking, Ordered, LowerCholesky, Softplus, Sigmoid log-Jacobians", in -> {
            Tensor x = in[0];
            Tensor sum = StickBreakingTransform.of().logAbsDetJacobian(x, StickBreakingTransform.of().forward(x)).sum()
                    .add(StickBreakingTransform.of().forward(x).log().sum())
                    .add(OrderedTransform.of().forward(x).sum())
                    .add(OrderedTransform.of().logAbsDetJacobian(x, OrderedTransform.of().forward(x)).sum())
                    .add(SoftplusTransform.of().logAbsDetJacobian(x, x.softplus()).sum())
                    .add(SigmoidTransform.of().logAbsDetJacobian(x, x.sigmoid()).sum());
            Tensor l = LowerCholeskyTransform.of().forward(x.slice(-1, 0, 3));
            return out(sum.add(l.sum()).add(LowerCholeskyTransform.of().logAbsDetJacobian(x.slice(-1, 0, 3), l).sum()));
        }, new int[]{0}, arr(0.3, -0.8, 1.1, 0.2));
        check("positive-definite bijection and its log-Jacobian", in -> {
            Transform t = Transforms.bijectTo(Constraints.POSITIVE_DEFINITE);
            Tensor a = t.forward(in[0]);
            return out(a.sum().add(t.logAbsDetJacobian(in[0], a)));
        }, new int[]{0}, arr(0.3, -0.8, 1.1, 0.2, -0.4, 0.6));
        return tests;
    }
}
