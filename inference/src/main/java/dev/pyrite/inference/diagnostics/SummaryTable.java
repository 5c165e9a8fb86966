package dev.pyrite.inference.diagnostics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable list of {@link SummaryRow}s that renders as an aligned text table or as CSV,
 * with the columns {@code variable mean sd mcse_mean q5 q50 q95 rhat ess_bulk ess_tail}.
 *
 * <p>Text formatting, meant for people: the variable name is left-aligned and the numbers
 * right-aligned; {@code mean}, {@code sd}, {@code mcse_mean} and the quantiles show three
 * significant digits (more if the integer part is longer; scientific notation below 0.001 or
 * from 1e6 in magnitude), {@code rhat} three decimals and the ESS columns whole numbers. NaN
 * prints as {@code NA}, infinities as {@code Inf} and {@code -Inf}.
 *
 * <p>CSV formatting, meant for programs (RFC 4180, {@code \n} line ends): numbers are written
 * with {@link Double#toString(double)} at full precision, so {@link Double#parseDouble} reads
 * them back exactly, and NaN as {@code NaN}; variable names containing a comma, quote or line
 * break are quoted.
 */
public final class SummaryTable {

  /** The column names, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "variable", "mean", "sd", "mcse_mean", "q5", "q50", "q95", "rhat", "ess_bulk",
          "ess_tail");

  /** The column added after {@link #COLUMNS} when some row has a nested R-hat (chains in superchains). */
  public static final String NESTED_RHAT_COLUMN = "rhat_nested";

  private static final String COLUMN_GAP = "  ";

  private final List<SummaryRow> rows;

  private SummaryTable(List<SummaryRow> rows) {
    this.rows = rows;
  }

  /**
   * Creates a table of the given rows, in order.
   *
   * @param rows the rows; neither the list nor any row may be null
   * @return the table
   * @throws NullPointerException if {@code rows} or one of its elements is null
   */
  public static SummaryTable of(List<SummaryRow> rows) {
    return new SummaryTable(List.copyOf(rows));
  }

  /**
   * Creates a table of the given rows, in order.
   *
   * @param rows the rows; none may be null
   * @return the table
   * @throws NullPointerException if a row is null
   */
  public static SummaryTable of(SummaryRow... rows) {
    return new SummaryTable(List.of(rows));
  }

  /**
   * Summarises several quantities with {@link Summary#of(String, double[][])}, one row each, in
   * the iteration order of the map (use a {@link java.util.LinkedHashMap} to control it).
   *
   * @param drawsByVariable draws indexed {@code [chain][draw]} by variable name
   * @return the table
   * @throws IllegalArgumentException if the draws of a variable are invalid; the message names
   *     the variable
   */
  public static SummaryTable summarize(Map<String, double[][]> drawsByVariable) {
    return summarize(drawsByVariable, 0);
  }

  /**
   * As {@link #summarize(Map)}, with the chains grouped into {@code superchains} superchains: each
   * row gets its {@link NestedRhat} and the table its {@value #NESTED_RHAT_COLUMN} column.
   *
   * @param drawsByVariable draws indexed {@code [chain][draw]} by variable name
   * @param superchains K, at least 2 and dividing the number of chains; 0 for none
   * @return the table
   * @throws IllegalArgumentException if the draws of a variable are invalid; the message names
   *     the variable
   */
  public static SummaryTable summarize(Map<String, double[][]> drawsByVariable, int superchains) {
    List<SummaryRow> rows = new ArrayList<>(drawsByVariable.size());
    for (Map.Entry<String, double[][]> entry : drawsByVariable.entrySet()) {
      try {
        rows.add(Summary.of(entry.getKey(), entry.getValue(), superchains));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "variable '" + entry.getKey() + "': " + e.getMessage(), e);
      }
    }
    return new SummaryTable(List.copyOf(rows));
  }

  /**
   * The rows of the table.
   *
   * @return the rows, in order, as an unmodifiable list
   */
  public List<SummaryRow> rows() {
    return rows;
  }

  /**
   * Formats the table as aligned text: a header line with {@link #COLUMNS} (and
   * {@value #NESTED_RHAT_COLUMN} when a row has a nested R-hat), then one line per row, each
   * ending with {@code \n}.
   *
   * @return the text table
   */
  public String toText() {
    boolean nested = hasNestedRhat();
    List<String[]> cells = new ArrayList<>(rows.size() + 1);
    cells.add(columns(nested).toArray(new String[0]));
    for (SummaryRow row : rows) {
      String[] line =
          new String[] {
            row.variable(),
            significant(row.mean()),
            significant(row.sd()),
            significant(row.mcseMean()),
            significant(row.q5()),
            significant(row.q50()),
            significant(row.q95()),
            fixed(row.rhat(), 3),
            fixed(row.essBulk(), 0),
            fixed(row.essTail(), 0),
            fixed(row.rhatNested(), 3)
          };
      cells.add(nested ? line : Arrays.copyOf(line, COLUMNS.size()));
    }
    int[] widths = new int[cells.get(0).length];
    for (String[] line : cells) {
      for (int j = 0; j < line.length; j++) {
        widths[j] = Math.max(widths[j], line[j].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] line : cells) {
      for (int j = 0; j < line.length; j++) {
        if (j == 0) {
          out.append(line[j]).append(" ".repeat(widths[j] - line[j].length()));
        } else {
          out.append(COLUMN_GAP).append(" ".repeat(widths[j] - line[j].length())).append(line[j]);
        }
      }
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * Formats the table as CSV: the header
   * {@code variable,mean,sd,mcse_mean,q5,q50,q95,rhat,ess_bulk,ess_tail} (and
   * {@code ,rhat_nested} when a row has a nested R-hat), then one line per row,
   * each ending with {@code \n}.
   *
   * @return the CSV text
   */
  public String toCsv() {
    boolean nested = hasNestedRhat();
    StringBuilder out = new StringBuilder();
    out.append(String.join(",", columns(nested))).append('\n');
    for (SummaryRow row : rows) {
      out.append(csvField(row.variable()));
      double[] values = {
        row.mean(), row.sd(), row.mcseMean(), row.q5(), row.q50(), row.q95(), row.rhat(),
        row.essBulk(), row.essTail(), row.rhatNested()
      };
      for (int j = 0; j < (nested ? values.length : values.length - 1); j++) {
        out.append(',').append(Double.toString(values[j]));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Whether some row has a nested R-hat: then the tables have the {@value #NESTED_RHAT_COLUMN} column. */
  private boolean hasNestedRhat() {
    for (SummaryRow row : rows) {
      if (!Double.isNaN(row.rhatNested())) {
        return true;
      }
    }
    return false;
  }

  private static List<String> columns(boolean nested) {
    if (!nested) {
      return COLUMNS;
    }
    List<String> all = new ArrayList<>(COLUMNS);
    all.add(NESTED_RHAT_COLUMN);
    return all;
  }

  /** The same as {@link #toText()}. */
  @Override
  public String toString() {
    return toText();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SummaryTable && ((SummaryTable) other).rows.equals(rows);
  }

  @Override
  public int hashCode() {
    return rows.hashCode();
  }

  /** Three significant digits, never rounding the integer part; see the class documentation. */
  static String significant(double v) {
    if (!Double.isFinite(v)) {
      return nonFinite(v);
    }
    if (v == 0.0) {
      return "0";
    }
    double magnitude = Math.abs(v);
    if (magnitude < 1e-3 || magnitude >= 1e6) {
      return String.format(Locale.ROOT, "%.2e", v);
    }
    int exponent = (int) Math.floor(Math.log10(magnitude));
    return fixed(v, Math.max(0, 2 - exponent));
  }

  /** Fixed number of decimals, with NA / Inf / -Inf for non-finite values. */
  static String fixed(double v, int decimals) {
    if (!Double.isFinite(v)) {
      return nonFinite(v);
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String nonFinite(double v) {
    if (Double.isNaN(v)) {
      return "NA";
    }
    return v > 0 ? "Inf" : "-Inf";
  }

  /** Quotes a CSV field if needed (RFC 4180): wraps it in quotes and doubles inner quotes. */
  static String csvField(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
