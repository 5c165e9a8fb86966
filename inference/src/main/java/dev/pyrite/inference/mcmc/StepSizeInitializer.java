package dev.pyrite.inference.mcmc;

import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stan's heuristic for a first step size, per chain: from a fresh momentum take one leapfrog step and
 * double (or halve) the step size until the acceptance probability of that step crosses 0.8.
 */
final class StepSizeInitializer {
    private static final double LOG_TARGET = Math.log(0.8);
    private final CompiledFunction oneStep;

    StepSizeInitializer(Potential potential) {
        oneStep = CompiledFunction.of(in -> {
            Tensor q = in[0], p = in[1], g = in[2], eps = in[3], invMass = in[4];
            Tensor pHalf = p.sub(eps.mul(0.5).mul(g));
            Tensor q1 = q.add(eps.mul(Kinetic.velocity(invMass, pHalf)));
            Tensor[] ug = NutsLeafStep.energyAndGradient(potential, q1);
            Tensor p1 = pHalf.sub(eps.mul(0.5).mul(ug[1]));
            return new Tensor[]{ug[0].add(Kinetic.energy(invMass, p1))};
        });
    }

    INDArray initialize(ChainState state, INDArray invMass, INDArray momentumScale, List<RandomStream> streams,
                        double start) {
        int c = state.chains();
        long d = state.q().size(1);
        DataType dt = state.q().dataType();
        double[] eps = new double[c];
        java.util.Arrays.fill(eps, start);
        int[] direction = new int[c];
        boolean[] done = new boolean[c];
        for (int round = 0; round < 100; round++) {
            boolean[] draw = new boolean[c];
            for (int i = 0; i < c; i++) {
                draw[i] = !done[i];
            }
            INDArray p = NutsKernel.momentum(momentumScale, streams, draw, dt, c, d);
            INDArray h0 = state.energy().add(NutsKernel.kinetic(invMass, p));
            INDArray h = oneStep.call(state.q(), p, state.gradient(),
                    Nd4j.createFromArray(eps).castTo(dt).reshape(c, 1), invMass)[0];
            boolean all = true;
            for (int i = 0; i < c; i++) {
                if (done[i]) {
                    continue;
                }
                double delta = h0.getDouble(i) - h.getDouble(i);
                if (Double.isNaN(delta)) {
                    delta = Double.NEGATIVE_INFINITY;
                }
                if (round == 0) {
                    direction[i] = delta > LOG_TARGET ? 1 : -1;
                }
                boolean crossed = direction[i] == 1 ? !(delta > LOG_TARGET) : !(delta < LOG_TARGET);
                if (crossed || eps[i] > 1e7 || eps[i] < 1e-7) {
                    done[i] = true;
                } else {
                    eps[i] = direction[i] == 1 ? 2 * eps[i] : eps[i] / 2;
                    all = false;
                }
            }
            if (all) {
                break;
            }
        }
        return Nd4j.createFromArray(eps).castTo(dt);
    }
}
