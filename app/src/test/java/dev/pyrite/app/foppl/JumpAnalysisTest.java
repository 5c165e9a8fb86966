package dev.pyrite.app.foppl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.inference.ModelPotential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compile-time pass finds the continuous latents an {@code if} condition depends on, and only those. */
class JumpAnalysisTest {
    private static JumpAnalysis analyse(String text) {
        return JumpAnalysis.of(text, "m.clj");
    }

    @Test
    void ifOnALatentInOneDimension() throws IOException {
        String text = Files.readString(Path.of("../examples/if_1d.clj"));
        JumpAnalysis jumps = analyse(text);
        assertEquals(List.of("x"), jumps.sites());
        assertEquals("m.clj:10:3", jumps.where("x"));
        assertEquals("m.clj:10:3: the density jumps in x (an if on it); NUTS samples a discontinuous density"
                + " poorly, use --algo dhmc", jumps.nutsWarning().orElseThrow());
        // the tracer finds the same site in the compiled model
        assertEquals(List.of("x"), ModelPotential.of(FopplProgram.parse(text, "m.clj", null).model()).jumpSites());
    }

    @Test
    void dependenciesFollowLetsAndFunctionCalls() {
        JumpAnalysis jumps = analyse("""
                (defn above [v t] (if (> v t) 1 0))
                (let [a (sample (normal 0 1))
                      b (sample (gamma 2 1))
                      c (* 2 a)
                      z (sample (poisson 3))]
                  (if (> z 2) (observe (normal b 1) 0.5) nil)
                  (observe (normal (above c 1) 1) 0.3)
                  b)
                """);
        assertEquals(List.of("a"), jumps.sites(), "a through c and the function's if; z is discrete, b unconditioned");
        assertTrue(jumps.coversSite("a"));
        assertTrue(jumps.coversSite("a[3]"));
        assertFalse(jumps.coversSite("b"));
    }

    @Test
    void smoothModelsHaveNone() throws IOException {
        for (String name : List.of("gaussian.clj", "linear_regression.clj", "eight_schools.clj")) {
            JumpAnalysis jumps = analyse(Files.readString(Path.of("../examples", name)));
            assertEquals(List.of(), jumps.sites(), name);
            assertTrue(jumps.nutsWarning().isEmpty(), name);
        }
    }
}
