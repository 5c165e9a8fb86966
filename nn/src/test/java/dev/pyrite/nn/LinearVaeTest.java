package dev.pyrite.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.inference.svi.Adam;
import dev.pyrite.inference.svi.SVI;
import dev.pyrite.inference.svi.TraceMeanFieldELBO;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A VAE with a linear Gaussian decoder {@code x ~ N(z W + b, sigma^2 I)}, {@code z ~ N(0, I_K)} and a
 * linear encoder is probabilistic PCA, whose maximum-likelihood fit has a closed form (Tipping and
 * Bishop 1999): with the sample covariance's eigenvalues {@code l_1 >= ... >= l_D},
 * {@code sigma^2 = mean(l_{K+1..D})} and the log-likelihood
 * {@code -N/2 (D log 2 pi + sum_{j<=K} log l_j + (D-K) log sigma^2 + D)}. The encoder can represent the
 * exact posterior, so at the ELBO's optimum the decoder is an ML solution; the test computes the exact
 * marginal log-likelihood of the fitted decoder ({@code x ~ N(b, W^T W + sigma^2 I)}) and requires it
 * within 0.01 nats per data point of the ML value (which bounds it from above).
 */
@Tag(TestSeeds.TAG)
class LinearVaeTest {
    static final int N = 200;
    static final int D = 5;
    static final int K = 2;

    @Test
    void linearGaussianVaeReachesThePpcaMaximumLikelihood() {
        RandomStream data = RandomStream.of(29);                 // fixed data; the seed below is the fit's
        Tensor wTrue = Tensor.of(data.normal(K, D)).mul(1.5);
        Tensor x = Tensor.of(data.normal(N, K)).matmul(wTrue).add(Tensor.of(data.normal(N, D)).mul(0.5)).add(1.0);
        RandomStream init = RandomStream.of(TestSeeds.seed(301));
        Dense decoder = Dense.glorot("dec", K, D, Activation.IDENTITY, init);
        Dense encoderMean = Dense.glorot("enc", D, K, Activation.IDENTITY, init);
        WeightSites params = WeightSites.params();
        SVI svi = new SVI(args -> {
            Tensor logSigma = Pyrite.param("log_sigma", Tensor.scalar(0.0));
            try (Plate p = Pyrite.plate("data", N)) {
                Tensor z = Pyrite.sample("z", Normal.of(Tensor.zeros(K), Tensor.ones(K)).toEvent(1));
                Pyrite.sample("x", Normal.of(decoder.forward(z, params), logSigma.exp()).toEvent(1), args[0]);
            }
        }, args -> {
            Tensor logScale = Pyrite.param("enc.log_scale", Tensor.full(-1.0, K));
            try (Plate p = Pyrite.plate("data", N)) {
                Pyrite.sample("z", Normal.of(encoderMean.forward(args[0], params), logScale.exp()).toEvent(1));
            }
        }, Adam.of(t -> t < 1500 ? 0.03 : 0.005, 0.9, 0.999), TraceMeanFieldELBO.of(4)).seed(TestSeeds.seed(302));
        svi.run(2000, x);

        double fitted = logLikelihood(x, svi.store().get("dec.weight"), svi.store().get("dec.bias"),
                Math.exp(2 * svi.store().get("log_sigma").item()));
        double ml = ppcaMaximumLogLikelihood(x);
        assertEquals(ml, fitted, 0.01 * N, "fitted decoder's exact log-likelihood vs the pPCA maximum");
    }

    /** sum_n log N(x_n; b, W^T W + sigma2 I). */
    static double logLikelihood(Tensor x, Tensor w, Tensor b, double sigma2) {
        RealMatrix wm = new Array2DRowRealMatrix(toRows(w, K, D));
        RealMatrix c = wm.transpose().multiply(wm).add(MatrixUtils.createRealIdentityMatrix(D).scalarMultiply(sigma2));
        LUDecomposition lu = new LUDecomposition(c);
        RealMatrix inv = lu.getSolver().getInverse();
        double[][] rows = toRows(x, N, D);
        double[] mean = b.toDoubleArray();
        double quad = 0;
        for (double[] row : rows) {
            double[] r = new double[D];
            for (int j = 0; j < D; j++) {
                r[j] = row[j] - mean[j];
            }
            quad += MatrixUtils.createRealVector(r).dotProduct(inv.operate(MatrixUtils.createRealVector(r)));
        }
        return -0.5 * (N * (D * Math.log(2 * Math.PI) + Math.log(lu.getDeterminant())) + quad);
    }

    static double ppcaMaximumLogLikelihood(Tensor x) {
        double[][] rows = toRows(x, N, D);
        double[] mean = new double[D];
        for (double[] r : rows) {
            for (int j = 0; j < D; j++) {
                mean[j] += r[j] / N;
            }
        }
        double[][] s = new double[D][D];
        for (double[] r : rows) {
            for (int i = 0; i < D; i++) {
                for (int j = 0; j < D; j++) {
                    s[i][j] += (r[i] - mean[i]) * (r[j] - mean[j]) / N;
                }
            }
        }
        double[] eig = new EigenDecomposition(new Array2DRowRealMatrix(s)).getRealEigenvalues().clone();
        java.util.Arrays.sort(eig);                               // ascending
        double sigma2 = 0;
        for (int j = 0; j < D - K; j++) {
            sigma2 += eig[j] / (D - K);
        }
        double logDet = (D - K) * Math.log(sigma2);
        for (int j = D - K; j < D; j++) {
            logDet += Math.log(eig[j]);
        }
        return -0.5 * N * (D * Math.log(2 * Math.PI) + logDet + D);
    }

    private static double[][] toRows(Tensor t, int rows, int cols) {
        double[] flat = t.toDoubleArray();
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
    }
}
