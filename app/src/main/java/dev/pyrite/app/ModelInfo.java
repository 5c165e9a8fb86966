package dev.pyrite.app;

/**
 * Which model a run sampled, as its outputs name it.
 *
 * @param name   the name of the output files ({@code eight_schools} gives {@code eight_schools_1.csv})
 * @param origin where the model comes from, in words ({@code FOPPL model eight_schools.clj}, {@code Java model})
 */
public record ModelInfo(String name, String origin) {
    /** Checks that the name can start a file name. */
    public ModelInfo {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("model name must be letters, digits, '_', '.' or '-' (it names the"
                    + " output files), got '" + name + "'");
        }
    }
}
