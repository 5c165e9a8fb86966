package dev.pyrite.inference.spawn;

import dev.pyrite.inference.mcmc.Potential;

/**
 * Makes the potential a spawned group of chains samples. A child JVM cannot receive a potential object,
 * so it is named by a class with a public no-argument constructor that implements this interface; the
 * child instantiates it and calls {@link #create()}.
 *
 * <pre>{@code
 * public final class Eight implements PotentialFactory {
 *     public Potential create() { return ModelPotential.of(EightSchools::model); }
 * }
 * }</pre>
 */
public interface PotentialFactory {
    /** The potential, built afresh in the process that samples it. */
    Potential create();

    /** Instantiates the factory class {@code className} with its no-argument constructor. */
    static PotentialFactory named(String className) {
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("potential factory '" + className + "': no such class on the class path",
                    e);
        }
        if (!PotentialFactory.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("potential factory '" + className + "' does not implement "
                    + PotentialFactory.class.getName());
        }
        try {
            return (PotentialFactory) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("potential factory '" + className
                    + "': needs a public no-argument constructor (" + e + ")", e);
        }
    }
}
