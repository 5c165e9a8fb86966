package dev.pyrite.tensor;

/**
 * Seeds for statistical tests, shifted by one switch so that the whole suite can be rerun under other
 * seeds: {@code mvn test -Dpyrite.test.seedOffset=K}. Offset 0 (the default, what CI runs) leaves every
 * seed as written.
 *
 * <p>Seeded draws differ between processors (BLAS and libnd4j kernels round differently and a Markov
 * chain amplifies the difference), so a statistical test must pass for <em>any</em> seed: its tolerance
 * comes from the Monte Carlo standard error, never from one seed's luck. The sweep
 * ({@code .ci/seed-sweep}) runs every test tagged {@value #TAG} under many offsets to check that.
 *
 * <pre>{@code
 * @Tag(TestSeeds.TAG)
 * @Test void meanWithinMcse() {
 *     McmcSamples s = MCMC.nuts(u).chains(4).seed(TestSeeds.seed(11)).run();
 *     ...
 * }
 * }</pre>
 */
public final class TestSeeds {
    /** The system property that shifts every test seed. */
    public static final String PROPERTY = "pyrite.test.seedOffset";
    /** The JUnit tag of tests whose assertions depend on random draws. */
    public static final String TAG = "statistical";

    /** Far apart, so that shifted seeds of neighbouring tests do not coincide. */
    private static final long STRIDE = 1_000_003L;

    private TestSeeds() {
    }

    /** The offset in force: the property {@value #PROPERTY}, 0 when unset. */
    public static long offset() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "-D" + PROPERTY + " must be an integer, got '" + value + "'", e);
        }
    }

    /** {@code base} shifted by the offset in force; {@code base} itself at offset 0. */
    public static long seed(long base) {
        return base + offset() * STRIDE;
    }

    /** {@link #seed(long)} for APIs that take an int seed. */
    public static int intSeed(int base) {
        return Math.toIntExact(seed(base) % Integer.MAX_VALUE);
    }
}
