package dev.pyrite.inference.ensemble;

/**
 * The base-2 Halton (van der Corput) sequence in (0, 1): 1/2, 1/4, 3/4, 1/8, 5/8, ... ChEES-HMC jitters
 * its trajectory length by it instead of by uniform draws (Hoffman, Radul and Sountsov 2021, section 4):
 * the fractions fill (0, 1) evenly, so the average trajectory length settles faster.
 */
final class Halton {
    private Halton() {
    }

    /** Element {@code i >= 1} of the sequence: the bits of i mirrored around the binary point. */
    static double at(long i) {
        if (i < 1) {
            throw new IllegalArgumentException("Halton index must be >= 1, got " + i);
        }
        double f = 1;
        double r = 0;
        for (long n = i; n > 0; n >>= 1) {
            f /= 2;
            r += f * (n & 1);
        }
        return r;
    }
}
