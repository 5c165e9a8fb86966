package dev.pyrite.inference.gibbs;

import dev.pyrite.inference.mcmc.StartingPoints;
import dev.pyrite.distributions.Constraint;
import dev.pyrite.distributions.Constraints;
import dev.pyrite.handlers.Handlers;
import dev.pyrite.handlers.Message;
import dev.pyrite.handlers.Trace;
import dev.pyrite.inference.LatentSite;
import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.StopReason;
import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.FlatProgram;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link DiscreteHMCGibbs} for C chains in lock step on the model's embedding potential
 * ({@link ModelPotential#embedding}): a discrete coordinate at {@code k + 1/2} stands for the value
 * {@code k}, and HMC moves only the continuous coordinates (the potential is flat in the discrete ones
 * inside a cell, so holding them still is exact).
 */
final class GibbsDriver {
    private static final Logger LOG = LoggerFactory.getLogger(GibbsDriver.class);
    /** An energy rise beyond this counts as a divergent HMC transition. */
    private static final double DIVERGENCE = 1000;
    private static final double JITTER = 0.2;
    private final Runnable model;
    private final GibbsSettings settings;
    private final ModelPotential potential;
    private final int chains;
    private final int dimension;
    private final List<DiscreteCoordinate> discrete;
    private final int[] continuous;
    private final FlatProgram gradient;
    private final Map<Integer, FlatProgram> scorers = new HashMap<>();
    private final RandomStream[] streams;
    private long gradientEvaluations;

    GibbsDriver(Runnable model, GibbsSettings settings) {
        this.model = model;
        this.settings = settings;
        this.potential = ModelPotential.embedding(model);
        this.chains = settings.chains();
        this.dimension = potential.dimension();
        this.discrete = discreteCoordinates(potential, model);
        boolean[] isDiscrete = new boolean[dimension];
        for (DiscreteCoordinate d : discrete) {
            isDiscrete[d.column()] = true;
        }
        this.continuous = java.util.stream.IntStream.range(0, dimension).filter(i -> !isDiscrete[i]).toArray();
        if (continuous.length == 0) {
            throw new IllegalArgumentException("DiscreteHMCGibbs: the model has no continuous latent site for HMC"
                    + " (its sites are " + potential.sites() + "); sample it with enumeration or DHMC");
        }
        this.gradient = CompiledFunction.withGradients(in -> new Tensor[]{potential.energy(in[0])}, 0)
                .using(settings.executor()).flatByRows(settings.dtype(), new long[]{chains, dimension});
        this.streams = MCMC.chainStreams(settings.seed(), chains).toArray(new RandomStream[0]);
    }

    /**
     * The elements of every embedded site, with their support's bounds read from one run of the model.
     * A site whose support is unbounded is refused: the Gibbs step scores every value.
     */
    private static List<DiscreteCoordinate> discreteCoordinates(ModelPotential potential, Runnable model) {
        Trace trace;
        try (var seed = Handlers.seed(RandomStream.of(0)).enter()) {
            trace = Handlers.trace().getTrace(model);
        }
        Map<String, Constraint> supports = new HashMap<>();
        for (Message m : trace.latentSites()) {
            supports.put(m.name, m.distribution.support());
        }
        List<DiscreteCoordinate> out = new ArrayList<>();
        for (LatentSite site : potential.sites()) {
            if (!potential.embeddedSites().contains(site.name())) {
                continue;
            }
            int[] bounds = bounds(supports.get(site.name()), site.name());
            for (int i = 0; i < site.size(); i++) {
                out.add(new DiscreteCoordinate(site.offset() + i, bounds[0], bounds[1]));
            }
        }
        return out;
    }

    private static int[] bounds(Constraint support, String site) {
        if (support == Constraints.BOOLEAN) {
            return new int[]{0, 1};
        }
        if (support instanceof Constraints.IntegerInterval i) {
            double lo = i.lower().array().minNumber().doubleValue();
            double hi = i.upper().array().maxNumber().doubleValue();
            if (Double.isFinite(lo) && Double.isFinite(hi) && hi - lo < Integer.MAX_VALUE / 2.0) {
                return new int[]{(int) lo, (int) hi};
            }
        }
        throw new IllegalArgumentException("DiscreteHMCGibbs: site '" + site + "' has support "
                + (support == null ? "?" : support.name()) + "; Gibbs updates need a finite support (Bernoulli,"
                + " Categorical, Binomial, DiscreteUniform...); sample unbounded discrete sites with DHMC");
    }

    GibbsSamples run() {
        long start = System.nanoTime();
        int total = settings.warmup() + settings.samples();
        int s = settings.samples();
        int steps = settings.leapfrogSteps();
        double[] q = initialPositions();
        StepSizeAdaptation adaptation = new StepSizeAdaptation(chains, settings.targetAccept(),
                settings.initialStepSize());
        double[] draws = new double[chains * s * continuous.length];
        double[][] values = new double[discrete.size()][chains * s];
        double[] logDensity = new double[chains * s];
        double[] acceptStat = new double[chains * s];
        double[] stepSize = new double[chains * s];
        double[] divergent = new double[chains * s];
        double[] energy = new double[chains * s];
        long warmupEnd = start;
        for (int it = 0; it < total; it++) {
            for (DiscreteCoordinate d : discrete) {
                gibbs(q, d);
            }
            double[] eps = new double[chains];
            for (int c = 0; c < chains; c++) {
                eps[c] = adaptation.step[c] * (1 + JITTER * (2 * streams[c].uniformDouble() - 1));
            }
            Transition t = hmc(q, eps, steps);
            for (int c = 0; c < chains; c++) {
                if (it < settings.warmup()) {
                    adaptation.learn(c, t.accept[c]);
                    if (it == settings.warmup() - 1) {
                        adaptation.settle(c);
                    }
                    continue;
                }
                int row = c * s + (it - settings.warmup());
                for (int j = 0; j < continuous.length; j++) {
                    draws[row * continuous.length + j] = q[c * dimension + continuous[j]];
                }
                for (int k = 0; k < discrete.size(); k++) {
                    DiscreteCoordinate d = discrete.get(k);
                    values[k][row] = d.lower() + d.index(q[c * dimension + d.column()]);
                }
                logDensity[row] = -t.potential[c];
                acceptStat[row] = t.accept[c];
                stepSize[row] = eps[c];
                divergent[row] = t.divergent[c] ? 1 : 0;
                energy[row] = t.energy[c];
            }
            if (it == settings.warmup() - 1) {
                warmupEnd = System.nanoTime();
            }
        }
        long end = System.nanoTime();
        var dt = settings.dtype();
        double[] leapfrogs = new double[chains * s];
        Arrays.fill(leapfrogs, steps);
        double[] ones = new double[chains * continuous.length];
        Arrays.fill(ones, 1.0);
        McmcSamples samples = new McmcSamples(array(draws, chains, s, continuous.length).castTo(dt),
                array(logDensity, chains, s).castTo(dt), array(acceptStat, chains, s).castTo(dt),
                array(stepSize, chains, s).castTo(dt), array(new double[chains * s], chains, s).castTo(dt),
                array(leapfrogs, chains, s).castTo(dt), array(divergent, chains, s).castTo(dt),
                array(energy, chains, s).castTo(dt), array(adaptation.step.clone(), chains).castTo(dt),
                array(ones, chains, continuous.length).castTo(dt), (warmupEnd - start) / 1e9,
                (end - warmupEnd) / 1e9, gradientEvaluations, StopReason.BUDGET_REACHED);
        LOG.debug("DiscreteHMCGibbs: {} chains, {} iterations, {} discrete elements, {} s", chains, total,
                discrete.size(), (end - start) / 1e9);
        ModelPotential continuousPotential = ModelPotential.of(model);
        if (continuousPotential.dimension() != continuous.length) {
            throw new IllegalStateException("DiscreteHMCGibbs: the continuous potential has "
                    + continuousPotential.dimension() + " coordinates, the embedding " + continuous.length);
        }
        return new GibbsSamples(samples, discreteDraws(values, s), continuousPotential);
    }

    /** Each embedded site's values {@code [chains, draws, ...site shape]}, from its elements' columns. */
    private Map<String, INDArray> discreteDraws(double[][] values, int s) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        int k = 0;
        for (LatentSite site : potential.sites()) {
            if (!potential.embeddedSites().contains(site.name())) {
                continue;
            }
            int n = site.size();
            double[] data = new double[chains * s * n];
            for (int row = 0; row < chains * s; row++) {
                for (int e = 0; e < n; e++) {
                    data[row * n + e] = values[k + e][row];
                }
            }
            k += n;
            long[] shape = new long[2 + site.shape().length];
            shape[0] = chains;
            shape[1] = s;
            System.arraycopy(site.shape(), 0, shape, 2, site.shape().length);
            out.put(site.name(), Nd4j.createFromArray(data).reshape('c', shape));
        }
        return out;
    }

    private static INDArray array(double[] data, long... shape) {
        return Nd4j.createFromArray(data).reshape('c', shape);
    }

    /** One Metropolised Gibbs step of coordinate {@code d} in every chain: one batched call scores all values. */
    private void gibbs(double[] q, DiscreteCoordinate d) {
        int size = d.size();
        double[] batch = new double[chains * size * dimension];
        for (int c = 0; c < chains; c++) {
            for (int k = 0; k < size; k++) {
                int row = (c * size + k) * dimension;
                System.arraycopy(q, c * dimension, batch, row, dimension);
                batch[row + d.column()] = d.position(k);
            }
        }
        FlatProgram scorer = scorers.computeIfAbsent(size, k -> CompiledFunction
                .of(in -> new Tensor[]{potential.energy(in[0])}).using(settings.executor())
                .flatByRows(settings.dtype(), new long[]{(long) chains * k, dimension}));
        double[] energies = scorer.run(batch)[0];
        for (int c = 0; c < chains; c++) {
            int next = ModifiedGibbs.step(energies, c * size, size, d.index(q[c * dimension + d.column()]),
                    streams[c]);
            q[c * dimension + d.column()] = d.position(next);
        }
    }

    /** The outcome of one HMC transition of every chain. */
    private record Transition(double[] accept, boolean[] divergent, double[] potential, double[] energy) {
    }

    /** One HMC transition of the continuous coordinates of every chain, {@code steps} leapfrogs of {@code eps}. */
    private Transition hmc(double[] q, double[] eps, int steps) {
        double[][] at = evaluate(q);
        double[] u0 = at[0].clone();
        double[] grad = at[1].clone();
        double[] p = new double[chains * dimension];
        double[] h0 = new double[chains];
        for (int c = 0; c < chains; c++) {
            for (int d : continuous) {
                p[c * dimension + d] = streams[c].normalDouble();
            }
            h0[c] = u0[c] + kinetic(p, c);
        }
        double[] x = q.clone();
        double[] u = u0;
        for (int step = 0; step < steps; step++) {
            for (int c = 0; c < chains; c++) {
                for (int d : continuous) {
                    int i = c * dimension + d;
                    p[i] -= 0.5 * eps[c] * grad[i];
                    x[i] += eps[c] * p[i];
                }
            }
            double[][] next = evaluate(x);
            u = next[0];
            grad = next[1];
            for (int c = 0; c < chains; c++) {
                for (int d : continuous) {
                    int i = c * dimension + d;
                    p[i] -= 0.5 * eps[c] * grad[i];
                }
            }
        }
        double[] accept = new double[chains];
        boolean[] divergent = new boolean[chains];
        double[] potentialOut = new double[chains];
        double[] energyOut = new double[chains];
        for (int c = 0; c < chains; c++) {
            double h = u[c] + kinetic(p, c);
            double rise = h - h0[c];
            accept[c] = Double.isNaN(rise) ? 0 : Math.min(1, Math.exp(-rise));
            divergent[c] = !(rise < DIVERGENCE);
            if (streams[c].uniformDouble() < accept[c]) {
                System.arraycopy(x, c * dimension, q, c * dimension, dimension);
                potentialOut[c] = u[c];
                energyOut[c] = h;
            } else {
                potentialOut[c] = u0[c];
                energyOut[c] = h0[c];
            }
        }
        return new Transition(accept, divergent, potentialOut, energyOut);
    }

    private double kinetic(double[] p, int c) {
        double k = 0;
        for (int d : continuous) {
            double v = p[c * dimension + d];
            k += 0.5 * v * v;
        }
        return k;
    }

    /** U {@code [C]} and dU/dq {@code [C * D]} of every chain in one batched call. */
    private double[][] evaluate(double[] q) {
        gradientEvaluations += chains;
        double[][] out = gradient.run(q);
        return new double[][]{out[0].clone(), out[1].clone()};
    }

    /**
     * Continuous coordinates uniform on (-2, 2), discrete ones uniform on their supports, redrawn per chain
     * until the potential and its gradient are finite.
     */
    private double[] initialPositions() {
        double[] q = new double[chains * dimension];
        StartingPoints.search(chains, q, (c, batch) -> {
            for (int d : continuous) {
                batch[c * dimension + d] = 4 * streams[c].uniformDouble() - 2;
            }
            for (DiscreteCoordinate d : discrete) {
                batch[c * dimension + d.column()] = d.position((int) (streams[c].uniformDouble() * d.size()));
            }
        }, batch -> {
            double[][] at = evaluate(batch);
            boolean[] bad = new boolean[chains];
            for (int c = 0; c < chains; c++) {
                bad[c] = !Double.isFinite(at[0][c]);
                for (int d : continuous) {
                    bad[c] |= !Double.isFinite(at[1][c * dimension + d]);
                }
            }
            return bad;
        }, "DiscreteHMCGibbs", potential.describe());
        return q;
    }
}
