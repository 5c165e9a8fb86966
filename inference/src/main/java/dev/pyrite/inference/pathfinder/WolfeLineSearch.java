package dev.pyrite.inference.pathfinder;

/**
 * A line search for the strong Wolfe conditions (Nocedal &amp; Wright, <i>Numerical Optimization</i>,
 * 2nd ed., algorithms 3.5 and 3.6), written as a state machine: {@link #trial()} is the step to
 * evaluate next and {@link #observe} takes phi and phi' there. The caller evaluates the trials of
 * several paths in one batched call, so the search never calls the function itself.
 *
 * <p>phi(a) = f(x + a d). A step is accepted when {@code phi(a) <= phi(0) + c1 a phi'(0)} and
 * {@code |phi'(a)| <= c2 |phi'(0)|}. A non-finite phi counts as too long a step. The bracketing phase
 * doubles the step; the zoom phase takes the safeguarded minimiser of the cubic through both ends of the
 * bracket, or bisects.
 */
final class WolfeLineSearch {
    /** What the search does after an observation. */
    enum Outcome { CONTINUE, ACCEPT, FAIL }

    static final double C1 = 1e-4;
    static final double C2 = 0.9;
    static final int MAX_EVALUATIONS = 30;

    private final double phi0;
    private final double dphi0;
    private double trial;
    private boolean zooming;
    private int evaluations;
    // the previous bracketing step
    private double previous;
    private double phiPrevious;
    private double dphiPrevious;
    // the zoom bracket: lo satisfies sufficient decrease with the lowest phi seen
    private double lo;
    private double phiLo;
    private double dphiLo;
    private double hi;
    private double phiHi;
    private double dphiHi;

    /**
     * @param phi0 f at the start
     * @param dphi0 the directional derivative there, negative (a descent direction)
     * @param firstStep the first step to try, positive
     */
    WolfeLineSearch(double phi0, double dphi0, double firstStep) {
        if (!(dphi0 < 0)) {
            throw new IllegalArgumentException("line search: phi'(0) must be < 0 (a descent direction), got "
                    + dphi0);
        }
        this.phi0 = phi0;
        this.dphi0 = dphi0;
        this.trial = firstStep;
        this.previous = 0;
        this.phiPrevious = phi0;
        this.dphiPrevious = dphi0;
    }

    /** The step to evaluate next. */
    double trial() {
        return trial;
    }

    /** Takes phi and phi' at {@link #trial()} and says whether that step is accepted. */
    Outcome observe(double phi, double dphi) {
        evaluations++;
        boolean finite = Double.isFinite(phi) && Double.isFinite(dphi);
        double a = trial;
        boolean decreases = finite && phi <= phi0 + C1 * a * dphi0;
        if (decreases && Math.abs(dphi) <= -C2 * dphi0) {
            return Outcome.ACCEPT;
        }
        if (!zooming) {
            if (!decreases || (evaluations > 1 && phi >= phiPrevious)) {
                startZoom(previous, phiPrevious, dphiPrevious, a, phi, dphi);
            } else if (dphi >= 0) {
                startZoom(a, phi, dphi, previous, phiPrevious, dphiPrevious);
            } else {
                previous = a;
                phiPrevious = phi;
                dphiPrevious = dphi;
                trial = 2 * a;
            }
        } else if (!decreases || phi >= phiLo) {
            hi = a;
            phiHi = phi;
            dphiHi = dphi;
        } else {
            if (dphi * (hi - lo) >= 0) {
                hi = lo;
                phiHi = phiLo;
                dphiHi = dphiLo;
            }
            lo = a;
            phiLo = phi;
            dphiLo = dphi;
        }
        if (evaluations >= MAX_EVALUATIONS) {
            return Outcome.FAIL;
        }
        if (zooming) {
            trial = interpolate();
            if (Math.abs(hi - lo) <= 1e-14 * Math.max(1, Math.abs(lo))) {
                return Outcome.FAIL;
            }
        }
        return Outcome.CONTINUE;
    }

    private void startZoom(double lo, double phiLo, double dphiLo, double hi, double phiHi, double dphiHi) {
        zooming = true;
        this.lo = lo;
        this.phiLo = phiLo;
        this.dphiLo = dphiLo;
        this.hi = hi;
        this.phiHi = phiHi;
        this.dphiHi = dphiHi;
    }

    /**
     * The minimiser of the cubic through (lo, phiLo, dphiLo) and (hi, phiHi, dphiHi) (N&amp;W eq. 3.59),
     * kept at least a tenth of the bracket from its ends; the midpoint when the cubic is undefined.
     */
    private double interpolate() {
        double width = hi - lo;
        double mid = lo + 0.5 * width;
        if (!Double.isFinite(phiHi) || !Double.isFinite(dphiHi)) {
            return mid;
        }
        double d1 = dphiLo + dphiHi - 3 * (phiLo - phiHi) / (lo - hi);
        double radicand = d1 * d1 - dphiLo * dphiHi;
        if (!(radicand >= 0)) {
            return mid;
        }
        double d2 = Math.signum(hi - lo) * Math.sqrt(radicand);
        double a = hi - (hi - lo) * (dphiHi + d2 - d1) / (dphiHi - dphiLo + 2 * d2);
        double low = Math.min(lo, hi) + 0.1 * Math.abs(width);
        double high = Math.max(lo, hi) - 0.1 * Math.abs(width);
        return Double.isFinite(a) ? Math.min(high, Math.max(low, a)) : mid;
    }
}
