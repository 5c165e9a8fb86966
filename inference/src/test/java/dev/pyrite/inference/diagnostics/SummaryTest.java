package dev.pyrite.inference.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {

  @Test
  void rowCombinesTheIndividualDiagnostics() {
    double[][] x = TestDraws.ar1(31L, 4, 300, 0.5);
    SummaryRow row = Summary.of("theta", x);
    double[] pooled = Draws.pool(x);
    assertEquals("theta", row.variable());
    assertEquals(Draws.mean(pooled), row.mean(), 0.0);
    assertEquals(Math.sqrt(Draws.sampleVariance(pooled)), row.sd(), 0.0);
    assertEquals(McseMean.of(x), row.mcseMean(), 0.0);
    assertEquals(Quantiles.type7(pooled, 0.05), row.q5(), 0.0);
    assertEquals(Quantiles.type7(pooled, 0.50), row.q50(), 0.0);
    assertEquals(Quantiles.type7(pooled, 0.95), row.q95(), 0.0);
    assertEquals(SplitRhat.rhat(x), row.rhat(), 0.0);
    assertEquals(EffectiveSampleSize.bulk(x), row.essBulk(), 0.0);
    assertEquals(EffectiveSampleSize.tail(x), row.essTail(), 0.0);
  }

  @Test
  void constantDrawsGiveNaNDiagnosticsButFiniteMoments() {
    SummaryRow row = Summary.of("c", new double[][] {{3, 3, 3, 3}, {3, 3, 3, 3}});
    assertEquals(3.0, row.mean(), 0.0);
    assertEquals(0.0, row.sd(), 0.0);
    assertEquals(3.0, row.q5(), 0.0);
    assertTrue(Double.isNaN(row.rhat()));
    assertTrue(Double.isNaN(row.essBulk()));
    assertTrue(Double.isNaN(row.essTail()));
    assertTrue(Double.isNaN(row.mcseMean()));
  }

  @Test
  void csvHasTheExpectedHeaderAndRoundTripsNumbers() {
    SummaryRow row = new SummaryRow("mu", 0.1, 2.0, 1e-5, -1.5, 0.125, 3.0, 1.0012, 3890.5, Double.NaN);
    String csv = SummaryTable.of(row).toCsv();
    String[] lines = csv.split("\n", -1);
    assertEquals(3, lines.length); // header, row, empty string after the final newline
    assertEquals("variable,mean,sd,mcse_mean,q5,q50,q95,rhat,ess_bulk,ess_tail", lines[0]);
    assertEquals("", lines[2]);
    String[] fields = lines[1].split(",");
    assertEquals("mu", fields[0]);
    double[] expected = {0.1, 2.0, 1e-5, -1.5, 0.125, 3.0, 1.0012, 3890.5, Double.NaN};
    for (int j = 0; j < expected.length; j++) {
      assertEquals(expected[j], Double.parseDouble(fields[j + 1]), 0.0, "column " + (j + 1));
    }
  }

  @Test
  void csvQuotesAwkwardNames() {
    SummaryRow row = new SummaryRow("beta[1,2] \"x\"", 0, 1, 0, 0, 0, 0, 1, 1, 1);
    String line = SummaryTable.of(row).toCsv().split("\n")[1];
    assertTrue(line.startsWith("\"beta[1,2] \"\"x\"\"\",0.0,"), line);
  }

  @Test
  void textTableIsAligned() {
    SummaryTable table =
        SummaryTable.of(
            new SummaryRow("mu", 0.123456, 2.5, 0.0004, -1.5, 0.1, 3.0, 1.0012, 3890.4, 2999.6),
            new SummaryRow("log_sigma", -12345.678, 0.05, 0.01, -4.0, 2.0, 1e7, Double.NaN, Double.NaN, 12.0));
    String text = table.toText();
    String[] lines = text.split("\n");
    assertEquals(3, lines.length);
    assertTrue(text.endsWith("\n"));
    assertEquals(
        List.of(
            "variable", "mean", "sd", "mcse_mean", "q5", "q50", "q95", "rhat", "ess_bulk",
            "ess_tail"),
        List.of(lines[0].trim().split(" +")));
    // Every line has the same width and the columns end at the same positions.
    assertEquals(lines[0].length(), lines[1].length());
    assertEquals(lines[0].length(), lines[2].length());
    assertEquals(
        List.of("mu", "0.123", "2.50", "4.00e-04", "-1.50", "0.100", "3.00", "1.001", "3890", "3000"),
        List.of(lines[1].trim().split(" +")));
    assertEquals(
        List.of("log_sigma", "-12346", "0.0500", "0.0100", "-4.00", "2.00", "1.00e+07", "NA", "NA", "12"),
        List.of(lines[2].trim().split(" +")));
    assertTrue(lines[1].startsWith("mu       "), "variable column is left-aligned");
    int essTailEnd = lines[0].length();
    for (String line : lines) {
      assertEquals(essTailEnd, line.length());
    }
    assertEquals(text, table.toString());
  }

  @Test
  void summarizeKeepsMapOrderAndNamesTheBadVariable() {
    Map<String, double[][]> draws = new LinkedHashMap<>();
    draws.put("b", TestDraws.iidNormal(1L, 2, 50));
    draws.put("a", TestDraws.iidNormal(2L, 2, 50));
    SummaryTable table = SummaryTable.summarize(draws);
    assertEquals(2, table.rows().size());
    assertEquals("b", table.rows().get(0).variable());
    assertEquals("a", table.rows().get(1).variable());
    assertEquals(Summary.of("a", draws.get("a")), table.rows().get(1));
    assertThrows(UnsupportedOperationException.class, () -> table.rows().clear());

    draws.put("bad", new double[][] {{1, 2, 3}});
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SummaryTable.summarize(draws));
    assertEquals("variable 'bad': each chain needs at least 4 draws, but has 3", e.getMessage());
  }

  @Test
  void tableIsAnImmutableCopy() {
    SummaryRow row = new SummaryRow("x", 0, 1, 0, 0, 0, 0, 1, 1, 1);
    List<SummaryRow> rows = new java.util.ArrayList<>(List.of(row));
    SummaryTable table = SummaryTable.of(rows);
    rows.clear();
    assertEquals(1, table.rows().size());
    assertEquals(SummaryTable.of(row), table);
  }
}
