package dev.pyrite.app.foppl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.Trace;
import dev.pyrite.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The vectorised evaluation of foreach (one site per sample statement, plates) against the plain one
 * (iteration by iteration, a site per iteration): the same program value and the same log joint at the
 * same values, for bodies that use arithmetic, indexing by the loop variable and by samples, if on
 * per-element conditions, nested loops and functions.
 */
class VectorisedForeachTest {

    private static Trace run(String program, boolean vectorise, long seed) {
        FopplModel m = FopplProgram.parse(program, "t.clj", TestPrograms.EXAMPLES, vectorise).model();
        return Handlers.trace().getTrace(Handlers.seed(seed).wrap(m));
    }

    /** The latent values of the plain trace, regrouped as the vectorised sites ({@code z[3]} into {@code z}). */
    private static Map<String, Tensor> asVectorised(Trace plain, Trace vectorised) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Message site : vectorised.latentSites()) {
            if (plain.contains(site.name)) {
                out.put(site.name, plain.value(site.name));
                continue;
            }
            long[] shape = site.tensorValue().shape();
            if (plain.contains(site.name + "[1]")) {
                Tensor[] parts = new Tensor[(int) shape[0]];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = plain.value(site.name + "[" + (i + 1) + "]");
                }
                out.put(site.name, Tensor.stack(0, parts));
            } else {   // two nested loops: name[i,j]
                Tensor[] rows = new Tensor[(int) shape[0]];
                for (int i = 0; i < rows.length; i++) {
                    Tensor[] row = new Tensor[(int) shape[1]];
                    for (int j = 0; j < row.length; j++) {
                        row[j] = plain.value(site.name + "[" + (i + 1) + "," + (j + 1) + "]");
                    }
                    rows[i] = Tensor.stack(0, row);
                }
                out.put(site.name, Tensor.stack(0, rows));
            }
        }
        return out;
    }

    private static void assertSame(String program) {
        Trace plain = run(program, false, 3);
        Trace vectorised = run(program, true, 3);
        assertTrue(plain.size() > vectorised.size(), "the plain run should have more sites");
        Map<String, Tensor> values = asVectorised(plain, vectorised);
        FopplModel v = FopplProgram.parse(program, "t.clj", TestPrograms.EXAMPLES, true).model();
        Trace replayed = Handlers.trace().getTrace(Handlers.condition(values).wrap(v));
        assertEquals(plain.logProbSum().item(), replayed.logProbSum().item(), 1e-9, program);
        assertArrayEquals(plain.value("return").toDoubleArray(), replayed.value("return").toDoubleArray(), 1e-12);
    }

    @Test
    void arithmeticAndObservations() {
        assertSame(String.join("\n",
                "(let [y (read-csv \"data/eight_schools.csv\" \"y\")",
                "      s (read-csv \"data/eight_schools.csv\" \"sigma\")",
                "      mu (sample (normal 0 5))",
                "      z (foreach 8 [yj y sj s] (let [t (sample (normal 0 1))]",
                "                                  (observe (normal (+ mu (* 2 t)) sj) yj)",
                "                                  (exp t)))]",
                "  z)"));
    }

    @Test
    void discreteIndicesAndConditions() {
        assertSame(String.join("\n",
                "(let [mu [-1 0 2]",
                "      z (foreach 6 [y [0.1 -1.2 2.5 0.3 1.9 -0.7]]",
                "          (let [k (sample (categorical [0.2 0.3 0.5]))]",
                "            (if (> y 0)",
                "                (observe (normal (get mu k) 1) y)",
                "                (observe (normal (get mu k) 2) y))",
                "            k))]",
                "  z)"));
    }

    @Test
    void nestedLoopsAndFunctions() {
        assertSame(String.join("\n",
                "(defn cell [a b] (let [c (sample (normal (* a b) 1))] (+ c 1)))",
                "(let [m (foreach 3 [a [1 2 3]]",
                "          (foreach 2 [b [0.5 -0.5]] (cell a b)))]",
                "  (observe (normal (sum m) 1) 2)",
                "  m)"));
    }
}
