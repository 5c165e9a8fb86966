package dev.pyrite.inference.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Bit-for-bit comparison of two runs' samples: every draw, statistic, adapted step size and metric. */
final class SameDraws {
    private SameDraws() {
    }

    static void assertSame(McmcSamples expected, McmcSamples actual, String what) {
        same(expected.draws(), actual.draws(), what + ": draws");
        same(expected.logDensity(), actual.logDensity(), what + ": log density");
        same(expected.acceptStat(), actual.acceptStat(), what + ": accept stat");
        same(expected.stepSize(), actual.stepSize(), what + ": step size");
        same(expected.treeDepth(), actual.treeDepth(), what + ": tree depth");
        same(expected.leapfrogs(), actual.leapfrogs(), what + ": leapfrogs");
        same(expected.divergent(), actual.divergent(), what + ": divergent");
        same(expected.energy(), actual.energy(), what + ": energy");
        same(expected.adaptedStepSize(), actual.adaptedStepSize(), what + ": adapted step size");
        same(expected.inverseMass(), actual.inverseMass(), what + ": inverse mass");
        assertEquals(expected.gradientEvaluations(), actual.gradientEvaluations(), what + ": gradient evaluations");
        assertEquals(expected.stopReason(), actual.stopReason(), what + ": stop reason");
    }

    private static void same(INDArray expected, INDArray actual, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()),
                what + " shape");
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < e.length; i++) {
            if (Double.doubleToRawLongBits(e[i]) != Double.doubleToRawLongBits(a[i])) {
                fail(what + " differs at flat index " + i + ": expected " + e[i] + ", got " + a[i]);
            }
        }
    }
}
