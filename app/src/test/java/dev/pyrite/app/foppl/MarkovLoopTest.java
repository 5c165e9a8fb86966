package dev.pyrite.app.foppl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.examples.DirichletHmm;
import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.Trace;
import dev.pyrite.inference.LatentSite;
import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.enumeration.DiscreteMarginals;
import dev.pyrite.inference.enumeration.InferDiscrete;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.TestSeeds;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import dev.pyrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A FOPPL {@code loop} whose steps form a first-order Markov chain runs as one vectorised chain site
 * ({@code examples/hmm.clj}). Its log density with the hidden states summed out equals, at random
 * points, that of the same program with the loop run step by step and that of the HMM written in Java
 * with {@code VectorizedMarkov} ({@link DirichletHmm}): equal potentials on the same coordinates mean equal posteriors.
 */
class MarkovLoopTest {
    private static final Path EXAMPLES = Path.of("../examples");

    private static String hmmText(int steps) throws IOException {
        String text = Files.readString(EXAMPLES.resolve("hmm.clj"));
        String withT = text.replace("(let [T     200", "(let [T     " + steps);
        assertTrue(text.contains("(let [T     200"), "hmm.clj sets T with (let [T     200");
        return withT;
    }

    /** The same step function written so that the compiler does not see a chain: the loop runs step by step. */
    private static String stepByStep(String text) {
        String chained = "(let [state (sample (categorical (get trans x)))]\n"
                + "    (observe (categorical (get emit state)) (get obs (+ t 1)))\n"
                + "    state))";
        assertTrue(text.contains(chained), "hmm.clj's step function changed");
        return text.replace(chained, "(let [s (let [state (sample (categorical (get trans x)))]\n"
                + "    (observe (categorical (get emit state)) (get obs (+ t 1)))\n"
                + "    state)] s))");
    }

    /** Random unconstrained points [chains, D]. */
    private static Tensor points(int chains, int d, long seed) {
        Random rng = new Random(seed);
        double[][] q = new double[chains][d];
        for (double[] row : q) {
            for (int i = 0; i < d; i++) {
                row[i] = 0.7 * rng.nextGaussian();
            }
        }
        return Tensor.of(Nd4j.createFromArray(q));
    }

    private static void assertSameLayout(ModelPotential a, ModelPotential b) {
        assertEquals(a.dimension(), b.dimension());
        List<LatentSite> sa = a.sites();
        List<LatentSite> sb = b.sites();
        assertEquals(sa.size(), sb.size());
        for (int i = 0; i < sa.size(); i++) {
            assertEquals(sa.get(i).name(), sb.get(i).name());
            assertEquals(sa.get(i).offset(), sb.get(i).offset());
            assertArrayEquals(sa.get(i).shape(), sb.get(i).shape());
        }
    }

    @Test
    void theLoopIsOneChainSite() throws IOException {
        FopplModel m = FopplProgram.parse(hmmText(30), "hmm.clj", EXAMPLES).model();
        Trace prior = Handlers.trace().getTrace(Handlers.seed(0).wrap(m));
        assertArrayEquals(new long[]{50, 29}, prior.value("state").shape());   // one site: 50 sequences x 29 steps
        assertFalse(prior.contains("state[1]"));
        double[] states = prior.value("state").castTo(DataType.DOUBLE).toDoubleArray();
        for (double s : states) {
            assertTrue(s == 0 || s == 1 || s == 2 || s == 3, "state " + s);
        }
        assertTrue(m.hasDiscreteLatentSites());
        ModelPotential u = ModelPotential.of(m);
        assertEquals(List.of("start", "state"), u.enumeratedSites());
    }

    @Test
    void vectorisedLoopHasTheStepByStepDensity() throws IOException {
        int steps = 12;
        String text = hmmText(steps);
        ModelPotential vectorised = ModelPotential.of(FopplProgram.parse(text, "hmm.clj", EXAMPLES).model());
        ModelPotential sequential = ModelPotential.of(FopplProgram.parse(stepByStep(text), "hmm.clj", EXAMPLES).model());
        assertTrue(sequential.enumeratedSites().contains("state[11]"), "the reference runs step by step");
        assertSameLayout(vectorised, sequential);
        Tensor q = points(3, vectorised.dimension(), 11);
        assertArrayEquals(sequential.energy(q).toDoubleArray(), vectorised.energy(q).toDoubleArray(), 1e-8);
    }

