package dev.pyrite.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help texts, exit codes and error messages of the command line. */
class CommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void help() {
        assertEquals(0, run("--help"));
        assertTrue(out().contains("run MODEL.clj [--algo nuts|hmc|svi|enum|dhmc|chees|meads|pathfinder|gibbs]"), out());
        assertTrue(out().contains("demo") && out().contains("example [NAME"), out());
        out.reset();
        assertEquals(0, run("run", "--help"));
        for (String option : new String[]{"--algo nuts|hmc|svi", "--chains N", "--warmup N", "--samples N", "--seed N",
            "--out DIR", "--dtype float64|float32", "--steps N", "--learning-rate LR", "--particles N"}) {
            assertTrue(out().contains(option), option + " missing from:\n" + out());
        }
        assertTrue(out().contains("nuts|hmc|svi|enum"), out());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run("frobnicate"));
        assertTrue(err().contains("unknown command 'frobnicate'"), err());
        assertEquals(2, run("run"));
        assertTrue(err().contains("which model file?"), err());
        assertEquals(2, run("run", "no/such/model.clj"));
        assertTrue(err().contains("no such model file: no/such/model.clj"), err());
        assertEquals(2, run("run", "../examples/gaussian.clj", "--chains"));
        assertTrue(err().contains("--chains needs a value"), err());
        assertEquals(2, run("run", "../examples/gaussian.clj", "--chains", "four"));
        assertTrue(err().contains("--chains needs a whole number, got 'four'"), err());
        assertEquals(2, run("run", "../examples/gaussian.clj", "--algo", "exact"));
        assertTrue(err().contains("--algo must be nuts, hmc, svi, enum, dhmc, chees, meads, pathfinder or gibbs"), err());
        assertEquals(2, run("run", "../examples/gaussian.clj", "--bogus"));
        assertTrue(err().contains("unknown option '--bogus'"), err());
        assertEquals(2, run("run", "../examples/gaussian.clj", "--dtype", "float16"));
        assertTrue(err().contains("dtype must be float64 or float32"), err());
    }

    @Test
    void settingsAreCheckedOnceAndNameTheirOption() {
        assertEquals(2, run("run", "../examples/gaussian.clj", "--chains", "0"));
        assertTrue(err().contains("pyrite: --chains must be >= 1, got 0"), err());
        err.reset();
        assertEquals(2, run("run", "../examples/gaussian.clj", "--samples", "3"));
        assertTrue(err().contains("--samples must be >= 4"), err());
        err.reset();
        assertEquals(2, run("run", "../examples/gaussian.clj", "--target-accept", "1.5"));
        assertTrue(err().contains("--target-accept must be in (0, 1), got 1.5"), err());
        err.reset();
        assertEquals(2, run("run", "../examples/gaussian.clj", "--init", "zero"));
        assertTrue(err().contains("--init must be uniform or pathfinder, got 'zero'"), err());
        err.reset();
        assertEquals(2, run("run", "../examples/gaussian.clj", "--executor", "gpu"));
        assertTrue(err().contains("--executor must be jvm, nd4j or auto, got 'gpu'"), err());
    }

    @Test
    void aMisspeltOptionGetsASuggestion() {
        assertEquals(2, run("run", "../examples/gaussian.clj", "--chians", "2"));
        assertTrue(err().contains("unknown option '--chians'"), err());
        assertTrue(err().contains("--chains"), "suggests --chains:\n" + err());
    }

    @Test
    void printProgramShowsThePhasesWithoutRunning(@TempDir Path tmp) {
        Path dir = tmp.resolve("out");
        assertEquals(0, run("run", "../examples/eight_schools.clj", "--print-program", "--warmup", "300", "--out",
                dir.toString()));
        assertTrue(out().contains("FOPPL model eight_schools.clj: NUTS, 4 chains x (300 warm-up + 1000 draws)"), out());
        // Stan's windows for 300 warm-up iterations: 75 + (25, 50, 100) + 50
        for (String line : new String[]{"REPEAT fast-initial x75", "REPEAT slow-1 x25", "REPEAT slow-2 x50",
            "REPEAT slow-3 x100", "REPEAT fast-final x50", "REPEAT sampling x1000"}) {
            assertTrue(out().contains(line), line + " missing from:\n" + out());
        }
        assertTrue(!Files.exists(dir), "nothing written");
    }

    @Test
    void helpNamesACommandsOptions() {
        assertEquals(0, run("help", "run"));
        assertTrue(out().contains("--print-program") && out().contains("--chains N"), out());
        out.reset();
        assertEquals(0, run());
        assertTrue(out().contains("Usage: pyrite <command> [options]"), out());
    }

    @Test
    void modelErrorsExitWithOneAndPointAtTheForm(@TempDir Path tmp) throws IOException {
        Path model = tmp.resolve("bad.clj");
        Files.writeString(model, "(let [mu (sample (normal 0 1))]\n  (observe (normal mu sigma) 1))\n");
        assertEquals(1, run("run", model.toString(), "--out", tmp.resolve("out").toString()));
        assertTrue(err().contains("pyrite: bad.clj:2:23: unbound symbol 'sigma'"), err());
        assertTrue(err().contains("in: sigma"), err());
        Path noLatent = tmp.resolve("data_only.clj");
        Files.writeString(noLatent, "(observe (normal 0 1) 0.5)\n");
        assertEquals(1, run("run", noLatent.toString(), "--out", tmp.resolve("out2").toString()));
        assertTrue(err().contains("latent sample sites to infer"), err());
    }

    @Test
    void progressLine() {
        String line = ProgressBar.line(750, 1500, false, 0.4123, 2, 3.0);
        assertTrue(line.startsWith("sampling [##############--------------]  750/1500"), line);
        assertTrue(line.contains("250 it/s") && line.contains("step 0.412") && line.contains("div 2")
                && line.contains("eta 3s"), line);
        assertTrue(ProgressBar.line(10, 1500, true, 1, 0, 1).startsWith("warm-up "));
    }

    @Test
    void kernelDensityIntegratesToOne() {
        double[] data = new double[500];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextGaussian();
        }
        double[][] c = Kde.curve(data, -4, 4, 400);
        double area = 0;
        for (int i = 1; i < c[0].length; i++) {
            area += (c[0][i] - c[0][i - 1]) * (c[1][i] + c[1][i - 1]) / 2;
        }
        assertEquals(1.0, area, 0.01);
    }
}
