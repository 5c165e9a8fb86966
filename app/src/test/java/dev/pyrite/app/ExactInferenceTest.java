package dev.pyrite.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.app.foppl.FopplException;
import dev.pyrite.app.foppl.FopplProgram;
import dev.pyrite.inference.Algorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --algo enum} against brute-force sums over every assignment. */
class ExactInferenceTest {
    private static final String COINS = String.join("\n",
            "(let [a (sample (flip 0.3))",
            "      b (sample (flip 0.6))]",
            "  (observe (flip (if (or a b) 0.99 0.01)) true)",
            "  (and a b))");

    @Test
    void twoCoinsWithAnObservedOrMatchBruteForce(@TempDir Path dir) throws Exception {
        TwoCoinsPosterior exact = TwoCoinsPosterior.bruteForce();
        ExactOutcome r = (ExactOutcome) ModelRun.of(FopplProgram.parse(COINS, "coins.clj", dir))
                .algorithm(Algorithm.ENUM).run();
        List<ExactOutcome.Row> rows = r.rows();
        assertEquals("a", rows.get(0).variable());
        assertEquals(exact.a(), rows.get(0).mean(), 1e-12);
        assertEquals(Math.sqrt(exact.a() * (1 - exact.a())), rows.get(0).sd(), 1e-12);
        assertEquals(exact.b(), rows.get(1).mean(), 1e-12);
        assertEquals("return", rows.get(2).variable());
        assertEquals(exact.aAndB(), rows.get(2).mean(), 1e-12);
        assertEquals(1.0, rows.get(1).q50(), 0.0);   // P(b = 1) > 1/2

        RunWriter.to(dir).write(r);
        List<String> marginals = Files.readAllLines(dir.resolve("marginals.csv"));
        assertEquals("variable,value,probability", marginals.get(0));
        assertEquals(exact.a(), Double.parseDouble(marginals.get(2).split(",")[2]), 1e-12);
        assertTrue(Files.readAllLines(dir.resolve("summary.csv")).get(0).startsWith("variable,mean,sd,"));
    }

    @Test
    void continuousLatentSitesAreRefusedAtTheirForm(@TempDir Path dir) {
        FopplException e = assertThrows(FopplException.class, () -> ModelRun.of(FopplProgram.parse(
                "(let [x (sample (normal 0 1))] (observe (normal x 1) 0.5) x)", "cont.clj", dir))
                .algorithm(Algorithm.ENUM).run());
        assertTrue(e.getMessage().contains("cont.clj:1:") && e.getMessage().contains("--algo enum"), e.getMessage());
    }
}
