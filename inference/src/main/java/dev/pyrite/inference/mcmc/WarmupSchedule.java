package dev.pyrite.inference.mcmc;

import java.util.ArrayList;
import java.util.List;

/**
 * Stan's warm-up windows: an initial fast interval (step size only), slow windows that double in
 * length and end with a mass-matrix update, and a terminal fast interval (step size only). Defaults
 * 75 / 25 / 50, shrunk to 15% / 75% / 10% of a short warm-up; no slow windows below 20 iterations.
 * As in Stan's {@code windowed_adaptation}, a window after the first is stretched to the terminal
 * buffer when the window after it would not fit; the first window always has the base length.
 */
final class WarmupSchedule {
    private final int slowStart;
    private final List<Integer> windowEnds = new ArrayList<>();

    WarmupSchedule(int warmup) {
        int initBuffer = 75;
        int termBuffer = 50;
        int baseWindow = 25;
        if (warmup < 20) {
            slowStart = warmup;
            return;
        }
        if (initBuffer + baseWindow + termBuffer > warmup) {
            initBuffer = (int) (0.15 * warmup);
            termBuffer = (int) (0.1 * warmup);
            baseWindow = warmup - initBuffer - termBuffer;
        }
        slowStart = initBuffer;
        int start = initBuffer;
        int size = baseWindow;
        int lastEnd = warmup - termBuffer;
        while (start < lastEnd) {
            int end = start + size;
            // The next (doubled) window would not fit: stretch this one to the terminal buffer. Stan
            // decides this when a window ends, for the window that follows, so never for the first.
            if (start > initBuffer && end + 2 * size > lastEnd) {
                end = lastEnd;
            }
            windowEnds.add(end);
            start = end;
            size *= 2;
        }
    }

    /** True when warm-up iteration {@code i} (0-based) lies inside a slow window. */
    boolean inSlowWindow(int i) {
        return !windowEnds.isEmpty() && i >= slowStart && i < windowEnds.get(windowEnds.size() - 1);
    }

    /** True when warm-up iteration {@code i} ends a slow window. */
    boolean endsWindow(int i) {
        return windowEnds.contains(i + 1);
    }

    /** The first iteration of the first slow window (the length of the initial fast interval). */
    int slowStart() {
        return slowStart;
    }

    List<Integer> windowEnds() {
        return List.copyOf(windowEnds);
    }
}
