package dev.pyrite.inference.mcmc;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Step-size adaptation by dual averaging (Nesterov 2009; Hoffman and Gelman 2014, section 3.2), one
 * independent adapter per chain, vectorised over chains. Stan's constants: gamma 0.05, t0 10, kappa 0.75.
 */
final class DualAveraging {
    private static final double GAMMA = 0.05;
    private static final double T0 = 10;
    private static final double KAPPA = 0.75;
    private final double target;
    private INDArray mu;
    private INDArray hBar;
    private INDArray logStep;
    private INDArray logStepBar;
    private int t;

    DualAveraging(double target, INDArray initialStep) {
        this.target = target;
        restart(initialStep);
    }

    /** Starts over around a new initial step size (after the mass matrix changed). */
    void restart(INDArray initialStep) {
        mu = Transforms.log(initialStep.mul(10), false);
        hBar = initialStep.mul(0);
        logStep = Transforms.log(initialStep, true);
        logStepBar = initialStep.mul(0);
        t = 0;
    }

    /** Learns from the mean acceptance statistic of the last transition, {@code [C]}. */
    void update(INDArray acceptStat) {
        t++;
        double w = 1.0 / (t + T0);
        INDArray accept = Transforms.min(acceptStat, 1.0, true);
        hBar = hBar.mul(1 - w).addi(accept.rsub(target).muli(w));
        logStep = mu.sub(hBar.mul(Math.sqrt(t) / GAMMA));
        double eta = Math.pow(t, -KAPPA);
        logStepBar = logStep.mul(eta).addi(logStepBar.mul(1 - eta));
    }

    /**
     * The step size to use during warm-up. The log step size is capped at 20 (about 5e8): a chain that
     * accepts everything keeps raising it, which would overflow float32 to infinity (float64 recovers).
     */
    INDArray current() {
        return Transforms.exp(Transforms.min(logStep, MAX_LOG_STEP, true), false);
    }

    private static final double MAX_LOG_STEP = 20.0;

    /** The averaged step size, used after warm-up. */
    INDArray averaged() {
        return Transforms.exp(Transforms.min(logStepBar, MAX_LOG_STEP, true), false);
    }
}
