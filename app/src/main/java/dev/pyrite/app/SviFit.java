package dev.pyrite.app;

/**
 * What a variational fit ({@code --algo svi}) did: the guide, optimiser settings, the loss (negative
 * ELBO estimate) of every step and the time it took.
 *
 * @param guide        the automatic guide, e.g. {@code AutoNormal}
 * @param steps        optimisation steps
 * @param learningRate Adam's learning rate
 * @param particles    ELBO particles per step
 * @param losses       the loss of every step
 * @param seconds      time of the optimisation
 */
public record SviFit(String guide, int steps, double learningRate, int particles, double[] losses, double seconds) {

    /** The mean loss of the last tenth of the steps (at least one). */
    public double finalLoss() {
        int k = Math.max(1, losses.length / 10);
        double s = 0;
        for (int i = losses.length - k; i < losses.length; i++) {
            s += losses[i];
        }
        return s / k;
    }
}
