package dev.pyrite.inference.mcmc;

import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Hamiltonian Monte Carlo with a fixed trajectory length (Neal 2011): each chain takes
 * ceil(length / stepSize) leapfrog steps, then a Metropolis correction. Chains run in lock step; a chain
 * that has taken its steps is masked until the longest trajectory is done.
 */
public final class HmcKernel implements Kernel {
    private static final int MAX_STEPS = 1024;
    private final double trajectoryLength;
    private final CompiledFunction leapfrog;

    public HmcKernel(Potential potential, double trajectoryLength) {
        if (!(trajectoryLength > 0)) {
            throw new IllegalArgumentException("HMC: trajectoryLength must be > 0, got " + trajectoryLength);
        }
        this.trajectoryLength = trajectoryLength;
        this.leapfrog = CompiledFunction.of(in -> {
            Tensor q = in[0], p = in[1], g = in[2], u = in[3], eps = in[4], invMass = in[5];
            Tensor active = in[6].gt(0.5);
            Tensor activeCol = active.unsqueeze(1);
            Tensor pHalf = p.sub(eps.mul(0.5).mul(g));
            Tensor q1 = q.add(eps.mul(Kinetic.velocity(invMass, pHalf)));
            Tensor[] ug = NutsLeafStep.energyAndGradient(potential, q1);
            Tensor p1 = pHalf.sub(eps.mul(0.5).mul(ug[1]));
            return new Tensor[]{Tensor.where(activeCol, q1, q), Tensor.where(activeCol, p1, p),
                Tensor.where(activeCol, ug[1], g), Tensor.where(active, ug[0], u)};
        });
    }

    @Override
    public Transition transition(ChainState state, INDArray stepSize, INDArray invMass, INDArray momentumScale,
                                 List<RandomStream> streams) {
        int c = state.chains();
        long d = state.q().size(1);
        DataType dt = state.q().dataType();
        INDArray p0 = NutsKernel.momentum(momentumScale, streams, null, dt, c, d);
        INDArray h0 = state.energy().add(NutsKernel.kinetic(invMass, p0));
        double[] eps = stepSize.toDoubleVector();
        int[] steps = new int[c];
        int maxSteps = 0;
        for (int i = 0; i < c; i++) {
            steps[i] = (int) Math.min(MAX_STEPS, Math.max(1, Math.ceil(trajectoryLength / eps[i])));
            maxSteps = Math.max(maxSteps, steps[i]);
        }
        INDArray[] x = {state.q(), p0, state.gradient(), state.energy()};
        INDArray epsCol = stepSize.reshape(c, 1).castTo(dt);
        Tensor stepCount = Tensor.of(Nd4j.createFromArray(steps).castTo(dt));
        for (int n = 0; n < maxSteps; n++) {
            INDArray active = stepCount.gt((double) n).castTo(dt).array();
            INDArray[] out = leapfrog.call(x[0], x[1], x[2], x[3], epsCol, invMass, active);
            x = new INDArray[]{out[0], out[1], out[2], out[3]};
        }
        // Metropolis correction per chain; a non-finite or huge energy error is a divergence.
        Tensor h = Tensor.of(x[3].add(NutsKernel.kinetic(invMass, x[1])));
        Tensor dh = Tensor.of(h0).sub(h);
        Tensor finite = dh.isFinite();
        Tensor zero = dh.zerosLike();
        Tensor acceptProb = Tensor.where(finite, dh.minimum(zero).exp(), zero);
        double[] uniform = new double[c];
        for (int i = 0; i < c; i++) {
            uniform[i] = streams.get(i).uniformDouble();
        }
        Tensor accepted = Tensor.of(Nd4j.createFromArray(uniform).castTo(dt)).lt(acceptProb);
        Tensor acceptedCol = accepted.unsqueeze(1);
        Tensor divergent = finite.not().or(dh.lt(-NutsLeafStep.MAX_ENERGY_ERROR)).castTo(dt);
        ChainState next = new ChainState(
                Tensor.where(acceptedCol, Tensor.of(x[0]), Tensor.of(state.q())).array(),
                Tensor.where(accepted, Tensor.of(x[3]), Tensor.of(state.energy())).array(),
                Tensor.where(acceptedCol, Tensor.of(x[2]), Tensor.of(state.gradient())).array());
        Tensor energy = Tensor.where(accepted, h, Tensor.of(h0));
        return new Transition(next, new TransitionStats(acceptProb.array(), Nd4j.zeros(dt, c), stepCount.array(),
                divergent.array(), energy.array()));
    }
}
