package dev.pyrite.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.Posterior;
import dev.pyrite.inference.diagnostics.SummaryRow;
import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.svi.Adam;
import dev.pyrite.inference.svi.AutoMultivariateNormal;
import dev.pyrite.inference.svi.SVI;
import dev.pyrite.inference.svi.TraceELBO;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A network that is one linear layer, with Normal(0, TAU) priors on its weight and bias and a Gaussian
 * likelihood of known noise, is Bayesian linear regression: the posterior of (w1, w2, b) is normal with
 * precision {@code I / TAU^2 + A^T A / SIGMA^2} ({@code A = [x, 1]}) and mean {@code Sigma A^T y / SIGMA^2}.
 */
@Tag(TestSeeds.TAG)
class BayesianLinearRegressionTest {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BayesianLinearRegressionTest.class);
    static final double TAU = 1.0;
    static final double SIGMA = 0.5;
    static final int N = 20;
    static final Tensor X;
    static final Tensor Y;

    static {
        RandomStream s = RandomStream.of(17);     // fixed data; the seeds below are the inference's
        X = Tensor.of(s.normal(N, 2));
        Tensor noise = Tensor.of(s.normal(N)).mul(SIGMA);
        Y = X.matmul(Tensor.of(0.8, -0.6)).add(0.3).add(noise);
    }

    static final int WARMUP = 1000;

    static final Dense LAYER = Dense.of("lin", Tensor.zeros(2, 1), Tensor.zeros(1), Activation.IDENTITY);

    static void model(Tensor... args) {
        Tensor f = LAYER.forward(X, WeightSites.normalPrior(TAU)).squeeze(-1);     // [..., N]
        try (Plate data = Pyrite.plate("data", N)) {
            Pyrite.sample("y", Normal.of(f, Tensor.scalar(SIGMA)), Y);
        }
    }

    /** [mean (3), covariance (3 x 3)] of (w1, w2, b), by the closed form. */
    static RealMatrix[] closedForm() {
        double[][] a = new double[N][3];
        double[] x = X.toDoubleArray();
        for (int n = 0; n < N; n++) {
            a[n] = new double[]{x[2 * n], x[2 * n + 1], 1};
        }
        RealMatrix design = new Array2DRowRealMatrix(a);
        RealMatrix precision = design.transpose().multiply(design).scalarMultiply(1 / (SIGMA * SIGMA))
                .add(org.apache.commons.math3.linear.MatrixUtils.createRealIdentityMatrix(3).scalarMultiply(1 / (TAU * TAU)));
        RealMatrix cov = new LUDecomposition(precision).getSolver().getInverse();
        RealMatrix y = new Array2DRowRealMatrix(Y.toDoubleArray());
        RealMatrix mean = cov.multiply(design.transpose().multiply(y)).scalarMultiply(1 / (SIGMA * SIGMA));
        return new RealMatrix[]{mean, cov};
    }

    @Test
    void nutsRecoversTheClosedFormPosteriorWithinFourMcse() {
        ModelPotential u = ModelPotential.of(() -> model());
        Posterior post = Posterior.of(u, MCMC.nuts(u).chains(4).warmup(400).samples(1000).seed(TestSeeds.seed(101)).run());
        List<SummaryRow> rows = post.summary().rows();
        RealMatrix[] exact = closedForm();
        assertEquals(3, rows.size(), "rows " + rows);
        for (int i = 0; i < 3; i++) {
            SummaryRow r = rows.get(i);
            double sd = Math.sqrt(exact[1].getEntry(i, i));
            assertEquals(exact[0].getEntry(i, 0), r.mean(), 4 * r.mcseMean(), r.variable() + " mean");
            // the sd of a sd estimate from ESS draws is about sd / sqrt(2 ESS)
            assertEquals(sd, r.sd(), 4 * sd / Math.sqrt(2 * r.essBulk()), r.variable() + " sd");
        }
    }

    @Test
    void sviWithAFullCovarianceGuideRecoversTheClosedFormWithinTwoPercent() {
        ParamStore.global().clear();
        AutoMultivariateNormal guide = AutoMultivariateNormal.of(BayesianLinearRegressionTest::model);
        SVI svi = new SVI(BayesianLinearRegressionTest::model, guide,
                Adam.of(t -> t < WARMUP ? 0.05 * Math.pow(0.1, (double) t / WARMUP) : 0.005, 0.9, 0.99), TraceELBO.of(64))
                .seed(TestSeeds.seed(102));
        svi.run(WARMUP);
        int tail = 600;
        double[] mean = new double[3];
        double[][] cov = new double[3][3];
        for (int t = 0; t < tail; t++) {     // Polyak-Ruppert average of the iterates at a constant rate
            svi.step();
            Tensor loc = Tensor.concat(0, guide.median().get("lin.weight").reshape(2), guide.median().get("lin.bias").reshape(1));
            double[] m = loc.toDoubleArray();
            double[] c = guide.covariance().toDoubleArray();
            for (int i = 0; i < 3; i++) {
                mean[i] += m[i] / tail;
                for (int j = 0; j < 3; j++) {
                    cov[i][j] += c[3 * i + j] / tail;
                }
            }
        }
        RealMatrix[] exact = closedForm();
        for (int i = 0; i < 3; i++) {
            double sd = Math.sqrt(exact[1].getEntry(i, i));
            assertEquals(exact[0].getEntry(i, 0), mean[i], 0.02 * sd, "mean of coefficient " + i + " (2% of its sd)");
            LOG.info("SVI coefficient {}: mean error {} sd, sd error {}", i, (mean[i] - exact[0].getEntry(i, 0)) / sd,
                    Math.sqrt(cov[i][i]) / sd - 1);
            assertEquals(sd, Math.sqrt(cov[i][i]), 0.02 * sd, "sd of coefficient " + i + " (2%)");
            for (int j = 0; j < i; j++) {
                double rho = exact[1].getEntry(i, j) / (sd * Math.sqrt(exact[1].getEntry(j, j)));
                assertEquals(rho, cov[i][j] / Math.sqrt(cov[i][i] * cov[j][j]), 0.02, "correlation " + i + "," + j);
            }
        }
    }
}
