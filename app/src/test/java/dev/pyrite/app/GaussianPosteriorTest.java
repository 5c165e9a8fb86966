package dev.pyrite.app;

import static dev.pyrite.app.PosteriorChecks.assertConverged;
import static dev.pyrite.app.PosteriorChecks.assertMean;
import static dev.pyrite.app.PosteriorChecks.assertSd;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.app.foppl.FopplProgram;
import dev.pyrite.tensor.TestSeeds;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * examples/gaussian.clj against its closed form: x ~ Normal(1, sqrt 5), observe Normal(x, 2) = 7 gives a
 * Normal posterior with precision 1/5 + 1/4 and mean (1/5 + 7/4) / precision.
 */
@Tag(TestSeeds.TAG)
class GaussianPosteriorTest {
    @Test
    void nutsMatchesTheClosedForm() {
        double precision = 1.0 / 5 + 1.0 / 4;
        double mean = (1.0 / 5 + 7.0 / 4) / precision;
        double sd = Math.sqrt(1 / precision);
        RunResult r = ModelRun.of(FopplProgram.load(Path.of("../examples/gaussian.clj")))
                .chains(4).warmup(300).samples(500).seed(TestSeeds.seed(1)).run();
        assertMean(r, "x", mean, 0, 0);
        assertSd(r, "x", sd, 0);
        assertConverged(r, 1.05);
        // the program's value is x itself
        assertEquals(PosteriorChecks.row(r, "x").mean(), PosteriorChecks.row(r, "return").mean(), 1e-12);
    }

    @Test
    void hmcMatchesTheClosedFormToo() {
        double precision = 1.0 / 5 + 1.0 / 4;
        double mean = (1.0 / 5 + 7.0 / 4) / precision;
        RunResult r = ModelRun.of(FopplProgram.load(Path.of("../examples/gaussian.clj")))
                .algorithm(dev.pyrite.inference.Algorithm.HMC).chains(4).warmup(300).samples(500).seed(TestSeeds.seed(2)).run();
        assertMean(r, "x", mean, 0, 0);
        assertSd(r, "x", Math.sqrt(1 / precision), 0);
        assertConverged(r, 1.05);
    }
}
