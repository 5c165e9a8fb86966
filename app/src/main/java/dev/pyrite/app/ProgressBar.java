package dev.pyrite.app;

import dev.pyrite.inference.mcmc.McmcListener;
import dev.pyrite.inference.svi.SviListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar for a terminal: phase, iterations done, iterations per second, divergences,
 * mean step size and the estimated time left, redrawn in place at most ten times a second.
 *
 * <pre>
 * sampling [##############-----------]  850/1500   312 it/s  step 0.412  div 1  eta 2s
 * </pre>
 */
final class ProgressBar implements McmcListener, SviListener {
    private static final int WIDTH = 28;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastLength;
    private final int sviSteps;

    ProgressBar(PrintStream out) {
        this(out, 0);
    }

    /** A bar for {@code sviSteps} SVI steps (and MCMC iterations, if any). */
    ProgressBar(PrintStream out, int sviSteps) {
        this.out = out;
        this.sviSteps = sviSteps;
    }

    @Override
    public void onStep(long step, double loss, double runningLoss) {
        long now = System.nanoTime();
        boolean last = step == sviSteps;
        if (!last && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double seconds = (now - start) / 1e9;
        int filled = sviSteps == 0 ? WIDTH : (int) ((long) WIDTH * step / sviSteps);
        double rate = seconds > 0 ? step / seconds : 0;
        String line = String.format(Locale.ROOT, "svi      [%s%s] %d/%d  %5.0f it/s  loss %.4g  %s", "#".repeat(filled),
                "-".repeat(WIDTH - filled), step, sviSteps, rate, runningLoss,
                last ? String.format(Locale.ROOT, "%.1fs", seconds)
                        : String.format(Locale.ROOT, "eta %.0fs", rate > 0 ? (sviSteps - step) / rate : 0));
        draw(line, last);
    }

    @Override
    public void iteration(int done, int total, boolean warmup, double meanStepSize, long divergences) {
        long now = System.nanoTime();
        boolean last = done == total;
        if (!last && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        draw(line(done, total, warmup, meanStepSize, divergences, (now - start) / 1e9), last);
    }

    private void draw(String line, boolean last) {
        StringBuilder b = new StringBuilder("\r").append(line);
        if (line.length() < lastLength) {
            b.append(" ".repeat(lastLength - line.length()));
        }
        lastLength = line.length();
        if (last) {
            b.append(System.lineSeparator());
        }
        out.print(b);
        out.flush();
    }

    /** The bar's text after {@code seconds}. */
    static String line(int done, int total, boolean warmup, double meanStepSize, long divergences, double seconds) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        double rate = seconds > 0 ? done / seconds : 0;
        double eta = rate > 0 ? (total - done) / rate : 0;
        int digits = Integer.toString(total).length();
        return String.format(Locale.ROOT, "%-8s [%s%s] %" + digits + "d/%d  %5.0f it/s  step %.3g  div %d  %s",
                warmup ? "warm-up" : "sampling", "#".repeat(filled), "-".repeat(WIDTH - filled),
                done, total, rate, meanStepSize, divergences,
                done == total ? String.format(Locale.ROOT, "%.1fs", seconds) : String.format(Locale.ROOT, "eta %.0fs", eta));
    }
}
