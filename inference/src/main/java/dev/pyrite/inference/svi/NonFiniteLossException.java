package dev.pyrite.inference.svi;

/**
 * Thrown by {@link SVI#step} when the loss or a gradient is not finite. The step's update is not
 * applied, so the parameter store keeps the last good values. {@link #site()} names the first site (the
 * guide's, then the model's, in visiting order) whose log density was not finite, or is null when all
 * were finite (the gradient alone went bad).
 */
public final class NonFiniteLossException extends IllegalStateException {
    private final String site;

    NonFiniteLossException(String message, String site) {
        super(message);
        this.site = site;
    }

    /** The first site with a non-finite log density, or null. */
    public String site() {
        return site;
    }
}
