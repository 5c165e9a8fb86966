package dev.pyrite.inference.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every diagnostic against the R package {@code posterior} (Vehtari, Gelman, Simpson, Carpenter and
 * Burkner 2021), the reference implementation of these algorithms, on the same draws. The files live in
 * {@code src/test/resources/diagnostics}: {@code reference_draws.py} writes the draws of
 * {@link TestDraws#arUniform} and {@link TestDraws#discrete} (SplitMix64, exactly rounded arithmetic
 * only) as exact hexadecimal doubles in {@code draws_*.csv}, and {@code posterior_reference.R} computes
 * {@code posterior_reference.csv} from them (posterior 1.4.0 on R 4.2.2; see the script for how to
 * rerun it). {@code diagnostics_reference.py}, an independent NumPy transcription of the formulas,
 * agrees with it on case A to 1e-14.
 *
 * <p>Both sides evaluate the same formulas in double precision, differing only in summation order, FFT
 * algorithm and normal-quantile approximation (each accurate to ~1e-15 relative), so agreement to 1e-9
 * relative is expected; it would miss none of the algorithmic details (split, offsets, truncation rules)
 * that change results at the 1e-3 level or more.
 */
class ReferenceValuesTest {
    private static final double RELATIVE = 1e-9;

    /** The cases' draws as TestDraws generates them; the test checks they equal the shipped files bit for bit. */
    private static final Map<String, double[][]> GENERATED = Map.of(
            "A", TestDraws.arUniform(42L, 4, 203, 0.6, 0.05),   // 4 chains x 203 (odd: the middle draw is dropped when splitting), shifted
            "B", TestDraws.arUniform(7L, 1, 64, 0.3, 0.0),      // a single chain
            "C", TestDraws.discrete(2024L, 3, 100));            // values 0..4: many ties (average ranks)

    private static final Map<String, ToDoubleFunction<double[][]>> QUANTITIES = new LinkedHashMap<>();

    static {
        QUANTITIES.put("rhat", SplitRhat::rhat);
        QUANTITIES.put("rhat_bulk", x -> SplitRhat.of(x).bulk());
        QUANTITIES.put("rhat_tail", x -> SplitRhat.of(x).tail());
        QUANTITIES.put("rhat_basic", SplitRhat::basic);
        QUANTITIES.put("ess_bulk", EffectiveSampleSize::bulk);
        QUANTITIES.put("ess_tail", EffectiveSampleSize::tail);
        QUANTITIES.put("ess_basic", EffectiveSampleSize::basic);
        QUANTITIES.put("ess_q05", x -> EffectiveSampleSize.quantile(x, 0.05));
        QUANTITIES.put("ess_q50", x -> EffectiveSampleSize.quantile(x, 0.5));
        // Case C: the 95% quantile is the maximum, 4, so I(x <= q95) is constant. posterior reports NA there (and so
        // for the tail ESS, a minimum including it), which this library follows with NaN; ArviZ reports the draw count.
        QUANTITIES.put("ess_q95", x -> EffectiveSampleSize.quantile(x, 0.95));
        QUANTITIES.put("mcse_mean", McseMean::of);
        QUANTITIES.put("mean", x -> Summary.of("x", x).mean());
        QUANTITIES.put("sd", x -> Summary.of("x", x).sd());
        QUANTITIES.put("q5", x -> Summary.of("x", x).q5());
        QUANTITIES.put("q50", x -> Summary.of("x", x).q50());
        QUANTITIES.put("q95", x -> Summary.of("x", x).q95());
    }

    private static Path resource(String name) {
        try {
            return Paths.get(ReferenceValuesTest.class.getResource("/diagnostics/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource diagnostics/" + name, e);
        }
    }

    /** A {@code name,value} file whose values may be NaN (what posterior gives where a quantity is NA). */
    private static Map<String, Double> nameValues(Path file) {
        Map<String, Double> values = new LinkedHashMap<>();
        List<String> lines = lines(file);
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                String[] f = line.split(",");
                values.put(f[0], Double.parseDouble(f[1]));
            }
        }
        return values;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The shipped draws: {@code chain,draw,value} with the values as exact hexadecimal doubles, which
     * Pyrite's {@code Csv} (decimal data only, by design) refuses; Java's {@link Double#parseDouble} reads them.
     */
    private static double[][] shippedDraws(String name) {
        List<String> lines = lines(resource("draws_" + name + ".csv"));
        assertEquals("chain,draw,value", lines.get(0), "header of draws_" + name + ".csv");
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                String[] f = line.split(",");
                rows.add(new double[]{Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])});
            }
        }
        int chains = (int) rows.get(rows.size() - 1)[0] + 1;
        double[][] x = new double[chains][rows.size() / chains];
        for (double[] r : rows) {
            x[(int) r[0]][(int) r[1]] = r[2];
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "B", "C"})
    void shippedDrawsAreTheGeneratorsBitForBit(String name) {
        double[][] shipped = shippedDraws(name);
        double[][] generated = GENERATED.get(name);
        assertEquals(generated.length, shipped.length, "chains of case " + name);
        for (int c = 0; c < generated.length; c++) {
            for (int i = 0; i < generated[c].length; i++) {
                assertEquals(Double.doubleToRawLongBits(generated[c][i]), Double.doubleToRawLongBits(shipped[c][i]),
                        "case " + name + ", chain " + c + ", draw " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "B", "C"})
    void everyDiagnosticMatchesPosterior(String name) {
        double[][] x = shippedDraws(name);
        Map<String, Double> reference = nameValues(resource("posterior_reference.csv"));
        for (Map.Entry<String, ToDoubleFunction<double[][]>> q : QUANTITIES.entrySet()) {
            Double entry = reference.get(name + "." + q.getKey());
            assertNotNull(entry, "posterior_reference.csv lacks " + name + "." + q.getKey());
            double expected = entry;
            double actual = q.getValue().applyAsDouble(x);
            String what = "case " + name + ", " + q.getKey();
            if (Double.isNaN(expected)) {
                assertEquals(Double.NaN, actual, what);
            } else {
                assertEquals(expected, actual, RELATIVE * Math.abs(expected), what);
            }
        }
    }
}
