package dev.pyrite.app.foppl;

import static dev.pyrite.app.foppl.TestPrograms.assertContains;
import static dev.pyrite.app.foppl.TestPrograms.parse;
import static dev.pyrite.app.foppl.TestPrograms.trace;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.EnumHandler;
import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.PlateFrame;
import dev.pyrite.handlers.Trace;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Site names, vectorised sites and their plates, and log densities of programs. */
class SitesTest {

    private static List<String> names(Trace t) {
        List<String> out = new ArrayList<>();
        for (Message m : t.sites()) {
            if (!m.isSubsample()) {
                out.add(m.name);
            }
        }
        return out;
    }

    private static double logJoint(String program, Map<String, Tensor> values) {
        FopplModel m = parse(program).model();
        Trace t = Handlers.trace().getTrace(Handlers.condition(values).wrap(m));
        return t.logProbSum().item();
    }

    private static double normalLp(double x, double mu, double sd) {
        return Normal.of(mu, sd).logProb(Tensor.scalar(x)).item();
    }

    @Test
    void siteNames() {
        Trace t = trace(String.join("\n",
                "(defn f [] (let [inner (sample (normal 0 1))] inner))",
                "(let [mu (sample (normal 0 1))",
                "      theta (foreach 3 [] (sample (normal mu 1)))",
                "      z (foreach 2 [n [1 2]] (sample (normal 0 n)))",
                "      ragged (foreach 2 [n [1 2]] (sample (normal (repeat n 0) 1)))",
                "      a (f)",
                "      b (f)]",
                "  (observe (normal mu 1) 0.3)",
                "  (+ (sample (normal 0 1)) 1))"), 0);
        assertEquals(List.of("mu", "theta", "z", "ragged[1]", "ragged[2]", "inner", "inner_2", "observe_8_3",
                "sample_9_6", "return"), names(t));
        assertArrayEquals(new long[]{3}, t.value("theta").shape());
        assertArrayEquals(new long[]{2}, t.value("ragged[2]").shape());
        assertTrue(t.site("observe_8_3").observed);
    }

    @Test
    void sequentialLoopsNameSitesByIteration() {
        Trace t = trace(String.join("\n",
                "(defn step [i x] (let [x (sample (normal x 1))] x))",
                "(let [xs (foreach 2 [k [1 2]] (foreach k [n (range k)] (sample (normal 0 1))))]",
                "  (loop 3 0 step))"), 0);
        List<String> n = names(t);
        assertTrue(n.containsAll(List.of("xs[1]", "xs[2]", "x[1]", "x[2]", "x[3]")), n.toString());
        assertArrayEquals(new long[]{1}, t.value("xs[1]").shape());   // inner foreach is vectorised
        assertArrayEquals(new long[]{2}, t.value("xs[2]").shape());
    }

    @Test
    void vectorisedSitesLiveInPlates() {
        Trace t = trace(String.join("\n",
                "(let [y [1 2 3 4]",
                "      mu (sample (normal [0 0] 1))",
                "      s (foreach 3 [] (sample (normal mu 1)))]",
                "  (observe (normal 0 1) y)",
                "  s)"), 0);
        Message mu = t.site("mu");
        assertEquals(1, mu.frames.size());
        assertEquals(2, mu.frames.get(0).size());
        Message s = t.site("s");
        assertArrayEquals(new long[]{3, 2}, s.tensorValue().shape());
        List<Long> sizes = new ArrayList<>();
        for (PlateFrame f : s.frames) {
            sizes.add(f.size());
        }
        assertTrue(sizes.containsAll(List.of(3L, 2L)), sizes.toString());
        Message obs = t.site("observe_4_3");
        assertEquals(1, obs.frames.size());
        assertEquals(4, obs.frames.get(0).size());
        assertArrayEquals(new long[]{4}, obs.distribution.batchShape());
    }

    @Test
    void logJointOfAVectorisedModel() {
        String program = String.join("\n",
                "(let [mu (sample (normal 0 2))",
                "      theta (foreach 3 [] (sample (normal mu 1)))]",
                "  (observe (normal theta 0.5) [0.1 0.2 0.3]))");
        double mu = 0.4;
        double[] theta = {0.1, -0.5, 1.2};
        double expected = normalLp(mu, 0, 2);
        double[] y = {0.1, 0.2, 0.3};
        for (int i = 0; i < 3; i++) {
            expected += normalLp(theta[i], mu, 1) + normalLp(y[i], theta[i], 0.5);
        }
        double got = logJoint(program, Map.of("mu", Tensor.scalar(mu), "theta", Tensor.of(theta)));
        assertEquals(expected, got, 1e-10);
    }

    @Test
    void ifOnARandomConditionCountsObservationsOnlyWhereItHolds() {
        String program = String.join("\n",
                "(let [x (sample (normal 0 1))]",
                "  (if (> x 0)",
                "      (observe (normal x 1) 2)",
                "      (observe (normal x 3) 2)))");
        for (double x : new double[]{0.7, -0.4}) {
            double expected = normalLp(x, 0, 1) + (x > 0 ? normalLp(2, x, 1) : normalLp(2, x, 3));
            assertEquals(expected, logJoint(program, Map.of("x", Tensor.scalar(x))), 1e-10);
        }
        // both branches are sites: the graph does not depend on the value
        Trace t = trace(program, 0);
        assertEquals(4, names(t).size());   // x, both observations, return
    }

