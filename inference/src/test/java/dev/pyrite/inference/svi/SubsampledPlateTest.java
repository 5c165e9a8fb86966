package dev.pyrite.inference.svi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.distributions.Categorical;
import dev.pyrite.distributions.Constraints;
import dev.pyrite.distributions.Delta;
import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.inference.ModelPotential;
import dev.pyrite.tensor.Backend;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import dev.pyrite.tensor.TestSeeds;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Subsampling inside the model and guide ({@code plate(name, N, B)}): SVI's compiled step must take a
 * fresh subsample at every step (never the one drawn while tracing), share it between guide and model,
 * and scale by N / B, so that the loss is an unbiased estimate of the full-data loss.
 */
class SubsampledPlateTest {
    static final int N = 1000;
    static final int B = 100;

    @BeforeEach
    void clear() {
        ParamStore.global().clear();
    }

    // ------------------------------------------------------------------ the indices themselves

    /** q(z) = p(z), so the loss is exactly -(N/B) * (sum of the subsample's indices): a probe of them. */
    static void probeModel(Tensor... args) {
        Pyrite.sample("z", Normal.of(0, 1));
        try (Plate p = Pyrite.plate("data", N, B)) {
            Pyrite.factor("probe", p.subsample(args[0]));
        }
    }

    static void probeGuide(Tensor... args) {
        Pyrite.sample("z", Normal.of(Pyrite.param("m", Tensor.scalar(0.0)), Tensor.scalar(1.0)));
    }

    static double[] indexSums(long seed, int steps) {
        ParamStore.global().clear();
        SVI svi = new SVI(SubsampledPlateTest::probeModel, SubsampledPlateTest::probeGuide, Adam.of(0.01),
                TraceELBO.of(2)).seed(seed);
        Tensor positions = Tensor.arange(N).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        double[] sums = new double[steps];
        for (int i = 0; i < steps; i++) {
            sums[i] = -svi.evaluateLoss(positions) * B / N;
        }
        return sums;
    }

    @Tag(TestSeeds.TAG)
    @Test
    void everyStepDrawsAFreshUniformSubsample() {
        int steps = 400;
        long seed = TestSeeds.seed(11);
        double[] sums = indexSums(seed, steps);
        Set<Long> distinct = new HashSet<>();
        double mean = 0;
        for (double s : sums) {
            long k = Math.round(s);
            assertEquals(k, s, 1e-6 * s, "the loss is -(N/B) times an integer sum of indices");
            // B distinct indices of 0..N-1: the sum lies between the B smallest and the B largest
            assertTrue(k >= (long) B * (B - 1) / 2 && k <= (long) B * (2L * N - B - 1) / 2, "sum " + k);
            distinct.add(k);
            mean += s / steps;
        }
        // a frozen subsample gives one value; fresh ones (sd ~2700) rarely coincide
        assertTrue(distinct.size() > steps * 0.8, distinct.size() + " distinct subsample sums in " + steps + " steps");
        // sampling B of N without replacement: E sum = B (N-1)/2, Var = B sigma^2 (N-B)/(N-1), sigma^2 = (N^2-1)/12
        double expected = B * (N - 1) / 2.0;
        double sd = Math.sqrt(B * ((double) N * N - 1) / 12.0 * (N - B) / (N - 1));
        assertEquals(expected, mean, 4 * sd / Math.sqrt(steps), "mean subsample index sum");
        // the SVI's own seed decides the subsamples: the same seed gives the same sequence
        assertArrayEquals(sums, indexSums(seed, steps), 0.0);
    }

    // ------------------------------------------------------------------ unbiasedness, global and local latents

    /** mu ~ N(0, 10); z_i ~ N(0, 1) and x_i ~ N(mu + z_i, 1) for the subsample of the N points. */
    static void localModel(Tensor... args) {
        Tensor mu = Pyrite.sample("mu", Normal.of(0, 10));
        try (Plate p = Pyrite.plate("data", N, B)) {
            Tensor z = Pyrite.sample("z", Normal.of(0, 1));
            Pyrite.sample("x", Normal.of(mu.add(z), Tensor.scalar(1.0)), p.subsample(args[0]));
        }
    }

