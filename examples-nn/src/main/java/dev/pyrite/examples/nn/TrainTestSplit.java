package dev.pyrite.examples.nn;

import dev.pyrite.tensor.RandomStream;

/**
 * A fixed train/test split of {@code n} rows: a seeded random permutation, the first {@code n - testSize}
 * rows for training and the rest held out. The same seed gives the same split on every machine
 * ({@link RandomStream} is a portable generator).
 */
public record TrainTestSplit(int[] train, int[] test) {
    /** A split holding out {@code testSize} of {@code n} rows, permuted by {@code seed}. */
    public static TrainTestSplit of(int n, int testSize, long seed) {
        if (testSize <= 0 || testSize >= n) {
            throw new IllegalArgumentException("TrainTestSplit: the test size must be in 1.." + (n - 1) + ", got " + testSize);
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        RandomStream s = RandomStream.of(seed);
        for (int i = n - 1; i > 0; i--) {          // Fisher-Yates
            int j = (int) Math.floorMod(s.nextLong(), (long) (i + 1));
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return new TrainTestSplit(java.util.Arrays.copyOf(perm, n - testSize), java.util.Arrays.copyOfRange(perm, n - testSize, n));
    }
}
