package dev.pyrite.inference.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link WarmupSchedule} against Stan's windowed adaptation (Stan Reference Manual, "HMC algorithm
 * parameters: automatic parameter tuning"; {@code stan/mcmc/windowed_adaptation.hpp}): defaults
 * init_buffer 75, window 25, term_buffer 50; below 150 iterations a 15% / 75% / 10% split (integer
 * parts); below 20 no metric adaptation. Window ends are exclusive iteration counts.
 */
class WarmupScheduleTest {

    /** Hand-worked from the rules: 75 + 25 = 100, + 50 = 150, + 100 = 250, + 200 = 450, then 450 + 400 = 850 leaves
     *  no room for an 800-iteration window before 950, so that window is stretched to 950. */
    @Test
    void thousandIterationsGiveStansFiveWindows() {
        WarmupSchedule s = new WarmupSchedule(1000);
        assertEquals(List.of(100, 150, 250, 450, 950), s.windowEnds());
        assertFalse(s.inSlowWindow(74));
        assertTrue(s.inSlowWindow(75));
        assertTrue(s.inSlowWindow(949));
        assertFalse(s.inSlowWindow(950));
        for (int end : List.of(100, 150, 250, 450, 950)) {
            assertTrue(s.endsWindow(end - 1), "window ending at " + end);
            assertFalse(s.endsWindow(end), "iteration after " + end);
        }
    }

    @Test
    void shortWarmupsUseStansFallbacks() {
        // 150 = 75 + 25 + 50 still fits the defaults: a single 25-iteration window, stretched by nothing.
        assertEquals(List.of(100), new WarmupSchedule(150).windowEnds());
        // 149: init (int) 22.35 = 22, term (int) 14.9 = 14, one window of 149 - 36 = 113, ending at 135.
        assertEquals(List.of(135), new WarmupSchedule(149).windowEnds());
        // 100: 15 / 75 / 10, one window [15, 90).
        assertEquals(List.of(90), new WarmupSchedule(100).windowEnds());
        WarmupSchedule hundred = new WarmupSchedule(100);
        assertFalse(hundred.inSlowWindow(14));
        assertTrue(hundred.inSlowWindow(15));
        assertTrue(hundred.inSlowWindow(89));
        assertFalse(hundred.inSlowWindow(90));
        // 20: 3 / 15 / 2, window [3, 18).
        assertEquals(List.of(18), new WarmupSchedule(20).windowEnds());
        // Below 20: no metric adaptation at all.
        for (int w : new int[] {0, 1, 19}) {
            WarmupSchedule s = new WarmupSchedule(w);
            assertEquals(List.of(), s.windowEnds(), "warmup " + w);
            for (int i = 0; i < w; i++) {
                assertFalse(s.inSlowWindow(i));
                assertFalse(s.endsWindow(i));
            }
        }
    }

    /**
     * 190 iterations (defaults fit): the first window [75, 100) keeps its base length; the second
     * would end at 150, and the one after it (100 iterations) cannot fit before 140, so the second
     * is stretched to 140. Stan never stretches the first window.
     */
    @Test
    void firstWindowIsNeverStretched() {
        assertEquals(List.of(100, 140), new WarmupSchedule(190).windowEnds());
        assertEquals(List.of(100, 150, 300), new WarmupSchedule(350).windowEnds());
    }

    /** Every warm-up length up to 3000 against an iteration-by-iteration simulation of Stan's counters. */
    @Test
    void agreesWithStansCounterRulesForEveryLength() {
        for (int warmup = 0; warmup <= 3000; warmup++) {
            StanWindows stan = new StanWindows(warmup, 75, 50, 25);
            WarmupSchedule ours = new WarmupSchedule(warmup);
            List<Integer> ends = new ArrayList<>();
            for (int i = 0; i < warmup; i++) {
                boolean inWindow = stan.adaptationWindow();
                boolean ends0 = stan.endAdaptationWindow();
                assertEquals(inWindow, ours.inSlowWindow(i), "warmup " + warmup + ", iteration " + i + " in window");
                assertEquals(ends0, ours.endsWindow(i), "warmup " + warmup + ", iteration " + i + " ends a window");
                if (ends0) {
                    ends.add(i + 1);
                    stan.computeNextWindow();
                }
                stan.counter++;
            }
            assertEquals(ends, ours.windowEnds(), "warmup " + warmup);
        }
    }

    /**
     * Stan's rules as a counter state machine (0-based counter; {@code nextWindow} is the last iteration
     * of the current window), written from the Reference Manual's description and the behaviour of
     * {@code windowed_adaptation}. One deliberate difference: in the short-warm-up branch Stan's
     * {@code set_window_params} returns without {@code restart()}, so its window counters keep their
     * constructor values; this simulation starts the window as the manual describes (first window
     * [init_buffer, init_buffer + window)), which is what {@link WarmupSchedule} implements.
     */
    private static final class StanWindows {
        final long numWarmup;
        final long initBuffer;
        final long termBuffer;
        long windowSize;
        long nextWindow;
        long counter;
        final boolean active;

        StanWindows(int warmup, int init, int term, int base) {
            numWarmup = warmup;
            active = warmup >= 20;
            if (init + base + term > warmup) {
                init = (int) (0.15 * warmup);
                term = (int) (0.10 * warmup);
                base = warmup - (init + term);
            }
            initBuffer = init;
            termBuffer = term;
            windowSize = base;
            nextWindow = init + base - 1;
        }

        boolean adaptationWindow() {
            return active && counter >= initBuffer && counter < numWarmup - termBuffer && counter != numWarmup;
        }

        boolean endAdaptationWindow() {
            return active && counter == nextWindow && counter != numWarmup;
        }

        void computeNextWindow() {
            long last = numWarmup - termBuffer - 1;
            if (nextWindow == last) {
                return;
            }
            windowSize *= 2;
            nextWindow = counter + windowSize;
            if (nextWindow == last) {
                return;
            }
            // The window after this one would reach past the slow phase: stretch this one to its end.
            if (nextWindow + 2 * windowSize >= numWarmup - termBuffer) {
                nextWindow = last;
            }
        }
    }
}