    /** q(mu) = N(m, sm), q(z_i) = N(l_i, sl_i): the local parameters are picked by the guide's subsample. */
    static void localGuide(Tensor... args) {
        Tensor m = Pyrite.param("m", Tensor.scalar(M));
        Tensor sm = Pyrite.param("sm", Tensor.scalar(SM), Constraints.POSITIVE);
        Tensor l = Pyrite.param("l", () -> Tensor.of(localLoc(args[0].toDoubleArray())), Constraints.REAL);
        Tensor sl = Pyrite.param("sl", () -> Tensor.of(localScale()), Constraints.POSITIVE);
        Pyrite.sample("mu", Normal.of(m, sm));
        try (Plate p = Pyrite.plate("data", N, B)) {
            Pyrite.sample("z", Normal.of(p.subsample(l), p.subsample(sl)));
        }
    }

    static final double M = 2.7;
    static final double SM = 0.3;

    static double[] localLoc(double[] x) {
        double[] l = new double[N];
        for (int i = 0; i < N; i++) {
            l[i] = 0.4 * (x[i] - M) + 0.3 * Math.sin(i);
        }
        return l;
    }

    static double[] localScale() {
        double[] s = new double[N];
        for (int i = 0; i < N; i++) {
            s[i] = 0.6 + 0.2 * Math.cos(i);
        }
        return s;
    }

    /** N points 3 + sd * (standard normal). */
    static double[] data(long seed, double sd) {
        double[] x = RandomStream.of(seed).normal(N).data().asDouble();
        for (int i = 0; i < N; i++) {
            x[i] = 3 + sd * x[i];
        }
        return x;
    }

    /** Minus the full-data ELBO of localModel/localGuide in closed form (expectations of Gaussian log densities). */
    static double exactLoss(double[] x) {
        double[] l = localLoc(x);
        double[] sl = localScale();
        double log2pi = Math.log(2 * Math.PI);
        double elbo = -0.5 * Math.log(2 * Math.PI * 100) - (M * M + SM * SM) / 200 + 0.5 * Math.log(2 * Math.PI * Math.E * SM * SM);
        for (int i = 0; i < N; i++) {
            double d = x[i] - M - l[i];
            elbo += -0.5 * log2pi - (l[i] * l[i] + sl[i] * sl[i]) / 2;
            elbo += -0.5 * log2pi - (d * d + SM * SM + sl[i] * sl[i]) / 2;
            elbo += 0.5 * Math.log(2 * Math.PI * Math.E * sl[i] * sl[i]);
        }
        return -elbo;
    }

