package dev.pyrite.handlers;

import static dev.pyrite.handlers.Pyrite.deterministic;
import static dev.pyrite.handlers.Pyrite.factor;
import static dev.pyrite.handlers.Pyrite.param;
import static dev.pyrite.handlers.Pyrite.plate;
import static dev.pyrite.handlers.Pyrite.plateAt;
import static dev.pyrite.handlers.Pyrite.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.distributions.Bernoulli;
import dev.pyrite.distributions.Normal;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Plate broadcasting (nested, automatic and fixed dims, subsampling), mask and scale. */
class PlateShapeTest {

    @BeforeEach
    void clearStore() {
        ParamStore.global().clear();
    }

    static void nested() {
        param("w", Tensor.zeros(3, 2));
        sample("a", Normal.of(0.0, 1.0));
        try (Plate x = plate("x_axis", 3)) {
            sample("b", Normal.of(0.0, 1.0));
            try (Plate y = plate("y_axis", 2)) {
                sample("c", Normal.of(0.0, 1.0));
                sample("d", Normal.of(Tensor.zeros(4), Tensor.scalar(1.0)).toEvent(1));
            }
        }
        try (Plate data = plate("data", 100, 10)) {
            sample("e", Bernoulli.ofProbs(0.5));
            factor("f", Tensor.scalar(-1.0));
        }
        deterministic("g", Tensor.zeros(5));
    }

    @Test
    void nestedPlatesShapeTable() {
        Trace tr = Handlers.trace().getTrace(Handlers.seed(0).wrap(PlateShapeTest::nested));
        String expected = String.join("\n",
                "Trace Shapes:",
                " Param Sites:",
                "            w 3  2",
                "Sample Sites:",
                "       a dist      |",
                "        value      |",
                "     log_prob      |",
                " x_axis plate    3 |",
                "       b dist    3 |",
                "        value    3 |",
                "     log_prob    3 |",
                " y_axis plate    2 |",
                "       c dist 2  3 |",
                "        value 2  3 |",
                "     log_prob 2  3 |",
                "       d dist 2  3 | 4",
                "        value 2  3 | 4",
                "     log_prob 2  3 |",
                "   data plate   10 |",
                "       e dist   10 |",
                "        value   10 |",
                "     log_prob   10 |",
                "     f factor   10 |",
                "     log_prob   10 |",
                "      g value    5 |",
                "");
        assertEquals(expected, tr.computeLogProb().formatShapes());
        assertEquals(List.of("y_axis", "x_axis"), names(tr.site("c").frames), "frames innermost first");
        assertEquals(-2, tr.site("c").frames.get(0).dim());
        assertEquals(-1, tr.site("c").frames.get(1).dim());
    }

    private static List<String> names(List<PlateFrame> frames) {
        List<String> out = new ArrayList<>();
        frames.forEach(f -> out.add(f.name()));
        return out;
    }

    @Test
    void automaticDimsTakeTheRightmostFreeDimension() {
        Trace tr = Handlers.trace().getTrace(Handlers.seed(0).wrap(() -> {
            try (Plate outer = plateAt("outer", 4, -2); Plate inner = plate("inner", 3)) {
                assertEquals(-1, inner.dim(), "-1 is free although the plate is nested inside -2");
                sample("z", Normal.of(0.0, 1.0));
            }
            try (Plate p = plate("later", 5)) {
                assertEquals(-1, p.dim(), "dims are free again after their plates close");
                sample("u", Normal.of(0.0, 1.0));
            }
        }));
        assertArrayEquals(new long[]{4, 3}, tr.value("z").shape());
        assertArrayEquals(new long[]{5}, tr.value("u").shape());
    }