    @Test
    void vectorisedLoopHasTheJavaHmmDensity() throws IOException {
        int steps = 40;
        ModelPotential foppl = ModelPotential.of(FopplProgram.parse(hmmText(steps), "hmm.clj", EXAMPLES).model());
        ModelPotential java = ModelPotential.of(DirichletHmm.load(steps).model());
        assertSameLayout(foppl, java);
        Tensor q = points(2, foppl.dimension(), 12);
        double[] expected = java.energy(q).toDoubleArray();
        double[] actual = foppl.energy(q).toDoubleArray();
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c], actual[c], 1e-9 * Math.abs(expected[c]), "chain " + c);
        }
    }

    /**
     * infer_discrete on the model file: with the rows of trans and emit fixed, the frequencies of the
     * drawn hidden states match their exact marginals (the gradient of log Z, {@link DiscreteMarginals}),
     * within 4 standard errors of a frequency of independent draws.
     */
    @Tag(TestSeeds.TAG)
    @Test
    void drawnHiddenStatesHaveTheirExactMarginals() throws IOException {
        int steps = 6;
        int draws = 400;
        FopplModel m = FopplProgram.parse(hmmText(steps), "hmm.clj", EXAMPLES).model();
        Random rng = new Random(TestSeeds.seed(21));
        Map<String, Tensor> values = Map.of("trans", rows(rng, 4, 4), "emit", rows(rng, 4, 10));
        Map<String, INDArray> drawn = InferDiscrete.sample(m, Map.of(
                "trans", values.get("trans").array().reshape(1, 1, 4, 4).repeat(1, draws),
                "emit", values.get("emit").array().reshape(1, 1, 4, 10).repeat(1, draws)),
                RandomStream.of(TestSeeds.seed(22)));
        assertArrayEquals(new long[]{1, draws, 50, steps - 1}, drawn.get("state").shape());
        assertArrayEquals(new long[]{1, draws, 50}, drawn.get("start").shape());
        Map<String, DiscreteMarginals.Marginal> exact = DiscreteMarginals.of(Handlers.substitute(values).wrap(m));
        INDArray pState = exact.get("state").probs().array();   // [50, steps - 1, 4]
        INDArray pStart = exact.get("start").probs().array();   // [50, 4]
        for (int seq : new int[]{0, 17, 49}) {
            for (int k = 0; k < 4; k++) {
                assertFrequency(drawn.get("start"), new long[]{seq}, k, pStart.getDouble(seq, k), "start");
                for (int t : new int[]{0, steps - 2}) {
                    assertFrequency(drawn.get("state"), new long[]{seq, t}, k, pState.getDouble(seq, t, k), "state");
                }
            }
        }
    }

    private static void assertFrequency(INDArray draws, long[] at, int value, double p, String site) {
        long n = draws.size(1);
        int hits = 0;
        for (long d = 0; d < n; d++) {
            long[] idx = new long[2 + at.length];
            idx[1] = d;
            System.arraycopy(at, 0, idx, 2, at.length);
            hits += draws.getDouble(idx) == value ? 1 : 0;
        }
        double se = Math.sqrt(Math.max(p * (1 - p), 1.0 / n) / n);
        assertEquals(p, hits / (double) n, 4 * se, site + java.util.Arrays.toString(at) + " = " + value);
    }

    /** {@code r} random probability rows of length {@code k}, bounded away from 0. */
    private static Tensor rows(Random rng, int r, int k) {
        double[][] out = new double[r][k];
        for (double[] row : out) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                row[j] = 0.2 + rng.nextDouble();
                sum += row[j];
            }
            for (int j = 0; j < k; j++) {
                row[j] /= sum;
            }
        }
        return Tensor.of(Nd4j.createFromArray(out));
    }
}
