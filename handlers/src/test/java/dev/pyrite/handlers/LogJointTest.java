package dev.pyrite.handlers;

import static dev.pyrite.handlers.Pyrite.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.distributions.Normal;
import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The log joint of Pyro's scale model, by condition + trace and by a handler that sums as it goes. */
class LogJointTest {
    static final double WEIGHT = 8.23;
    static final double MEASUREMENT = 9.5;

    /** weight ~ N(8.5, 1); measurement ~ N(weight, 0.75). */
    static void scale() {
        Tensor weight = sample("weight", Normal.of(8.5, 1.0));
        sample("measurement", Normal.of(weight, Tensor.scalar(0.75)));
    }

    /** The oracle: closed-form normal log densities. */
    static double normalLogDensity(double x, double mu, double sigma) {
        double z = (x - mu) / sigma;
        return -0.5 * z * z - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
    }

    static final double EXPECTED = normalLogDensity(WEIGHT, 8.5, 1.0) + normalLogDensity(MEASUREMENT, WEIGHT, 0.75);

    static Map<String, Tensor> data() {
        return Map.of("weight", Tensor.scalar(WEIGHT), "measurement", Tensor.scalar(MEASUREMENT));
    }

    /** A custom handler: adds up each site's log density as the site leaves the stack. */
    static final class LogJoint extends Handler<LogJoint> {
        Tensor total;

        @Override
        protected void onEnter() {
            total = Tensor.scalar(0.0);
        }

        @Override
        protected void postprocess(Message msg) {
            if (msg.hasLogProb()) {
                total = total.add(msg.logProbSum());
            }
        }
    }

    @Test
    void closedFormValueIsTheIssuesNumber() {
        assertEquals(-3.0203, EXPECTED, 1e-4);
    }

    @Test
    void conditionAndTrace() {
        Trace tr = Handlers.trace().getTrace(Handlers.condition(data()).wrap(LogJointTest::scale));
        assertEquals(EXPECTED, tr.logProbSum().item(), 1e-12);
        assertEquals(-3.0203, tr.logProbSum().item(), 1e-4);
        assertEquals(2, tr.observedSites().size());
    }

    @Test
    void customHandlerSummingAsSitesAreVisited() {
        LogJoint lj = new LogJoint();
        try (LogJoint h = lj.enter(); ConditionHandler c = Handlers.condition(data()).enter()) {
            scale();
        }
        assertEquals(EXPECTED, lj.total.item(), 1e-12);
    }

    @Test
    void tracedLogJointIsDifferentiable() {
        // The weight enters as a traced placeholder; the trace's log joint is then a graph output.
        CompiledFunction f = CompiledFunction.withGradients(in -> {
            Map<String, Tensor> d = Map.of("weight", in[0], "measurement", Tensor.scalar(MEASUREMENT));
            Trace tr = Handlers.trace().getTrace(Handlers.condition(d).wrap(LogJointTest::scale));
            return new Tensor[]{tr.logProbSum()};
        }, 0);
        INDArray[] out = f.call(Nd4j.scalar(WEIGHT));
        assertEquals(EXPECTED, out[0].getDouble(0), 1e-12);
        double grad = -(WEIGHT - 8.5) + (MEASUREMENT - WEIGHT) / (0.75 * 0.75);
        assertEquals(grad, out[1].getDouble(0), 1e-10);
        // Replays at a new weight without tracing again.
        INDArray[] again = f.call(Nd4j.scalar(8.0));
        assertEquals(normalLogDensity(8.0, 8.5, 1.0) + normalLogDensity(MEASUREMENT, 8.0, 0.75), again[0].getDouble(0),
                1e-12);
        assertEquals(1, f.traceCount());
    }

    @Test
    void tracedLogJointThroughPlatesMaskAndScale() {
        // mu ~ N(0, 1); y_i ~ N(mu, 1) in a plate, y_1 masked out, all likelihood terms scaled by 0.5.
        double[] y = {0.4, 9.0, -1.2, 2.0};
        Tensor keep = Tensor.of(Nd4j.createFromArray(true, false, true, true));
        CompiledFunction f = CompiledFunction.withGradients(in -> {
            Trace tr = Handlers.trace().getTrace(Handlers.substitute(Map.of("mu", in[0])).wrap(() -> {
                Tensor mu = sample("mu", Normal.of(0.0, 1.0));
                try (Plate p = Pyrite.plate("data", 4); MaskHandler m = Handlers.mask(keep).enter();
                     ScaleHandler s = Handlers.scale(0.5).enter()) {
                    sample("y", Normal.of(mu, Tensor.scalar(1.0)), Tensor.of(y));
                }
            }));
            return new Tensor[]{tr.logProbSum()};
        }, 0);
        for (double mu : new double[]{-0.3, 0.0, 1.7}) {
            INDArray[] out = f.call(Nd4j.scalar(mu));
            double value = normalLogDensity(mu, 0, 1);
            double grad = -mu;
            for (int i = 0; i < y.length; i++) {
                if (i != 1) {
                    value += 0.5 * normalLogDensity(y[i], mu, 1);
                    grad += 0.5 * (y[i] - mu);
                }
            }
            assertEquals(value, out[0].getDouble(0), 1e-12);
            assertEquals(grad, out[1].getDouble(0), 1e-10);
        }
    }
}
