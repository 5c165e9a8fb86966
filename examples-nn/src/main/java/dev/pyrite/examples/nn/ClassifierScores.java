package dev.pyrite.examples.nn;

/**
 * Held-out figures of a binary classifier's predicted probabilities {@code p_i = P(y_i = 1)}: accuracy
 * (threshold 0.5), the mean log-likelihood {@code mean(y log p + (1 - y) log(1 - p))} in nats, and the
 * expected calibration error over {@code BINS} equal-width bins of the confidence {@code max(p, 1 - p)}
 * (Naeini, Cooper and Hauskrecht 2015; Guo et al. 2017): {@code sum_b n_b / n |accuracy_b - confidence_b|}.
 */
public record ClassifierScores(double accuracy, double logLikelihood, double calibrationError) {
    /** The number of confidence bins of the calibration error. */
    public static final int BINS = 10;

    /** The scores of probabilities {@code p} for labels {@code y} (0 or 1). */
    public static ClassifierScores of(double[] p, double[] y) {
        int n = p.length;
        double correct = 0;
        double ll = 0;
        double[] binCount = new double[BINS];
        double[] binCorrect = new double[BINS];
        double[] binConfidence = new double[BINS];
        for (int i = 0; i < n; i++) {
            double q = Math.min(Math.max(p[i], 1e-12), 1 - 1e-12);   // a probability of exactly 0 or 1 would give -inf
            boolean hit = (p[i] >= 0.5) == (y[i] == 1.0);
            correct += hit ? 1 : 0;
            ll += y[i] == 1.0 ? Math.log(q) : Math.log1p(-q);
            double confidence = Math.max(p[i], 1 - p[i]);             // in [0.5, 1]
            int b = Math.min(BINS - 1, (int) (confidence * BINS));
            binCount[b]++;
            binCorrect[b] += hit ? 1 : 0;
            binConfidence[b] += confidence;
        }
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            if (binCount[b] > 0) {
                ece += Math.abs(binCorrect[b] - binConfidence[b]) / n;
            }
        }
        return new ClassifierScores(correct / n, ll / n, ece);
    }

    @Override
    public String toString() {
        return String.format("accuracy %.3f, log-likelihood %.3f nats/point, ECE %.3f", accuracy, logLikelihood, calibrationError);
    }
}
