package dev.pyrite.handlers;

import static dev.pyrite.handlers.Pyrite.param;
import static dev.pyrite.handlers.Pyrite.plate;
import static dev.pyrite.handlers.Pyrite.plateAt;
import static dev.pyrite.handlers.Pyrite.sample;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.distributions.Bernoulli;
import dev.pyrite.distributions.Constraints;
import dev.pyrite.distributions.Normal;
import dev.pyrite.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every bad input raises an error that names the site and its plates. */
class BadInputTest {

    @BeforeEach
    @AfterEach
    void clean() {
        ParamStore.global().clear();
        assertTrue(HandlerStack.isEmpty());
    }

    private static String message(Class<? extends Throwable> type, Executable e) {
        String m = assertThrows(type, e).getMessage();
        assertTrue(HandlerStack.isEmpty(), "stack left clean");
        return m;
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + p + "' missing from: " + message);
        }
    }

    @Test
    void duplicateSiteName() {
        String m = message(IllegalArgumentException.class, () -> Handlers.trace().getTrace(Handlers.seed(0).wrap(() -> {
            sample("x", Normal.of(0.0, 1.0));
            try (Plate p = plate("data", 2)) {
                sample("x", Normal.of(0.0, 1.0));
            }
        })));
        assertMentions(m, "duplicate site name 'x'", "outside plates", "data(dim -1, size 2)");
    }

    @Test
    void observationThatDoesNotBroadcast() {
        String m = message(IllegalArgumentException.class, () -> Handlers.trace().getTrace(() -> {
            try (Plate p = plate("data", 3)) {
                sample("y", Normal.of(0.0, 1.0), Tensor.of(1.0, 2.0, 3.0, 4.0));
            }
        }));
        assertMentions(m, "site 'y'", "data(dim -1, size 3)", "[4]", "[3]");
    }

    @Test
    void observationWithoutPlatesThatDoesNotBroadcast() {
        String m = message(IllegalArgumentException.class,
                () -> sample("y", Normal.of(Tensor.zeros(2), Tensor.scalar(1.0)), Tensor.of(1.0, 2.0, 3.0)));
        assertMentions(m, "site 'y'", "[3]", "[2]");
    }

    @Test
    void plateDimCollision() {
        String m = message(IllegalArgumentException.class, () -> Handlers.seed(0).run(() -> {
            try (Plate a = plateAt("rows", 3, -1); Plate b = plateAt("cols", 4, -1)) {
                sample("z", Normal.of(0.0, 1.0));
            }
        }));
        assertMentions(m, "plate 'cols'", "dim -1", "plate 'rows'");
    }

    @Test
    void nestedPlatesWithTheSameName() {
        String m = message(IllegalArgumentException.class, () -> {
            try (Plate a = plate("data", 3); Plate b = plate("data", 3)) {
                sample("z", Normal.of(0.0, 1.0), Tensor.scalar(0.0));
            }
        });
        assertMentions(m, "plate 'data'", "same name");
    }

    @Test
    void paramRedeclaredWithAnotherConstraint() {
        String m = message(IllegalArgumentException.class, () -> {
            param("sigma", Tensor.scalar(1.0), Constraints.POSITIVE);
            param("sigma", Tensor.scalar(1.0), Constraints.REAL);
        });
        assertMentions(m, "param 'sigma'", "real", "positive");
    }

    @Test
    void paramInitialisedOutsideItsConstraint() {
        String m = message(IllegalArgumentException.class,
                () -> param("sigma", Tensor.scalar(-1.0), Constraints.POSITIVE));
        assertMentions(m, "param 'sigma'", "-1.0", "positive");
    }

    @Test
    void sampleThatDoesNotBroadcastToItsPlate() {
        String m = message(IllegalArgumentException.class, () -> Handlers.seed(0).run(() -> {
            try (Plate outer = plate("groups", 2); Plate p = plate("data", 3)) {
                sample("z", Normal.of(Tensor.zeros(5), Tensor.scalar(1.0)));
            }
        }));
        // "groups" is outermost, so it owns dim -1, where z's batch shape [5] does not fit.
        assertMentions(m, "site 'z'", "plate 'groups'", "size 2", "has size 5", "data(dim -2, size 3)");
    }

    @Test
    void latentSampleWithoutSeed() {
        String m = message(IllegalStateException.class, () -> {
            try (Plate p = plate("data", 3)) {
                sample("z", Normal.of(0.0, 1.0));
            }
        });
        assertMentions(m, "site 'z'", "data(dim -1, size 3)", "seed");
    }

    @Test
    void replayFromAnObservedSite() {
        Trace observed = Handlers.trace().getTrace(() -> sample("z", Normal.of(0.0, 1.0), Tensor.scalar(1.0)));
        String m = message(IllegalArgumentException.class,
                () -> Handlers.replay(observed).run(() -> sample("z", Normal.of(0.0, 1.0))));
        assertMentions(m, "site 'z'", "observed");
    }

    @Test
    void enumeratingWhatHasNoFiniteSupport() {
        String m = message(IllegalArgumentException.class, () -> Handlers.enumerate(-1).run(
                () -> sample("z", Normal.of(0.0, 1.0), Map.of("enumerate", "parallel"))));
        assertMentions(m, "site 'z'", "Normal");
    }

    @Test
    void enumerationDimInsideAPlate() {
        String m = message(IllegalArgumentException.class, () -> Handlers.enumerate(-1).run(() -> {
            try (Plate p = plate("data", 3)) {
                sample("c", Bernoulli.ofProbs(0.5), Map.of("enumerate", "parallel"));
            }
        }));
        assertMentions(m, "site 'c'", "data(dim -1, size 3)", "firstAvailableDim");
    }

    @Test
    void badPlateArguments() {
        assertMentions(message(IllegalArgumentException.class, () -> plate("p", 3, 5)), "plate 'p'", "[1, 3]");
        assertMentions(message(IllegalArgumentException.class, () -> plateAt("p", 3, 1)), "plate 'p'", "negative");
        assertMentions(message(IllegalArgumentException.class, () -> Handlers.scale(-1.0)), "scale", "-1.0");
    }
}
