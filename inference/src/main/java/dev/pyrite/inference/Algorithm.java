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
    ENUM,
    /**
     * Discontinuous HMC (Nishimura, Dunson &amp; Lu 2020): discrete latents of any support embedded on the
     * real line, coordinate-wise updates where the density jumps.
     */
    DHMC,
    /** ChEES-HMC (Hoffman, Radul &amp; Sountsov 2021): one trajectory length for all chains, adapted across them. */
    CHEES,
    /** MEADS (Hoffman &amp; Sountsov 2022): generalised HMC tuned from cross-chain statistics over folds. */
    MEADS,
    /**
     * Pathfinder (Zhang, Carpenter, Gelman &amp; Vehtari 2022): normal approximations along L-BFGS paths, the
     * best by ELBO, with importance resampling over paths; its draws are independent.
     */
    PATHFINDER,
    /**
     * Metropolised Gibbs updates of finite discrete sites (Liu 1996) interleaved with HMC on the continuous
     * ones, as NumPyro's DiscreteHMCGibbs: for models whose discrete sites are too many to enumerate jointly.
     */
    GIBBS;

    /** Whether runs of this algorithm are step programs that can be checkpointed and resumed. */
    public boolean checkpointed() {
        return this == NUTS || this == HMC || this == SVI || this == CHEES || this == MEADS;
    }

    /** Whether this algorithm draws from Markov chains (the CmdStan CSVs hold one file per chain). */
    public boolean mcmc() {
        return this == NUTS || this == HMC || this == DHMC || this == CHEES || this == MEADS || this == GIBBS;
    }

    /** {@code nuts}, {@code hmc}, {@code svi} or {@code enum}: the spelling of {@code --algo}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every id, comma separated, the last after "or". */
    public static String choices() {
        StringBuilder b = new StringBuilder();
        Algorithm[] all = values();
        for (int i = 0; i < all.length; i++) {
            b.append(i == 0 ? "" : i == all.length - 1 ? " or " : ", ").append(all[i].id());
        }
        return b.toString();
    }

    /** Parses {@code nuts}, {@code hmc}, {@code svi} or {@code enum} (any case). */
    public static Algorithm parse(String s) {
        for (Algorithm a : values()) {
            if (a.id().equals(s.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("--algo must be " + choices() + ", got '" + s + "'");
    }
}
