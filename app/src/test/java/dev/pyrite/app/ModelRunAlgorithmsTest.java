package dev.pyrite.app;

import static dev.pyrite.app.PosteriorChecks.assertConverged;
import static dev.pyrite.app.PosteriorChecks.assertMean;
import static dev.pyrite.app.PosteriorChecks.assertSd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.app.foppl.FopplProgram;
import dev.pyrite.inference.Algorithm;
import dev.pyrite.inference.diagnostics.SummaryRow;
import dev.pyrite.tensor.TestSeeds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every algorithm through the Java API, {@code ModelRun.of(program).algorithm(...).run()}, against an
 * oracle: ENUM on examples/two_coins.clj against brute-force enumeration, NUTS, HMC and SVI on a
 * conjugate model file (a Normal mean with known noise, data from a CSV file) against its closed form.
 */
class ModelRunAlgorithmsTest {
    /** Observations of the conjugate model (fixed data, not draws). */
    private static final double[] Y = {3.1, 1.2, 2.7, 4.0, 2.2, 3.5, 1.9, 2.8, 3.3, 2.4};
    private static final double PRIOR_MEAN = 2;
    private static final double PRIOR_SD = 3;
    private static final double NOISE_SD = 1.5;

    /**
     * 8 split chains of 200 draws, whose tail ESS can be as low as about 400 (HMC): the split R-hat of
     * chains that have mixed then stays below about sqrt(1 + 3.3 * 8 / 400) = 1.03 (chi-squared with 7
     * degrees of freedom at 1 - 1e-4 is 7 x 4.3), so 1.05 flags only chains that have not mixed.
     */
    private static final double MAX_RHAT = 1.05;

    @TempDir
    Path dir;

    /** The conjugate model file, with its data in y.csv beside it. */
    private FopplProgram conjugate() throws IOException {
        StringBuilder csv = new StringBuilder("y\n");
        for (double y : Y) {
            csv.append(y).append('\n');
        }
        Files.writeString(dir.resolve("y.csv"), csv);
        Files.writeString(dir.resolve("conjugate.clj"), String.join("\n",
                ";; mu ~ Normal(2, 3), every y ~ Normal(mu, 1.5): the posterior of mu is Normal",
                "(let [y  (read-csv \"y.csv\" \"y\")",
                "      mu (sample (normal " + PRIOR_MEAN + " " + PRIOR_SD + "))]",
                "  (observe (normal mu " + NOISE_SD + ") y)",
                "  mu)"));
        return FopplProgram.load(dir.resolve("conjugate.clj"));
    }

    /** Normal-Normal conjugacy: precisions add, the mean is the precision-weighted mean. */
    private static double[] closedForm() {
        double sum = 0;
        for (double y : Y) {
            sum += y;
        }
        double precision = 1 / (PRIOR_SD * PRIOR_SD) + Y.length / (NOISE_SD * NOISE_SD);
        double mean = (PRIOR_MEAN / (PRIOR_SD * PRIOR_SD) + sum / (NOISE_SD * NOISE_SD)) / precision;
        return new double[]{mean, Math.sqrt(1 / precision)};
    }

    @Test
    void enumMatchesBruteForceOnTwoCoins() {
        TwoCoinsPosterior exact = TwoCoinsPosterior.bruteForce();
        RunResult r = ModelRun.of(FopplProgram.load(Path.of("../examples/two_coins.clj")))
                .algorithm(Algorithm.ENUM).run();
        assertTrue(r instanceof ExactOutcome && r.draws().isEmpty());
        assertEquals(exact.a(), PosteriorChecks.row(r, "a").mean(), 1e-12);
        assertEquals(Math.sqrt(exact.a() * (1 - exact.a())), PosteriorChecks.row(r, "a").sd(), 1e-12);
        assertEquals(exact.b(), PosteriorChecks.row(r, "b").mean(), 1e-12);
        assertEquals(exact.aAndB(), PosteriorChecks.row(r, "return").mean(), 1e-12);
        assertEquals(0.0, PosteriorChecks.row(r, "a").mcseMean(), 0.0);
        assertTrue(r.statsLine().startsWith("exact posterior by parallel enumeration"), r.statsLine());
    }

    @Test
    void enumWritesItsOutputsAndTheCommandLineTakesTheSamePath() throws IOException {
        RunResult r = ModelRun.of(FopplProgram.load(Path.of("../examples/two_coins.clj")))
                .algorithm(Algorithm.ENUM).run();
        List<Path> files = RunWriter.to(dir.resolve("java")).write(r);
        assertEquals(List.of("summary.csv", "marginals.csv", "run.json"),
                files.stream().map(f -> f.getFileName().toString()).toList());
        assertTrue(Files.readString(dir.resolve("java/run.json")).contains("\"algorithm\": \"enum\""));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[]{"run", "../examples/two_coins.clj", "--algo", "enum", "--out",
                dir.resolve("cli").toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("two_coins.clj: exact inference by parallel enumeration"), text);
        assertTrue(text.contains(r.summaryText()), text);
        assertEquals(Files.readAllLines(dir.resolve("java/marginals.csv")),
                Files.readAllLines(dir.resolve("cli/marginals.csv")));
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"NUTS", "HMC"})
    @Tag(TestSeeds.TAG)
    void mcmcMatchesTheClosedForm(Algorithm algorithm) throws IOException {
        double[] exact = closedForm();
        RunResult r = ModelRun.of(conjugate()).algorithm(algorithm)
                .chains(4).warmup(200).samples(400).seed(TestSeeds.seed(41 + algorithm.ordinal())).run();
        assertMean(r, "mu", exact[0], 0, 0);
        assertSd(r, "mu", exact[1], 0);
        assertConverged(r, MAX_RHAT);
    }

    /**
     * The guide family (a Normal on mu) contains the posterior, so the fit converges to it. The error has
     * two parts: the draws from the guide (independent, so 4 MCSE = 4 sd / sqrt(N)) and the optimiser's
     * jitter around the optimum, which a constant Adam step keeps in proportion to the step: at 0.01 it
     * moved the mean and sd by up to 0.05 and 0.04 over seed offsets 0..5 (about 0.1 posterior sd); at
     * the 0.005 used here it is allowed 0.15 posterior sd.
     */
    @Test
    @Tag(TestSeeds.TAG)
    void sviMatchesTheClosedForm() throws IOException {
        double[] exact = closedForm();
        int chains = 2;
        int samples = 1000;
        RunResult r = ModelRun.of(conjugate()).algorithm(Algorithm.SVI)
                .steps(2500).particles(8).learningRate(0.005).chains(chains).samples(samples)
                .seed(TestSeeds.seed(43)).run();
        int n = chains * samples;
        double optimiser = 0.15 * exact[1];
        SummaryRow mu = PosteriorChecks.row(r, "mu");
        double meanTolerance = 4 * exact[1] / Math.sqrt(n) + optimiser;
        assertTrue(Math.abs(mu.mean() - exact[0]) <= meanTolerance,
                "mean " + mu.mean() + " vs " + exact[0] + " (tolerance " + meanTolerance + ")");
        // the sd of n independent Normal draws has standard error about sd / sqrt(2 n)
        double sdTolerance = 4 * exact[1] / Math.sqrt(2.0 * n) + optimiser;
        assertTrue(Math.abs(mu.sd() - exact[1]) <= sdTolerance,
                "sd " + mu.sd() + " vs " + exact[1] + " (tolerance " + sdTolerance + ")");
        assertEquals(2500, ((SviOutcome) r).fit().losses().length);
    }
}
