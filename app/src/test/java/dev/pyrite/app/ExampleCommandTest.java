package dev.pyrite.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code pyrite example}: the list, an example's options, a bad value, and one tiny run end to end. */
class ExampleCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listsTheThreeNetworkExamples() {
        assertEquals(0, run("example"));
        for (String name : new String[]{"vae-digits", "bnn-breast-cancer", "bnn-diabetes"}) {
            assertTrue(out().contains(name), name + " missing from:\n" + out());
        }
    }

    @Test
    void anExampleHasItsOwnOptionsAndRefusesBadValues() {
        assertEquals(0, run("example", "vae-digits", "--help"));
        assertTrue(out().contains("--iwae-samples"), out());
        assertEquals(2, run("example", "bnn-diabetes", "--chains", "0"));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("bnn-diabetes: every size and count must be >= 1"), errors);
    }

    @Test
    void runsATinyBnnDiabetesEndToEnd() {
        assertEquals(0, run("example", "bnn-diabetes", "--hidden", "2", "--chains", "2", "--warmup", "30", "--samples", "20",
                "--max-tree-depth", "4"), err.toString(StandardCharsets.UTF_8));
        assertTrue(out().contains("90% intervals cover"), out());
    }
}
