package dev.pyrite.inference.svi;

/**
 * Observes an {@link SVI} run after every step, e.g. to draw a progress bar (the library itself prints
 * nothing).
 *
 * <pre>{@code
 * svi.addListener((step, loss, running) -> bar.update(step, running));
 * }</pre>
 */
@FunctionalInterface
public interface SviListener {
    /**
     * @param step         steps taken so far (1 after the first)
     * @param loss         this step's loss (negative ELBO estimate)
     * @param runningLoss  exponential moving average of the loss (weight 0.1 on the newest)
     */
    void onStep(long step, double loss, double runningLoss);
}
