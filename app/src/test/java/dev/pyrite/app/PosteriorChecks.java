package dev.pyrite.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.inference.diagnostics.SummaryRow;

/** Assertions on posterior summaries with tolerances from Monte Carlo standard errors. */
final class PosteriorChecks {
    private PosteriorChecks() {
    }

    static SummaryRow row(RunResult r, String variable) {
        return r.summary().rows().stream().filter(x -> x.variable().equals(variable)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + variable + " in\n" + r.summary().toText()));
    }

    /**
     * The posterior mean within 4.5 combined standard errors of a reference: this run's MCSE and the
     * reference's own (its sd over the square root of its ESS; 0 for exact values), plus its rounding.
     * 4.5 rather than 4 as a test checks up to five means.
     */
    static void assertMean(RunResult r, String variable, double reference, double referenceSe, double rounding) {
        SummaryRow x = row(r, variable);
        double se = Math.hypot(x.mcseMean(), referenceSe);
        assertTrue(Math.abs(x.mean() - reference) <= 4.5 * se + rounding, variable + ": mean " + x.mean() + " vs "
                + reference + " (4.5 se = " + 4.5 * se + ")\n" + r.summary().toText());
    }

    /**
     * The posterior sd within a tolerance from the standard error of an sd estimate, about
     * sd / sqrt(2 ESS), with ESS the run's bulk ESS, plus the reference's rounding.
     */
    static void assertSd(RunResult r, String variable, double reference, double rounding) {
        SummaryRow x = row(r, variable);
        double se = reference / Math.sqrt(2 * x.essBulk());
        assertTrue(Math.abs(x.sd() - reference) <= 5 * se + rounding, variable + ": sd " + x.sd() + " vs " + reference
                + " (5 se = " + 5 * se + ")\n" + r.summary().toText());
    }

    static void assertConverged(RunResult r, double maxRhat) {
        assertTrue(r.maxRhat() < maxRhat, "max R-hat " + r.maxRhat() + "\n" + r.summary().toText());
    }
}
