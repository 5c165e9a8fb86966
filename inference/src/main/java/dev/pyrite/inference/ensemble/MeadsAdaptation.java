package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.state.Checkpointable;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import dev.pyrite.tensor.RandomStream;

/**
 * The tuning-free parameters of MEADS (Hoffman and Sountsov, AISTATS 2022, Algorithm 3). The chains are
 * split into K folds. In warm-up iteration t, fold {@code t mod K} stays where it is, and every other fold
 * k moves with parameters computed from the current chains:
 * <ul>
 * <li>its diagonal scale sigma and step size from fold k-1: sigma the per-coordinate standard deviation
 * of that fold's positions, and {@code eps = min(1, 0.5 / sqrt(lambda))} with lambda the
 * {@linkplain MaxEigenvalue largest eigenvalue} of its gradients times sigma;</li>
 * <li>its damping from its own positions, standardised: {@code gamma = max(1 / sqrt(lambda'), 1 / ((t + 1)
 * eps))}, the momentum refresh {@code alpha = 1 - exp(-2 eps gamma)} and the slice shift {@code alpha / 2}.</li>
 * </ul>
 * Every K iterations the chains are shuffled across folds (by the run's shared stream). After warm-up all
 * chains move every iteration with the parameters averaged over the folds, which stay fixed.
 */
final class MeadsAdaptation implements Checkpointable {
    static final int FOLDS = 4;
    private static final double STEP_MULTIPLIER = 0.5;
    private final int chains;
    private final int dimension;
    private final int warmup;
    /** Each chain's place in the fold order: its fold is {@code slot * K / C}. */
    private final int[] slot;
    private RandomStream shuffles;
    /** The parameters each fold moves with this iteration. */
    final double[] step = new double[FOLDS];
    final double[] scale;
    final double[] refresh = new double[FOLDS];
    final double[] shift = new double[FOLDS];
    // scratch
    private final double[] ownScale;
    private final double[] ownStep = new double[FOLDS];
    private final double[] rows;
    private final double[] mean;

    MeadsAdaptation(int chains, int dimension, int warmup, RandomStream shuffles) {
        if (chains < 2 * FOLDS) {
            throw new IllegalArgumentException("MEADS: chains must be >= " + 2 * FOLDS + " (" + FOLDS
                    + " folds of at least 2 chains), got " + chains);
        }
        this.chains = chains;
        this.dimension = dimension;
        this.warmup = warmup;
        this.shuffles = shuffles;
        this.slot = new int[chains];
        for (int c = 0; c < chains; c++) {
            slot[c] = c;
        }
        this.scale = new double[FOLDS * dimension];
        this.ownScale = new double[FOLDS * dimension];
        this.rows = new double[chains * dimension];
        this.mean = new double[dimension];
    }

    /** The fold of chain {@code c}. */
    int fold(int c) {
        return (int) ((long) slot[c] * FOLDS / chains);
    }

    /** The fold that stays put in iteration {@code t}, or -1 (after warm-up every chain moves). */
    int frozen(int t) {
        return t < warmup ? t % FOLDS : -1;
    }

    /** Sets the parameters of iteration {@code t} from the chains' positions and gradients. */
    void prepare(int t, double[] q, double[] grad) {
        int d = dimension;
        for (int k = 0; k < FOLDS; k++) {
            int n = gather(k, q);
            double[] sd = ownScale;
            for (int j = 0; j < d; j++) {
                double ss = 0;
                for (int i = 0; i < n; i++) {
                    double e = rows[i * d + j] - mean[j];
                    ss += e * e;
                }
                sd[k * d + j] = Math.max(Math.sqrt(ss / n), Double.MIN_NORMAL);
            }
            gather(k, grad);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    rows[i * d + j] *= sd[k * d + j];
                }
            }
            ownStep[k] = Math.min(1.0, STEP_MULTIPLIER / Math.sqrt(MaxEigenvalue.estimate(rows, n, d)));
        }
        for (int k = 0; k < FOLDS; k++) {
            int source = (k + FOLDS - 1) % FOLDS;
            step[k] = ownStep[source];
            System.arraycopy(ownScale, source * d, scale, k * d, d);
            int n = gather(k, q);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    rows[i * d + j] = (rows[i * d + j] - mean[j]) / ownScale[k * d + j];
                }
            }
            double gamma = Math.max(1 / Math.sqrt(MaxEigenvalue.estimate(rows, n, d)), 1 / ((t + 1) * step[k]));
            refresh[k] = -Math.expm1(-2 * step[k] * gamma);
            shift[k] = refresh[k] / 2;
        }
    }

    /**
     * Copies fold k's rows of {@code values} into {@code rows} and their mean into {@code mean}; returns
     * the fold's size.
     */
    private int gather(int k, double[] values) {
        int d = dimension;
        int n = 0;
        java.util.Arrays.fill(mean, 0);
        for (int c = 0; c < chains; c++) {
            if (fold(c) == k) {
                System.arraycopy(values, c * d, rows, n * d, d);
                for (int j = 0; j < d; j++) {
                    mean[j] += values[c * d + j];
                }
                n++;
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        return n;
    }

    /** After iteration {@code t}: shuffles the folds every K warm-up iterations; fixes the parameters at its end. */
    void afterIteration(int t) {
        if (t >= warmup) {
            return;
        }
        if ((t + 1) % FOLDS == 0) {
            for (int i = chains - 1; i > 0; i--) {   // Fisher-Yates on the slots
                int j = (int) Math.floor(shuffles.uniformDouble() * (i + 1));
                int tmp = slot[i];
                slot[i] = slot[j];
                slot[j] = tmp;
            }
        }
        if (t + 1 == warmup) {
            fixAverages();
        }
    }

    /** Every fold gets the folds' mean step size, scale and damping (for sampling). */
    void fixAverages() {
        int d = dimension;
        double e = 0;
        double a = 0;
        double[] s = new double[d];
        for (int k = 0; k < FOLDS; k++) {
            e += step[k] / FOLDS;
            a += refresh[k] / FOLDS;
            for (int j = 0; j < d; j++) {
                s[j] += scale[k * d + j] / FOLDS;
            }
        }
        for (int k = 0; k < FOLDS; k++) {
            step[k] = e;
            refresh[k] = a;
            shift[k] = a / 2;
            System.arraycopy(s, 0, scale, k * d, d);
        }
    }

    @Override
    public void writeState(StateWriter out) {
        out.ints("slot", slot);
        out.stream("shuffles", shuffles);
        out.doubles("step", step);
        out.doubles("scale", scale);
        out.doubles("refresh", refresh);
        out.doubles("shift", shift);
    }

    @Override
    public void readState(StateReader in) {
        int[] s = in.ints("slot");
        if (s.length != chains) {
            throw new IllegalArgumentException("MEADS state of " + s.length + " chains, expected " + chains);
        }
        System.arraycopy(s, 0, slot, 0, chains);
        shuffles = in.stream("shuffles");
        in.doublesInto("step", step);
        in.doublesInto("scale", scale);
        in.doublesInto("refresh", refresh);
        in.doublesInto("shift", shift);
    }
}