    @Test
    void siblingPlatesShareADimensionAndBroadcastTogether() {
        Tensor y = Tensor.of(new double[][]{{1, 2, 3}, {4, 5, 6}});
        Trace tr = Handlers.trace().getTrace(Handlers.seed(0).wrap(() -> {
            try (Plate cols = plate("cols", 3)) {
                Tensor mu = sample("mu", Normal.of(0.0, 1.0));
                try (Plate rows = plate("rows", 2)) {
                    sample("y", Normal.of(mu, Tensor.scalar(1.0)), y);
                }
            }
        }));
        assertArrayEquals(new long[]{3}, tr.value("mu").shape());
        assertArrayEquals(new long[]{2, 3}, tr.site("y").logProb().shape());
        double[] mu = tr.value("mu").toDoubleArray();
        double expected = 0;
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                expected += ElboTest.logN(r * 3 + c + 1, mu[c], 1.0);
            }
        }
        assertEquals(expected, tr.site("y").logProbSum().item(), 1e-12);
    }

    @Test
    void subsamplingScalesAndExposesIndices() {
        double[] data = new double[20];
        for (int i = 0; i < data.length; i++) {
            data[i] = 0.1 * i;
        }
        Tensor y = Tensor.of(data);
        List<Long> seen = new ArrayList<>();
        Runnable model = () -> {
            try (Plate p = plate("data", 20, 5)) {
                seen.clear();
                for (long i : p) {
                    seen.add(i);
                }
                sample("y", Normal.of(0.0, 1.0), p.subsample(y));
            }
        };
        Trace tr = Handlers.trace().getTrace(Handlers.seed(3).wrap(model));
        long[] idx = Nd4j.createFromArray(tr.value("data").toDoubleArray()).toLongVector();
        assertEquals(5, idx.length);
        Set<Long> distinct = new HashSet<>();
        for (long i : idx) {
            assertTrue(i >= 0 && i < 20);
            distinct.add(i);
        }
        assertEquals(5, distinct.size(), "without replacement");
        assertEquals(List.of(idx[0], idx[1], idx[2], idx[3], idx[4]), seen, "the plate iterates its indices");
        Message site = tr.site("y");
        assertEquals(4.0, site.scale.item(), 0.0);
        assertEquals(20, site.frames.get(0).size());
        assertEquals(5, site.frames.get(0).subsampleSize());
        double expected = 0;
        for (long i : idx) {
            expected += ElboTest.logN(data[(int) i], 0, 1);
        }
        assertEquals(4.0 * expected, tr.logProbSum().item(), 1e-12);

        Trace same = Handlers.trace().getTrace(Handlers.seed(3).wrap(model));
        assertArrayEquals(tr.value("data").toDoubleArray(), same.value("data").toDoubleArray(), 0.0);
        Trace other = Handlers.trace().getTrace(Handlers.seed(4).wrap(model));
        assertNotEquals(List.of(tr.value("data").toDoubleArray()), List.of(other.value("data").toDoubleArray()));
        Trace replayed = Handlers.trace().getTrace(Handlers.seed(99).wrap(Handlers.replay(tr).wrap(model)));
        assertArrayEquals(tr.value("data").toDoubleArray(), replayed.value("data").toDoubleArray(), 0.0,
                "a replayed plate reuses the subsample");
    }

    @Test
    void maskZeroesLogDensitiesEvenWhereTheyAreInfinite() {
        Tensor keep = Tensor.of(Nd4j.createFromArray(true, false, true));
        Trace tr = Handlers.trace().getTrace(() -> {
            try (Plate p = plate("i", 3); MaskHandler m = Handlers.mask(keep).enter()) {
                factor("f", Tensor.of(0.5, Double.NEGATIVE_INFINITY, 1.0));
                sample("y", Normal.of(0.0, 1.0), Tensor.of(1.0, 2.0, 3.0));
            }
        });
        assertArrayEquals(new double[]{0.5, 0.0, 1.0}, tr.site("f").scaledLogProb().toDoubleArray(), 0.0);
        double expected = 1.5 + ElboTest.logN(1, 0, 1) + ElboTest.logN(3, 0, 1);
        assertEquals(expected, tr.logProbSum().item(), 1e-12);
        Trace none = Handlers.trace().getTrace(Handlers.mask(false).wrap(() -> {
            sample("y", Normal.of(0.0, 1.0), Tensor.scalar(1.0));
        }));
        assertEquals(0.0, none.logProbSum().item(), 0.0);
        // Nested masks are and-ed, and broadcast: [3] and [2, 1] give [2, 3].
        Tensor rows = Tensor.of(Nd4j.createFromArray(new boolean[][]{{true}, {false}}));
        Trace nested = Handlers.trace().getTrace(Handlers.mask(rows).wrap(Handlers.mask(keep).wrap(() -> {
            try (Plate p = plate("i", 3)) {
                factor("f", Tensor.of(1.0, 2.0, 4.0));
            }
        })));
        assertArrayEquals(new double[]{1.0, 0.0, 4.0, 0.0, 0.0, 0.0}, nested.site("f").scaledLogProb().toDoubleArray(),
                0.0);
    }

    @Test
    void scaleMultipliesAndComposesWithSubsampling() {
        Runnable model = () -> {
            try (Plate p = plate("i", 4, 2)) {
                sample("y", Normal.of(0.0, 1.0), Tensor.of(1.0, -1.0));
            }
        };
        double base = ElboTest.logN(1, 0, 1) + ElboTest.logN(-1, 0, 1);
        Trace plain = Handlers.trace().getTrace(Handlers.seed(0).wrap(model));
        assertEquals(2 * base, plain.logProbSum().item(), 1e-12, "subsample scale 4 / 2");
        Trace scaled = Handlers.trace().getTrace(Handlers.seed(0).wrap(Handlers.scale(0.25).wrap(model)));
        assertEquals(0.5 * base, scaled.logProbSum().item(), 1e-12);
        Trace byTensor = Handlers.trace().getTrace(Handlers.seed(0).wrap(
                Handlers.scale(Tensor.of(1.0, 3.0)).wrap(model)));
        double expected = 2 * (ElboTest.logN(1, 0, 1) + 3 * ElboTest.logN(-1, 0, 1));
        assertEquals(expected, byTensor.logProbSum().item(), 1e-12);
    }
}
