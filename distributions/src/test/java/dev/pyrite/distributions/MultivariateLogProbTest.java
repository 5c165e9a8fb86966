package dev.pyrite.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.numbers.combinatorics.LogFactorial;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Multivariate, circular and composite families against closed forms computed independently here:
 * explicit inverses and determinants (Commons Math), log-gamma sums (Commons Numbers), numerical
 * integration, and Commons Statistics for the components of mixtures and transformed distributions.
 */
class MultivariateLogProbTest {
    private static final double TOL = 1e-10;
    private final Random random = new Random(7);

    private double[][] randomSpd(int d) {
        double[][] b = new double[d][d];
        for (double[] row : b) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextGaussian();
            }
        }
        RealMatrix m = MatrixUtils.createRealMatrix(b);
        return m.multiply(m.transpose()).add(MatrixUtils.createRealIdentityMatrix(d).scalarMultiply(0.5)).getData();
    }

    private double[] normals(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    private static Tensor tensor(double[] flat, long... shape) {
        return Tensor.of(Nd4j.create(flat, shape, DataType.DOUBLE));
    }

    private static double mvnLogDensity(double[] x, double[] mu, double[][] cov) {
        RealMatrix s = MatrixUtils.createRealMatrix(cov);
        LUDecomposition lu = new LUDecomposition(s);
        RealVector diff = MatrixUtils.createRealVector(x).subtract(MatrixUtils.createRealVector(mu));
        double maha = diff.dotProduct(lu.getSolver().getInverse().operate(diff));
        return -0.5 * maha - 0.5 * Math.log(lu.getDeterminant()) - 0.5 * x.length * Math.log(2 * Math.PI);
    }

    @Test
    void multivariateNormalByCovariancePrecisionAndScaleTril() {
        int d = 3;
        int batch = 4;
        int samples = 5;
        double[][][] cov = new double[batch][][];
        double[] covFlat = new double[batch * d * d];
        double[] precFlat = new double[batch * d * d];
        double[] trilFlat = new double[batch * d * d];
        for (int b = 0; b < batch; b++) {
            cov[b] = randomSpd(d);
            RealMatrix c = MatrixUtils.createRealMatrix(cov[b]);
            double[][] prec = new LUDecomposition(c).getSolver().getInverse().getData();
            double[][] tril = new CholeskyDecomposition(c).getL().getData();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    covFlat[(b * d + i) * d + j] = cov[b][i][j];
                    precFlat[(b * d + i) * d + j] = prec[i][j];
                    trilFlat[(b * d + i) * d + j] = tril[i][j];
                }
            }
        }
        double[] loc = normals(batch * d);
        double[] x = normals(samples * batch * d);
        Tensor locT = tensor(loc, batch, d);
        Tensor xT = tensor(x, samples, batch, d);
        List<Distribution> forms = List.of(
                MultivariateNormal.ofCovariance(locT, tensor(covFlat, batch, d, d)),
                MultivariateNormal.ofPrecision(locT, tensor(precFlat, batch, d, d)),
                MultivariateNormal.ofScaleTril(locT, tensor(trilFlat, batch, d, d)));
        for (Distribution mvn : forms) {
            assertArrayEquals(new long[]{batch}, mvn.batchShape());
            assertArrayEquals(new long[]{d}, mvn.eventShape());
            double[] lp = mvn.logProb(xT).toDoubleArray();
            assertEquals(samples * batch, lp.length);
            for (int s = 0; s < samples; s++) {
                for (int b = 0; b < batch; b++) {
                    double[] xs = java.util.Arrays.copyOfRange(x, (s * batch + b) * d, (s * batch + b + 1) * d);
                    double[] mu = java.util.Arrays.copyOfRange(loc, b * d, (b + 1) * d);
                    Assertions2.close(mvnLogDensity(xs, mu, cov[b]), lp[s * batch + b], TOL, "MVN " + s + "," + b);
                }
            }
        }
        // one covariance shared by a batch of locations
        Distribution shared = MultivariateNormal.ofCovariance(locT, tensor(java.util.Arrays.copyOf(covFlat, d * d), d, d));
        double[] lp = shared.logProb(xT).toDoubleArray();
        for (int b = 0; b < batch; b++) {
            double[] xs = java.util.Arrays.copyOfRange(x, b * d, (b + 1) * d);
            double[] mu = java.util.Arrays.copyOfRange(loc, b * d, (b + 1) * d);
            Assertions2.close(mvnLogDensity(xs, mu, cov[0]), lp[b], TOL, "MVN shared covariance " + b);
        }
    }

    @Test
    void lowRankMultivariateNormal() {
        int d = 4;
        int r = 2;
        int batch = 3;
        double[] w = normals(batch * d * r);
        double[] diag = new double[batch * d];
        for (int i = 0; i < diag.length; i++) {
            diag[i] = 0.2 + random.nextDouble();
        }
        double[] loc = normals(batch * d);
        double[] x = normals(2 * batch * d);
        Distribution dist = LowRankMultivariateNormal.of(tensor(loc, batch, d), tensor(w, batch, d, r), tensor(diag, batch, d));
        double[] lp = dist.logProb(tensor(x, 2, batch, d)).toDoubleArray();
        for (int s = 0; s < 2; s++) {
            for (int b = 0; b < batch; b++) {
                double[][] cov = new double[d][d];
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        double sum = i == j ? diag[b * d + i] : 0;
                        for (int k = 0; k < r; k++) {
                            sum += w[(b * d + i) * r + k] * w[(b * d + j) * r + k];
                        }
                        cov[i][j] = sum;
                    }
                }
                double[] xs = java.util.Arrays.copyOfRange(x, (s * batch + b) * d, (s * batch + b + 1) * d);
                double[] mu = java.util.Arrays.copyOfRange(loc, b * d, (b + 1) * d);
                Assertions2.close(mvnLogDensity(xs, mu, cov), lp[s * batch + b], TOL, "low-rank MVN " + s + "," + b);
            }
        }
    }

    private double[] randomSimplex(int k) {
        double[] p = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            p[i] = -Math.log(random.nextDouble());
            sum += p[i];
        }
        for (int i = 0; i < k; i++) {
            p[i] /= sum;
        }
        return p;
    }

    @Test
    void dirichlet() {
        int k = 4;
        int batch = 50;
        double[] alpha = new double[batch * k];
        double[] x = new double[batch * k];
        for (int b = 0; b < batch; b++) {
            double[] p = randomSimplex(k);
            for (int i = 0; i < k; i++) {
                alpha[b * k + i] = Math.exp(-2 + 5 * random.nextDouble());
                x[b * k + i] = p[i];
            }
        }
        double[] lp = Dirichlet.of(tensor(alpha, batch, k)).logProb(tensor(x, batch, k)).toDoubleArray();
        for (int b = 0; b < batch; b++) {
            double a0 = 0;
            double expected = 0;
            for (int i = 0; i < k; i++) {
                double a = alpha[b * k + i];
                a0 += a;
                expected += (a - 1) * Math.log(x[b * k + i]) - LogGamma.value(a);
            }
            expected += LogGamma.value(a0);
            Assertions2.close(expected, lp[b], TOL, "Dirichlet " + b);
        }
    }

    @Test
    void multinomialCategoricalAndOneHot() {
        int k = 5;
        int batch = 30;
        long n = 17;
        double[] probs = new double[batch * k];
        double[] counts = new double[batch * k];
        double[] index = new double[batch];
        double[] oneHot = new double[batch * k];
        for (int b = 0; b < batch; b++) {
            double[] p = randomSimplex(k);
            System.arraycopy(p, 0, probs, b * k, k);
            long left = n;
            for (int i = 0; i < k - 1; i++) {
                long c = random.nextInt((int) left + 1);
                counts[b * k + i] = c;
                left -= c;
            }
            counts[b * k + k - 1] = left;
            index[b] = random.nextInt(k);
            oneHot[b * k + (int) index[b]] = 1;
        }
        Tensor p = tensor(probs, batch, k);
        double[] multi = Multinomial.ofProbs(n, p).logProb(tensor(counts, batch, k)).toDoubleArray();
        double[] cat = Categorical.ofProbs(p).logProb(Tensor.of(index)).toDoubleArray();
        double[] hot = OneHotCategorical.ofProbs(p).logProb(tensor(oneHot, batch, k)).toDoubleArray();
        double[] catLogits = Categorical.ofLogits(p.log().add(3.0)).logProb(Tensor.of(index)).toDoubleArray();
        for (int b = 0; b < batch; b++) {
            double expected = LogFactorial.create().value((int) n);
            for (int i = 0; i < k; i++) {
                double c = counts[b * k + i];
                expected += c * Math.log(probs[b * k + i]) - LogFactorial.create().value((int) c);
            }
            Assertions2.close(expected, multi[b], TOL, "Multinomial " + b);
            double lpk = Math.log(probs[b * k + (int) index[b]]);
            Assertions2.close(lpk, cat[b], TOL, "Categorical " + b);
            Assertions2.close(lpk, hot[b], TOL, "OneHotCategorical " + b);
            Assertions2.close(lpk, catLogits[b], TOL, "Categorical by logits " + b);
        }
    }

    private static Tensor corrCholesky2(double r) {
        return Tensor.of(new double[][]{{1, 0}, {r, Math.sqrt(1 - r * r)}});
    }

    @Test
    void lkjCholeskyInTwoDimensionsIsAShiftedBeta() {
        for (double eta : new double[]{0.5, 1.0, 2.5, 7.0}) {
            for (double r : new double[]{-0.9, -0.3, 0.0, 0.45, 0.8}) {
                double lp = LKJCholesky.of(2, eta).logProb(corrCholesky2(r)).item();
                // (1 + r)/2 ~ Beta(eta, eta) when d = 2; the density of L is that of r = L_21
                double expected = BetaDistribution.of(eta, eta).logDensity((1 + r) / 2) - Math.log(2);
                Assertions2.close(expected, lp, TOL, "LKJ d=2 eta=" + eta + " r=" + r);
            }
        }
    }

    @Test
    void lkjCholeskyInThreeDimensionsIntegratesToOne() {
        // Free entries x = L_21 in (-1, 1) and (u, v) = (L_31, L_32) in the unit disk. Substituting
        // x = sin(a) and (u, v) = sin(b) (cos c, sin c) makes the integrand smooth for Gauss-Legendre.
        GaussIntegratorFactory factory = new GaussIntegratorFactory();
        int n = 40;
        GaussIntegrator ga = factory.legendre(n, -Math.PI / 2, Math.PI / 2);
        GaussIntegrator gb = factory.legendre(n, 0, Math.PI / 2);
        GaussIntegrator gc = factory.legendre(n, 0, 2 * Math.PI);
        for (double eta : new double[]{1.0, 2.0, 3.5}) {
            double[][] l = new double[n * n * n][];
            double[] weight = new double[n * n * n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                double x = Math.sin(ga.getPoint(i));
                for (int j = 0; j < n; j++) {
                    double rho = Math.sin(gb.getPoint(j));
                    for (int k = 0; k < n; k++) {
                        double u = rho * Math.cos(gc.getPoint(k));
                        double v = rho * Math.sin(gc.getPoint(k));
                        l[m] = new double[]{1, 0, 0, x, Math.sqrt(1 - x * x), 0, u, v, Math.sqrt(Math.max(0, 1 - u * u - v * v))};
                        weight[m] = ga.getWeight(i) * Math.cos(ga.getPoint(i))
                                * gb.getWeight(j) * rho * Math.cos(gb.getPoint(j)) * gc.getWeight(k);
                        m++;
                    }
                }
            }
            double[] flat = new double[m * 9];
            for (int i = 0; i < m; i++) {
                System.arraycopy(l[i], 0, flat, i * 9, 9);
            }
            boolean validation = Validation.enabled();
            Validation.setEnabled(false);   // quadrature nodes reach the boundary of the disk
            double[] lp;
            try {
                lp = LKJCholesky.of(3, eta).logProb(tensor(flat, m, 3, 3)).toDoubleArray();
            } finally {
                Validation.setEnabled(validation);
            }
            double integral = 0;
            for (int i = 0; i < m; i++) {
                integral += weight[i] * Math.exp(lp[i]);
            }
            assertEquals(1.0, integral, 1e-9, "LKJ d=3 eta=" + eta + " total mass");
        }
    }

    /** I0(k) by the trapezoidal rule on (1/pi) int_0^pi exp(k cos t) dt, exact to round-off for a periodic integrand. */
    static double logBesselI0(double k) {
        int n = 2000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(k * (Math.cos(2 * Math.PI * i / n) - 1));
        }
        return k + Math.log(sum / n);
    }

    @Test
    void vonMisesAgainstNumericalNormaliser() {
        int n = 200;
        double[] loc = new double[n];
        double[] kappa = new double[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            loc[i] = -3 + 6 * random.nextDouble();
            kappa[i] = Math.exp(Math.log(0.01) + Math.log(1e4) * random.nextDouble());
            x[i] = -4 + 8 * random.nextDouble();
        }
        kappa[0] = 20.0;
        kappa[1] = 19.999;
        kappa[2] = 20.001;
        double[] lp = VonMises.of(Tensor.of(loc), Tensor.of(kappa)).logProb(Tensor.of(x)).toDoubleArray();
        for (int i = 0; i < n; i++) {
            double expected = kappa[i] * Math.cos(x[i] - loc[i]) - Math.log(2 * Math.PI) - logBesselI0(kappa[i]);
            Assertions2.close(expected, lp[i], TOL, "VonMises kappa=" + kappa[i]);
        }
    }

    @Test
    void deltaIsAPointMass() {
        Distribution d = Delta.of(Tensor.of(new double[][]{{1, 2}, {3, 4}}), Tensor.of(0.5, -1.0), 1);
        assertArrayEquals(new long[]{2}, d.batchShape());
        assertArrayEquals(new long[]{2}, d.eventShape());
        double[] lp = d.logProb(Tensor.of(new double[][]{{1, 2}, {3, 5}})).toDoubleArray();
        assertEquals(0.5, lp[0]);
        assertEquals(Double.NEGATIVE_INFINITY, lp[1]);
    }

    @Test
    void mixturesAgainstExplicitSums() {
        double[] w = {0.3, 0.7};
        double[] mu = {-1.0, 2.0};
        double[] sd = {0.5, 1.5};
        Distribution same = MixtureSameFamily.of(Categorical.ofProbs(Tensor.of(w)), Normal.of(Tensor.of(mu), Tensor.of(sd)));
        Distribution list = Mixture.of(Categorical.ofProbs(Tensor.of(w)),
                List.of(Normal.of(mu[0], sd[0]), StudentT.of(4.0, mu[1], sd[1])));
        double[] x = {-3, -1, 0.2, 1.7, 5};
        double[] a = same.logProb(Tensor.of(x)).toDoubleArray();
        double[] b = list.logProb(Tensor.of(x)).toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            double p1 = NormalDistribution.of(mu[0], sd[0]).density(x[i]);
            double p2 = NormalDistribution.of(mu[1], sd[1]).density(x[i]);
            double t2 = TDistribution.of(4.0).density((x[i] - mu[1]) / sd[1]) / sd[1];
            Assertions2.close(Math.log(w[0] * p1 + w[1] * p2), a[i], TOL, "MixtureSameFamily at " + x[i]);
            Assertions2.close(Math.log(w[0] * p1 + w[1] * t2), b[i], TOL, "Mixture at " + x[i]);
        }
        // mixture of multivariate normals: the component dimension sits left of the event
        Tensor locs = Tensor.of(new double[][]{{0, 0}, {1, 1}});
        Tensor scales = Tensor.eye(2).unsqueeze(0).mul(Tensor.of(1.0, 2.0).reshape(2, 1, 1));
        Distribution mvnMix = MixtureSameFamily.of(Categorical.ofProbs(Tensor.of(w)), MultivariateNormal.ofScaleTril(locs, scales));
        assertArrayEquals(new long[0], mvnMix.batchShape());
        assertArrayEquals(new long[]{2}, mvnMix.eventShape());
        double lp = mvnMix.logProb(Tensor.of(0.5, -0.5)).item();
        double q1 = Math.exp(mvnLogDensity(new double[]{0.5, -0.5}, new double[]{0, 0}, new double[][]{{1, 0}, {0, 1}}));
        double q2 = Math.exp(mvnLogDensity(new double[]{0.5, -0.5}, new double[]{1, 1}, new double[][]{{4, 0}, {0, 4}}));
        Assertions2.close(Math.log(w[0] * q1 + w[1] * q2), lp, TOL, "mixture of MVNs");
    }

    @Test
    void transformedDistributionsByChangeOfVariables() {
        double[] x = {0.1, 0.7, 2.5, 9.0};
        double[] lp = TransformedDistribution.of(Normal.of(0.3, 0.8), ExpTransform.of()).logProb(Tensor.of(x)).toDoubleArray();
        double[] affine = TransformedDistribution.of(Normal.of(0.0, 1.0), AffineTransform.of(2.0, 3.0))
                .logProb(Tensor.of(x)).toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            Assertions2.close(LogNormalDistribution.of(0.3, 0.8).logDensity(x[i]), lp[i], TOL, "exp of normal");
            Assertions2.close(NormalDistribution.of(2.0, 3.0).logDensity(x[i]), affine[i], TOL, "affine normal");
        }
        // stick breaking of one standard normal: y = (sigmoid(x), 1 - sigmoid(x)), the logistic-normal
        Distribution ln = TransformedDistribution.of(Normal.of(Tensor.zeros(1), Tensor.ones(1)), StickBreakingTransform.of());
        assertArrayEquals(new long[0], ln.batchShape());
        assertArrayEquals(new long[]{2}, ln.eventShape());
        for (double y : new double[]{0.05, 0.4, 0.93}) {
            double expected = NormalDistribution.of(0, 1).logDensity(Math.log(y / (1 - y))) - Math.log(y * (1 - y));
            Assertions2.close(expected, ln.logProb(Tensor.of(y, 1 - y)).item(), TOL, "logistic-normal at " + y);
        }
    }

    @Test
    void maskZeroesMaskedLogDensities() {
        Distribution d = Normal.of(Tensor.zeros(3), Tensor.ones(3)).mask(Tensor.of(1.0, 0.0, 1.0).gt(0.5));
        double[] lp = d.logProb(Tensor.of(0.5, 100.0, -1.0)).toDoubleArray();
        Assertions2.close(NormalDistribution.of(0, 1).logDensity(0.5), lp[0], TOL, "kept");
        assertEquals(0.0, lp[1]);
        Assertions2.close(NormalDistribution.of(0, 1).logDensity(-1.0), lp[2], TOL, "kept");
        Distribution off = Masked.of(Normal.of(0.0, 1.0), false);
        assertEquals(0.0, off.logProb(Tensor.scalar(3.0)).item());
    }

    @Test
    void independentSumsTheReinterpretedDimensions() {
        Distribution d = Normal.of(Tensor.zeros(2, 3), Tensor.ones(2, 3)).toEvent(1);
        assertArrayEquals(new long[]{2}, d.batchShape());
        assertArrayEquals(new long[]{3}, d.eventShape());
        double[] lp = d.logProb(Tensor.zeros(2, 3)).toDoubleArray();
        Assertions2.close(3 * NormalDistribution.of(0, 1).logDensity(0), lp[0], TOL, "Independent");
    }
}
