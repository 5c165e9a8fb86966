package dev.pyrite.handlers;

import dev.pyrite.distributions.Constraint;
import dev.pyrite.distributions.Constraints;
import dev.pyrite.distributions.Transform;
import dev.pyrite.distributions.Transforms;
import dev.pyrite.tensor.Tensor;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which bijection maps the real line onto a parameter's constraint (Pyro's {@code biject_to}): the
 * {@link ParamStore} keeps {@code inverse(value)} and hands out {@code forward(unconstrained)}, so an
 * optimiser can move parameters freely. Real, positive, non-negative and unit-interval parameters are
 * built in through {@link Transforms#bijectTo}; a custom transform can be registered by constraint name:
 *
 * <pre>{@code
 * ParamTransforms.register(Constraints.greaterThan(1.0), myShiftedExpTransform);
 * Transform t = ParamTransforms.of(Constraints.POSITIVE);   // exp
 * double y = t.forward(Tensor.scalar(0.0)).item();          // 1.0
 * }</pre>
 *
 * <p>Constraints are matched by {@link Constraint#name()}, so equal parameterised constraints
 * (two {@code interval(0, 1)}) share a transform. The registry is thread-safe.
 */
public final class ParamTransforms {
    private record Entry(Constraint constraint, Transform transform) {
    }

    private static final Map<String, Entry> REGISTRY = new ConcurrentHashMap<>();

    static {
        for (Constraint c : new Constraint[]{Constraints.REAL, Constraints.POSITIVE, Constraints.NONNEGATIVE,
            Constraints.UNIT_INTERVAL, Constraints.SIMPLEX, Constraints.ORDERED_VECTOR, Constraints.LOWER_CHOLESKY,
            Constraints.CORR_CHOLESKY, Constraints.POSITIVE_DEFINITE, Constraints.REAL_VECTOR}) {
            register(c, Transforms.bijectTo(c));
        }
    }

    private ParamTransforms() {
    }

    /** Makes parameters with {@code constraint} live unconstrained through {@code transform}. */
    public static void register(Constraint constraint, Transform transform) {
        if (constraint == null || transform == null) {
            throw new IllegalArgumentException("ParamTransforms.register: constraint and transform are required");
        }
        REGISTRY.put(constraint.name(), new Entry(constraint, transform));
    }

    /**
     * The transform from the real line to {@code constraint} (null means real): a registered one, else
     * {@link Transforms#bijectTo}, which is then remembered so a saved store can name the constraint.
     */
    public static Transform of(Constraint constraint) {
        Constraint c = constraint == null ? Constraints.REAL : constraint;
        Entry e = REGISTRY.get(c.name());
        if (e == null) {
            e = new Entry(c, Transforms.bijectTo(c));
            REGISTRY.putIfAbsent(c.name(), e);
        }
        return e.transform;
    }

    /** The constraint called {@code name}, registered or used before (used when loading a saved store). */
    public static Constraint constraintNamed(String name) {
        Entry e = REGISTRY.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no constraint '" + name + "' is registered (known: " + known() + ")");
        }
        return e.constraint;
    }

    /** Names of the constraints with a registered transform. */
    public static Set<String> known() {
        return new TreeSet<>(REGISTRY.keySet());
    }
}