    @Tag(TestSeeds.TAG)
    @Test
    void minibatchLossIsUnbiasedForTheFullDataLossUnderEveryElbo() {
        double[] x = data(TestSeeds.seed(31), Math.sqrt(2));   // mu + z + noise
        double exact = exactLoss(x);
        Tensor xs = Tensor.of(x);
        List<Supplier<Elbo>> elbos = List.of(() -> TraceELBO.of(1), () -> TraceMeanFieldELBO.of(1),
                () -> TraceEnumELBO.of(1));
        int calls = 400;
        long seed = TestSeeds.seed(32);
        for (Supplier<Elbo> e : elbos) {
            ParamStore.global().clear();
            Elbo elbo = e.get();
            SVI svi = new SVI(SubsampledPlateTest::localModel, SubsampledPlateTest::localGuide, Adam.of(0.01), elbo)
                    .seed(seed++);
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < calls; i++) {
                double loss = svi.evaluateLoss(xs);
                sum += loss;
                sumSq += loss * loss;
            }
            double mean = sum / calls;
            double sd = Math.sqrt((sumSq - calls * mean * mean) / (calls - 1));
            double mcse = sd / Math.sqrt(calls);
            assertEquals(exact, mean, 4 * mcse, elbo + ": mean minibatch loss over " + calls + " calls (sd " + sd + ")");
        }
    }

    /** mu_k ~ N(0, 10); z_i ~ Categorical(0.3, 0.7) summed out by TraceEnumELBO; x_i ~ N(mu_{z_i}, 1). */
    static void mixtureModel(Tensor... args) {
        Tensor mu0 = Pyrite.sample("mu0", Normal.of(0, 10));
        Tensor mu1 = Pyrite.sample("mu1", Normal.of(0, 10));
        try (Plate p = Pyrite.plate("data", N, B)) {
            Tensor z = Pyrite.sample("z", Categorical.ofProbs(Tensor.of(0.3, 0.7)));
            Tensor loc = mu0.add(z.castTo(Backend.floatType()).mul(mu1.sub(mu0)));
            Pyrite.sample("x", Normal.of(loc, Tensor.scalar(1)), p.subsample(args[0]));
        }
    }

    /** Point masses at (-1, 2.5): the bound is log p(x, mu) with z summed out, a function of the subsample. */
    static void mixtureGuide(Tensor... args) {
        Pyrite.sample("mu0", Delta.of(Pyrite.param("a", Tensor.scalar(-1.0)), Tensor.scalar(0), 0));
        Pyrite.sample("mu1", Delta.of(Pyrite.param("b", Tensor.scalar(2.5)), Tensor.scalar(0), 0));
    }

    @Tag(TestSeeds.TAG)
    @Test
    void enumeratedLocalSitesInASubsampledPlateGiveAnUnbiasedLoss() {
        double[] x = data(TestSeeds.seed(51), 2.0);
        double exact = -(logNormal(-1, 0, 10) + logNormal(2.5, 0, 10));
        for (double v : x) {
            exact -= Math.log(0.3 * Math.exp(logNormal(v, -1, 1)) + 0.7 * Math.exp(logNormal(v, 2.5, 1)));
        }
        SVI svi = new SVI(SubsampledPlateTest::mixtureModel, SubsampledPlateTest::mixtureGuide, Adam.of(0.01),
                TraceEnumELBO.of(1)).seed(TestSeeds.seed(52));
        Tensor xs = Tensor.of(x);
        int calls = 300;
        double sum = 0;
        double sumSq = 0;
        Set<Double> distinct = new HashSet<>();
        for (int i = 0; i < calls; i++) {
            double loss = svi.evaluateLoss(xs);
            sum += loss;
            sumSq += loss * loss;
            distinct.add(loss);
        }
        double mean = sum / calls;
        double mcse = Math.sqrt((sumSq - calls * mean * mean) / (calls - 1) / calls);
        assertTrue(distinct.size() > calls / 2, distinct.size() + " distinct losses in " + calls + " calls");
        assertEquals(exact, mean, 4 * mcse, "mean minibatch loss against the full-data bound");
    }

    private static double logNormal(double x, double loc, double scale) {
        double z = (x - loc) / scale;
        return -0.5 * z * z - Math.log(scale) - 0.5 * Math.log(2 * Math.PI);
    }

    // ------------------------------------------------------------------ the fit

    /** mu ~ N(0, 10), x_i ~ N(mu, 1): the posterior is Normal, so a Normal guide can match it exactly. */
    static void conjugateModel(Tensor... args) {
        Tensor mu = Pyrite.sample("mu", Normal.of(0, 10));
        try (Plate p = Pyrite.plate("data", N, B)) {
            Pyrite.sample("x", Normal.of(mu, Tensor.scalar(1.0)), p.subsample(args[0]));
        }
    }

    static void conjugateGuide(Tensor... args) {
        Tensor m = Pyrite.param("m", Tensor.scalar(0.0));
        Tensor s = Pyrite.param("s", Tensor.scalar(0.1), Constraints.POSITIVE);
        Pyrite.sample("mu", Normal.of(m, s));
    }

    /** The closed-form posterior mean and sd, and the Polyak-averaged fit of m and s. */
    record Fit(double mean, double sd, double m, double s) {
    }

    static Fit fitConjugate(long dataSeed, long sviSeed) {
        ParamStore.global().clear();
        double[] x = data(dataSeed, 1.0);
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        double precision = 1 / 100.0 + N;
        int steps = 2000;
        // Adam with a short second-moment memory (the first gradients are far larger than those near the
        // optimum) and a learning rate decaying tenfold, then Polyak averaging of the last 60% of the
        // iterates, so that the subsample's gradient noise averages out.
        SVI svi = new SVI(SubsampledPlateTest::conjugateModel, SubsampledPlateTest::conjugateGuide,
                Adam.of(LearningRateSchedule.exponential(0.02, Math.pow(0.1, 1.0 / steps)), 0.9, 0.99),
                TraceELBO.of(256)).seed(sviSeed);
        Tensor xs = Tensor.of(x);
        double m = 0;
        double s = 0;
        int averaged = 0;
        for (int i = 0; i < steps; i++) {
            svi.step(xs);
            if (i >= steps * 2 / 5) {
                m += svi.store().get("m").item();
                s += svi.store().get("s").item();
                averaged++;
            }
        }
        return new Fit(sum / precision, 1 / Math.sqrt(precision), m / averaged, s / averaged);
    }

    @Tag(TestSeeds.TAG)
    @Test
    void subsampledFitMatchesTheClosedFormPosterior() {
        Fit f = fitConjugate(TestSeeds.seed(41), TestSeeds.seed(42));
        // Over 20 seeds the averaged iterates' errors had sd 0.36% (scale, relative) and 0.08 posterior sd
        // (mean): each bound below is over 5 of those sds.
        assertEquals(f.mean(), f.m(), 0.02 * Math.abs(f.mean()), "posterior mean");
        assertEquals(f.mean(), f.m(), 0.5 * f.sd(), "posterior mean, within half a posterior sd");
        assertEquals(f.sd(), f.s(), 0.02 * f.sd(), "posterior sd");
    }

    // ------------------------------------------------------------------ what cannot work is an error

    @Test
    void iteratingASubsampledPlateInsideSviIsAnError() {
        SviModel model = args -> {
            Tensor z = Pyrite.sample("z", Normal.of(0, 1));
            try (Plate p = Pyrite.plate("data", N, B)) {
                for (long i : p) {
                    Pyrite.sample("x" + i, Normal.of(z, Tensor.scalar(1.0)), args[0].select(0, i));
                }
            }
        };
        SVI svi = new SVI(model, SubsampledPlateTest::probeGuide, Adam.of(0.01), TraceELBO.of(1)).seed(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> svi.step(Tensor.zeros(N)));
        assertTrue(e.getMessage().contains("plate 'data'") && e.getMessage().contains("cannot iterate")
                && e.getMessage().contains("plate.subsample(data)"), e.getMessage());
    }

    @Test
    void aSubsampledPlateUnseenWhenSviFirstRanTheModelIsAnError() {
        int[] runs = {0};
        SviModel model = args -> {
            Pyrite.sample("z", Normal.of(0, 1));
            if (runs[0]++ > 0) {   // absent from SVI's first run, present when its program is traced
                try (Plate p = Pyrite.plate("late", N, B)) {
                    Pyrite.factor("f", p.subsample(args[0]));
                }
            }
        };
        SVI svi = new SVI(model, SubsampledPlateTest::probeGuide, Adam.of(0.01), TraceELBO.of(1)).seed(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> svi.step(Tensor.zeros(N)));
        assertTrue(e.getMessage().contains("plate 'late'") && e.getMessage().contains("was not met"), e.getMessage());
    }

    @Test
    void guideAndModelSubsampleSizesMustAgree() {
        SviModel guide = args -> {
            Tensor m = Pyrite.param("m", Tensor.scalar(0.0));
            Pyrite.sample("mu", Normal.of(m, Tensor.scalar(1.0)));
            try (Plate p = Pyrite.plate("data", N, B / 2)) {
                Pyrite.sample("z", Normal.of(0, 1).expand(B / 2));
            }
        };
        SVI svi = new SVI(SubsampledPlateTest::localModel, guide, Adam.of(0.01), TraceELBO.of(1)).seed(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> svi.step(Tensor.zeros(N)));
        assertTrue(e.getMessage().contains("plate 'data' is declared with size " + N + " and subsample " + B / 2
                + ", and again with size " + N + " and subsample " + B), e.getMessage());
    }

    @Test
    void guideAndModelPlateSizesMustAgree() {
        SviModel guide = args -> {
            Tensor m = Pyrite.param("m", Tensor.scalar(0.0));
            Pyrite.sample("mu", Normal.of(m, Tensor.scalar(1.0)));
            try (Plate p = Pyrite.plate("data", 2 * N, B)) {   // indices up to 2N - 1 would not exist in the model
                Pyrite.sample("z", Normal.of(0, 1).expand(B));
            }
        };
        SVI svi = new SVI(SubsampledPlateTest::localModel, guide, Adam.of(0.01), TraceELBO.of(1)).seed(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> svi.step(Tensor.zeros(N)));
        assertTrue(e.getMessage().contains("plate 'data' is declared with size " + 2 * N + " and subsample " + B
                + ", and again with size " + N), e.getMessage());
    }

    @Test
    void aSubsampledPlateInAnMcmcPotentialIsAnError() {
        Tensor x = Tensor.zeros(N);
        Runnable model = () -> {
            Tensor mu = Pyrite.sample("mu", Normal.of(0, 10));
            try (Plate p = Pyrite.plate("data", N, B)) {
                Pyrite.sample("x", Normal.of(mu, Tensor.scalar(1.0)), p.subsample(x));
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelPotential.of(model));
        assertTrue(e.getMessage().contains("plate 'data' subsamples " + B + " of its " + N)
                && e.getMessage().contains("plate(\"data\", " + N + ")"), e.getMessage());
        // the full plate is fine
        ModelPotential.of(() -> {
            Tensor mu = Pyrite.sample("mu", Normal.of(0, 10));
            try (Plate p = Pyrite.plate("data", N)) {
                Pyrite.sample("x", Normal.of(mu, Tensor.scalar(1.0)), x);
            }
        });
    }
}
