package dev.pyrite.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.app.foppl.FopplException;
import dev.pyrite.app.foppl.FopplProgram;
import dev.pyrite.inference.Algorithm;
import dev.pyrite.inference.diagnostics.SummaryRow;
import dev.pyrite.tensor.TestSeeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --algo svi}: an AutoNormal guide fitted by Adam, then draws from it. For gaussian.clj the
 * posterior is Normal, which the guide's family contains, so the fit recovers it; the draws file is in
 * CmdStan's variational format, read here as cmdstanpy scans it.
 */
class SviRunTest {
    @Tag(TestSeeds.TAG)
    @Test
    void gaussianPosteriorByVariationalInference(@TempDir Path tmp) throws IOException {
        double precision = 1.0 / 5 + 1.0 / 4;
        double mean = (1.0 / 5 + 7.0 / 4) / precision;
        double sd = Math.sqrt(1 / precision);
        SviOutcome r = (SviOutcome) ModelRun.of(FopplProgram.load(Path.of("../examples/gaussian.clj")))
                .algorithm(Algorithm.SVI).steps(3000).particles(8).learningRate(0.01).chains(2).samples(1000)
                .seed(TestSeeds.seed(3)).run();
        SummaryRow x = PosteriorChecks.row(r, "x");
        // the optimiser's noise, not only the draws' (MCSE 0.03), sets the tolerance
        assertTrue(Math.abs(x.mean() - mean) < 0.15, "mean " + x.mean() + " vs " + mean);
        assertTrue(Math.abs(x.sd() - sd) < 0.15, "sd " + x.sd() + " vs " + sd);
        assertEquals(3000, r.fit().losses().length);
        assertTrue(r.statsLine().startsWith("SVI (AutoNormal, Adam 0.01, 8 particles): 3000 steps"), r.statsLine());

        RunWriter.to(tmp).write(r);
        List<String> lines = Files.readAllLines(tmp.resolve("gaussian_vb.csv"));
        Map<String, String> config = new LinkedHashMap<>();
        int i = 0;
        while (lines.get(i).startsWith("#")) {
            String[] kv = lines.get(i++).replace("(Default)", "").replaceFirst("^[ #\\t]+", "").split("=");
            if (kv.length == 2) {
                config.put(kv[0].trim(), kv[1].trim());
            }
        }
        for (String key : List.of("model", "method", "algorithm", "iter", "grad_samples", "elbo_samples", "eta",
                "tol_rel_obj", "eval_elbo", "output_samples")) {
            assertTrue(config.containsKey(key), "config lacks " + key + ": " + config);
        }
        assertEquals("variational", config.get("method"));
        assertEquals("lp__,log_p__,log_g__,x,return", lines.get(i++));
        assertEquals("# Stepsize adaptation complete.", lines.get(i++));
        assertTrue(lines.get(i++).startsWith("# eta = "));
        String[] meanRow = lines.get(i++).split(",");
        assertEquals(x.mean(), Double.parseDouble(meanRow[3]), 1e-9);
        assertEquals(2000, lines.size() - i);
        assertEquals(r.draws().get("x")[1][999], Double.parseDouble(lines.get(lines.size() - 1).split(",")[3]), 0);
        assertEquals(3001, Files.readAllLines(tmp.resolve("elbo.csv")).size());
        String json = Files.readString(tmp.resolve("run.json"));
        assertTrue(json.contains("\"algorithm\": \"svi\"") && json.contains("\"guide\": \"AutoNormal\"")
                && json.contains("\"final_loss\""), json);
    }

    @Test
    void discreteLatentSitesNeedNuts() {
        FopplProgram p = FopplProgram.parse("(let [z (sample (flip 0.5))]\n  (observe (normal (if z 1 0) 1) 0.3))",
                "d.clj", null);
        FopplException e = assertThrows(FopplException.class,
                () -> ModelRun.of(p).algorithm(Algorithm.SVI).steps(10).run());
        assertTrue(e.getMessage().startsWith("d.clj:1:9: SVI with an automatic guide needs continuous latent sites"),
                e.getMessage());
    }
}
