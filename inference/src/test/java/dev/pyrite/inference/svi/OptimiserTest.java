package dev.pyrite.inference.svi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each optimiser minimises a convex quadratic; schedules and clipping do what they say. */
class OptimiserTest {
    static double minimise(Optimiser opt, int steps) {
        INDArray x = Nd4j.createFromArray(3.0, -2.0);
        INDArray target = Nd4j.createFromArray(1.0, 0.5);
        for (int i = 0; i < steps; i++) {
            INDArray g = x.sub(target).muli(Nd4j.createFromArray(1.0, 4.0));
            opt.apply(Map.of("x", x), Map.of("x", g));
        }
        return x.distance2(target);
    }

    @Test
    void everyOptimiserConverges() {
        assertEquals(0, minimise(Sgd.of(0.1, 0.5), 500), 1e-6);
        assertEquals(0, minimise(Adam.of(LearningRateSchedule.exponential(0.1, 0.99), 0.9, 0.999), 2000), 1e-3);
        assertEquals(0, minimise(ClippedAdam.of(0.1, 1.0, 0.995), 2000), 1e-3);
        assertEquals(0, minimise(AdaGrad.of(0.5), 2000), 1e-3);
        assertEquals(0, minimise(RmsProp.of(LearningRateSchedule.step(0.05, 200, 0.3), 0.9), 2000), 1e-3);
    }

    @Test
    void schedulesAndClipping() {
        assertEquals(0.1 * Math.pow(0.9, 3), LearningRateSchedule.exponential(0.1, 0.9).rate(3), 1e-15);
        assertEquals(0.025, LearningRateSchedule.step(0.1, 10, 0.5).rate(25), 1e-15);
        INDArray x = Nd4j.createFromArray(0.0, 0.0);
        Sgd sgd = Sgd.of(1.0);
        sgd.clipGradNorm(1.0);
        sgd.apply(Map.of("x", x), Map.of("x", Nd4j.createFromArray(30.0, 40.0)));
        assertEquals(-0.6, x.getDouble(0), 1e-12);
        assertEquals(-0.8, x.getDouble(1), 1e-12);
    }
}
