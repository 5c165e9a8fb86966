package dev.pyrite.handlers;

import dev.pyrite.distributions.Constraint;
import dev.pyrite.distributions.Constraints;
import dev.pyrite.distributions.Transform;
import dev.pyrite.tensor.Tensor;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which bijection maps the real line onto a parameter's constraint (Pyro's {@code biject_to}): the
 * {@link ParamStore} keeps {@code inverse(value)} and hands out {@code forward(unconstrained)}, so an
 * optimiser can move parameters freely. Real, positive, non-negative and unit-interval parameters are
 * built in; other constraints are registered by name, e.g. when more transforms exist:
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
        register(Constraints.REAL, new Identity());
        register(Constraints.POSITIVE, new Exp());
        register(Constraints.NONNEGATIVE, new Exp());
        register(Constraints.UNIT_INTERVAL, new Sigmoid());
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

    /** The transform from the real line to {@code constraint} (null means real). */
    public static Transform of(Constraint constraint) {
        Entry e = REGISTRY.get(constraint == null ? Constraints.REAL.name() : constraint.name());
        if (e == null) {
            throw new IllegalArgumentException("no transform registered for constraint '" + constraint.name()
                    + "' (known: " + known() + "); add one with ParamTransforms.register");
        }
        return e.transform;
    }

    /** The registered constraint called {@code name} (used when loading a saved store). */
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

    private static final class Identity implements Transform {
        @Override
        public Tensor forward(Tensor x) {
            return x;
        }

        @Override
        public Tensor inverse(Tensor y) {
            return y;
        }

        @Override
        public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
            return x.zerosLike();
        }
    }

    private static final class Exp implements Transform {
        @Override
        public Tensor forward(Tensor x) {
            return x.exp();
        }

        @Override
        public Tensor inverse(Tensor y) {
            return y.log();
        }

        @Override
        public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
            return x;
        }
    }

    private static final class Sigmoid implements Transform {
        @Override
        public Tensor forward(Tensor x) {
            return x.sigmoid();
        }

        @Override
        public Tensor inverse(Tensor y) {
            return y.log().sub(y.neg().log1p());
        }

        @Override
        public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
            // log(sigmoid(x) (1 - sigmoid(x))) = -softplus(-x) - softplus(x)
            return x.neg().softplus().add(x.softplus()).neg();
        }
    }
}
