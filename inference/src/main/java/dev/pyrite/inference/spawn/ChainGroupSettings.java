package dev.pyrite.inference.spawn;

import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.state.ArraySections;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import dev.pyrite.tensor.Executor;
import dev.pyrite.tensor.RandomStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything a group of chains needs to run in another process: the potential's factory class, the
 * sampler and its settings, and the chains' own random streams (so the group draws exactly what the
 * same chains draw in a larger in-process run). Written to and read from the child's input file.
 *
 * @param potentialFactory a {@link PotentialFactory} class name
 * @param hmcTrajectoryLength NaN for NUTS, else HMC's trajectory length
 * @param initialPositions {@code [chains, D]} starting points, or null for the sampler's default
 */
public record ChainGroupSettings(String potentialFactory, double hmcTrajectoryLength, int warmup, int samples,
                                 double targetAccept, int maxTreeDepth, boolean denseMass, DataType dtype,
                                 Executor executor, List<RandomStream> streams, INDArray initialPositions) {

    public ChainGroupSettings {
        Objects.requireNonNull(potentialFactory, "potentialFactory");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(executor, "executor");
        streams = List.copyOf(streams);
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("chain group: needs at least one chain stream");
        }
    }

    /** NUTS with the sampler's defaults (as {@link MCMC}'s) for these chains' streams. */
    public static ChainGroupSettings nuts(String potentialFactory, int warmup, int samples,
                                          List<RandomStream> streams) {
        return new ChainGroupSettings(potentialFactory, Double.NaN, warmup, samples, 0.8, 10, false,
                dev.pyrite.tensor.Backend.floatType(), Executor.configured(), streams, null);
    }

    public ChainGroupSettings withDtype(DataType dt) {
        return new ChainGroupSettings(potentialFactory, hmcTrajectoryLength, warmup, samples, targetAccept,
                maxTreeDepth, denseMass, dt, executor, streams, initialPositions);
    }

    public ChainGroupSettings withInitialPositions(INDArray q) {
        return new ChainGroupSettings(potentialFactory, hmcTrajectoryLength, warmup, samples, targetAccept,
                maxTreeDepth, denseMass, dtype, executor, streams, q);
    }

    /** The sampler these settings describe, over {@code potential}, ready to run. */
    public MCMC sampler(dev.pyrite.inference.mcmc.Potential potential) {
        MCMC m = Double.isNaN(hmcTrajectoryLength) ? MCMC.nuts(potential) : MCMC.hmc(potential, hmcTrajectoryLength);
        m.streams(streams).warmup(warmup).samples(samples).targetAccept(targetAccept).maxTreeDepth(maxTreeDepth)
                .denseMass(denseMass).dtype(dtype).executor(executor);
        if (initialPositions != null) {
            m.initialPositions(initialPositions);
        }
        return m;
    }

    void write(StateWriter out) {
        out.string("potentialFactory", potentialFactory);
        out.doubleValue("hmcTrajectoryLength", hmcTrajectoryLength);
        out.integer("warmup", warmup);
        out.integer("samples", samples);
        out.doubleValue("targetAccept", targetAccept);
        out.integer("maxTreeDepth", maxTreeDepth);
        out.bool("denseMass", denseMass);
        out.string("dtype", dtype.name());
        out.string("executor", executor.name());
        out.integer("chains", streams.size());
        for (RandomStream s : streams) {
            out.stream("stream", s);
        }
        out.bool("initialPositions", initialPositions != null);
        if (initialPositions != null) {
            ArraySections.write(out, initialPositions);
        }
    }

    static ChainGroupSettings read(StateReader in) {
        String factory = in.string("potentialFactory");
        double hmc = in.doubleValue("hmcTrajectoryLength");
        int warmup = in.integer("warmup");
        int samples = in.integer("samples");
        double accept = in.doubleValue("targetAccept");
        int depth = in.integer("maxTreeDepth");
        boolean dense = in.bool("denseMass");
        DataType dtype = DataType.valueOf(in.string("dtype"));
        Executor executor = Executor.valueOf(in.string("executor"));
        int chains = in.integer("chains");
        List<RandomStream> streams = new ArrayList<>(chains);
        for (int i = 0; i < chains; i++) {
            streams.add(in.stream("stream"));
        }
        INDArray q = in.bool("initialPositions") ? ArraySections.read(in) : null;
        return new ChainGroupSettings(factory, hmc, warmup, samples, accept, depth, dense, dtype, executor, streams, q);
    }
}
