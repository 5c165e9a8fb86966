package dev.pyrite.inference.gibbs;

/**
 * One element of a finite discrete site, as the Gibbs sweep visits it: its column in the embedding
 * potential's positions ({@code [k, k+1)} stands for the integer {@code k}) and the integers it may take.
 *
 * @param column the coordinate in the embedding potential
 * @param lower  the smallest value of the site's support (over all its elements)
 * @param upper  the largest value of the site's support (over all its elements)
 */
record DiscreteCoordinate(int column, int lower, int upper) {

    /** The number of values a Gibbs proposal scores. */
    int size() {
        return upper - lower + 1;
    }

    /** The position that stands for the value {@code lower + index}: the middle of its cell. */
    double position(int index) {
        return lower + index + 0.5;
    }

    /** The index of the value a position stands for. */
    int index(double position) {
        return (int) Math.floor(position) - lower;
    }
}
