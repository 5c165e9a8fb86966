package dev.pyrite.inference;

import java.util.Locale;

/** The inference algorithms a run can use ({@link RunSettings#algorithm()}). */
public enum Algorithm {
    /** The No-U-Turn sampler (default). */
    NUTS,
    /** Hamiltonian Monte Carlo with a fixed trajectory length. */
    HMC,
    /** Stochastic variational inference with an automatic mean-field guide, then draws from the guide. */
    SVI,
    /** Exact inference by parallel enumeration, for models whose latent sites are all finite and discrete. */
    ENUM;

    /** {@code nuts}, {@code hmc}, {@code svi} or {@code enum}: the spelling of {@code --algo}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code nuts}, {@code hmc}, {@code svi} or {@code enum} (any case). */
    public static Algorithm parse(String s) {
        for (Algorithm a : values()) {
            if (a.id().equals(s.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("--algo must be nuts, hmc, svi or enum, got '" + s + "'");
    }
}
