package dev.pyrite.inference.enumeration;

/**
 * Declares that two enumerated variables of a factor graph are one Markov chain laid out along a plate:
 * at index {@code t} of plate {@code time}, {@code previous} is the chain's state at {@code t - 1} and
 * {@code current} its state at {@code t} (at {@code t = 0}, {@code previous} is fixed to the first value
 * of its support, and factors there should not depend on it). The contraction then eliminates the
 * chain along the plate by a parallel scan instead of treating the plate's copies as independent.
 *
 * @param time     the plate the chain runs along
 * @param previous the variable holding the previous state
 * @param current  the variable holding the current state
 */
public record ChainLink(String time, String previous, String current) {
    public ChainLink {
        if (time == null || previous == null || current == null || previous.equals(current)) {
            throw new IllegalArgumentException("ChainLink: need a plate and two distinct variables, got " + time + ", "
                    + previous + ", " + current);
        }
    }
}