    @Test
    void anIndexThatIsASampleSelectsByGather() {
        String program = String.join("\n",
                "(let [mu [-5 0 5]",
                "      z (sample (categorical [0.2 0.3 0.5]))]",
                "  (observe (normal (get mu z) 1) 4.5)",
                "  (get mu z))");
        for (int z = 0; z < 3; z++) {
            double expected = Math.log(new double[]{0.2, 0.3, 0.5}[z]) + normalLp(4.5, new double[]{-5, 0, 5}[z], 1);
            assertEquals(expected, logJoint(program, Map.of("z", Tensor.scalar(z))), 1e-10);
        }
        Message z = trace(program, 3).site("z");
        assertEquals(EnumHandler.PARALLEL, z.infer.get(EnumHandler.ENUMERATE));
    }

    @Test
    void discreteValues() {
        Trace t = trace(String.join("\n",
                "(let [f (sample (flip 0.5))",
                "      c (sample (categorical [1 1 1 1]))",
                "      u (foreach 200 [] (sample (uniform-discrete 2 5)))",
                "      b (sample (bernoulli 0.3))]",
                "  (if f c b))"), 2);
        double[] u = t.value("u").toDoubleArray();
        boolean[] seen = new boolean[6];
        for (double v : u) {
            assertTrue(v == 2 || v == 3 || v == 4, "uniform-discrete 2 5 gave " + v);
            seen[(int) v] = true;
        }
        assertTrue(seen[2] && seen[3] && seen[4]);
        double c = t.value("c").castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).item();
        assertTrue(c >= 0 && c <= 3);
        // flip's values are booleans in the program: (if f c b) works on them
        Trace t2 = trace("(if (sample (flip 0.99)) 1 2)", 0);
        assertEquals(1.0, t2.value("return").item(), 0);
    }

    @Test
    void observeBroadcastsTheValueAgainstTheDistribution() {
        Trace t = trace("(observe (normal [0 1] 1) [[1 2] [3 4] [5 6]])", 0);
        Message m = t.sites().stream().filter(s -> s.observed && !s.isSubsample()).findFirst().orElseThrow();
        assertArrayEquals(new long[]{3, 2}, m.distribution.batchShape());
        assertEquals(2, m.frames.size());
        assertThrows(FopplException.class, () -> trace("(observe (normal [0 1 2] 1) [1 2])", 0));
    }

    @Test
    void multivariateFamiliesBatchOverLeadingDimensions() {
        Trace t = trace(String.join("\n",
                "(let [p (foreach 5 [] (sample (dirichlet [1 2 3])))",
                "      x (sample (mvn [[0 0] [1 1]] [[1 0] [0 1]]))]",
                "  (observe (categorical (first p)) 2)",
                "  x)"), 0);
        assertArrayEquals(new long[]{5, 3}, t.value("p").shape());
        assertArrayEquals(new long[]{2, 2}, t.value("x").shape());
        assertEquals(1, t.site("x").frames.size());
        assertContains(assertThrows(FopplException.class, () -> trace("(sample (dirichlet 1))", 0)).getMessage(),
                "dirichlet argument 1 must be a vector");
    }

    @Test
    void unboundedDiscreteLatentSitesAreRejectedForGradientInference() {
        FopplModel m = parse("(let [n (sample (poisson 3))]\n  (observe (normal n 1) 2.5))").model();
        FopplException e = assertThrows(FopplException.class, () -> m.checkGradientInference("NUTS"));
        assertTrue(e.getMessage().startsWith("t.clj:1:9: site 'n' is a discrete latent variable (poisson)"),
                e.getMessage());
        FopplModel ok = parse("(let [z (sample (categorical [0.5 0.5]))] z)").model();
        ok.checkGradientInference("NUTS");
        assertTrue(ok.hasDiscreteLatentSites());
        assertFalse(parse("(sample (normal 0 1))").model().hasDiscreteLatentSites());
    }

    @Test
    void programValuesPerDrawAreNamedAsArrays() {
        FopplModel m = parse("(let [a (sample (normal 0 1))] [[a (* 2 a)] a {:k (+ a 1)}])").model();
        List<String> omitted = new ArrayList<>();
        Map<String, double[]> v = m.programValues(Map.of("a", Tensor.of(1.0, 2.0, 3.0)), 3, omitted);
        assertEquals(List.of("return_1[1]", "return_1[2]", "return_2", "return_3_k"), new ArrayList<>(v.keySet()));
        assertArrayEquals(new double[]{2, 4, 6}, v.get("return_1[2]"), 1e-12);
        assertArrayEquals(new double[]{2, 3, 4}, v.get("return_3_k"), 1e-12);
        assertTrue(omitted.isEmpty());
        FopplModel d = parse("(let [a (sample (normal 0 1))] [a (normal a 1)])").model();
        List<String> omitted2 = new ArrayList<>();
        assertEquals(List.of("return_1"), new ArrayList<>(d.programValues(Map.of("a", Tensor.of(1.0, 2.0)), 2, omitted2)
                .keySet()));
        assertEquals(List.of("return_2"), omitted2);
    }

    @Test
    void theProgramValueIsTheReturnSite() {
        Trace t = trace("(let [a (sample (normal 0 1))] [a (* 2 a)])", 5);
        double a = t.value("a").item();
        assertArrayEquals(new double[]{a, 2 * a}, t.value("return").toDoubleArray(), 1e-12);
    }
}
