package dev.pyrite.examples.nn;

import dev.pyrite.distributions.HalfNormal;
import dev.pyrite.distributions.Normal;
import dev.pyrite.examples.Example;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.nn.Activation;
import dev.pyrite.nn.Sequential;
import dev.pyrite.nn.WeightSites;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pyrite example bnn-diabetes}: BNN regression 10-H-1 (tanh, Normal(0, 1) weight priors, noise
 * {@code sigma ~ HalfNormal(1)}) on the diabetes data, features and response standardised by the
 * training rows, sampled by NUTS with chains as a batch. Reports the posterior predictive intervals'
 * coverage on the held-out rows, their width and the RMSE, in the response's units.
 */
@Command(name = "bnn-diabetes",
        description = "BNN regression on the diabetes data by NUTS: held-out coverage of 50% and 90% posterior "
                + "predictive intervals, their width and the RMSE.")
public final class BnnDiabetes implements Example, Callable<Integer> {
    /** Held-out rows (20% of 442). */
    public static final int TEST_SIZE = 88;

    /** The settings of one run. */
    public record Settings(int hidden, int chains, int warmup, int samples, int maxTreeDepth, long seed) {
        public Settings {
            if (hidden < 1 || chains < 1 || warmup < 1 || samples < 1 || maxTreeDepth < 1) {
                throw new IllegalArgumentException("bnn-diabetes: every size and count must be >= 1, got " + this);
            }
        }
    }

    /** Held-out figures, the posterior mean of the noise sd (response units), the response's sd and the sampling time. */
    public record Result(IntervalScores ninety, IntervalScores fifty, double sigma, double testSd, double seconds, int draws) {
        void print(PrintWriter w) {
            w.printf("bnn-diabetes: %d held-out rows (response sd %.1f), %d NUTS draws in %.1f s%n", TEST_SIZE, testSd, draws, seconds);
            w.printf("  %s%n  %s%n", ninety, fifty);
            w.printf("  posterior mean noise sd %.1f%n", sigma);
        }
    }

    @Spec
    private CommandSpec spec;
    @Option(names = "--hidden", description = "Hidden tanh units (default ${DEFAULT-VALUE}).")
    private int hidden = 5;
    @Option(names = "--chains", description = "NUTS chains, run as one batch (default ${DEFAULT-VALUE}).")
    private int chains = 8;
    @Option(names = "--warmup", description = "NUTS warm-up iterations per chain (default ${DEFAULT-VALUE}).")
    private int warmup = 150;
    @Option(names = "--samples", description = "NUTS draws per chain (default ${DEFAULT-VALUE}).")
    private int samples = 100;
    @Option(names = "--max-tree-depth", description = "NUTS maximum tree depth (default ${DEFAULT-VALUE}).")
    private int maxTreeDepth = 5;
    @Option(names = "--seed", description = "Seed of the split and of the sampler (default ${DEFAULT-VALUE}).")
    private long seed = 0;

    @Override
    public String name() {
        return "bnn-diabetes";
    }

    @Override
    public String summary() {
        return "BNN regression by NUTS: held-out coverage of posterior predictive intervals";
    }

    @Override
    public Integer call() {
        run(new Settings(hidden, chains, warmup, samples, maxTreeDepth, seed)).print(spec.commandLine().getOut());
        return 0;
    }

    public static Result run(Settings s) {
        UciTable table = UciTable.load("diabetes.csv");
        TrainTestSplit split = TrainTestSplit.of(table.rowCount(), TEST_SIZE, s.seed());
        double[][] rawTrain = table.features(split.train());
        Standardiser xStd = Standardiser.fit(rawTrain);
        double[] yRaw = table.target(split.train());
        Standardiser yStd = Standardiser.fit(yRaw);
        Tensor x = Tensor.of(xStd.apply(rawTrain));
        Tensor y = Tensor.of(yStd.apply(yRaw));
        RandomStream stream = RandomStream.of(s.seed());
        Sequential net = Sequential.mlp("bnn", new long[]{x.size(1), s.hidden(), 1}, Activation.TANH, Activation.IDENTITY, stream.split());
        ModelPotential u = ModelPotential.of(() -> {
            Tensor sigma = Pyrite.sample("sigma", HalfNormal.of(1.0));
            Tensor f = net.forward(x, WeightSites.normalPrior(1.0)).squeeze(-1);   // [..., N]
            try (Plate data = Pyrite.plate("data", x.size(0))) {
                Pyrite.sample("y", Normal.of(f, sigma), y);
            }
        });
        long t0 = System.nanoTime();
        var mcmc = MCMC.nuts(u).chains(s.chains()).warmup(s.warmup()).samples(s.samples()).maxTreeDepth(s.maxTreeDepth())
                .seed(stream.nextLong()).run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Tensor> draws = PosteriorDraws.of(u, mcmc);
        double[][] yRep = predictive(net, draws, Tensor.of(xStd.apply(table.features(split.test()))), stream.split());
        for (double[] row : yRep) {
            for (int i = 0; i < row.length; i++) {
                row[i] = yStd.mean(0) + yStd.scale(0) * row[i];              // back to the response's units
            }
        }
        double[] yTest = table.target(split.test());
        double sigma = draws.get("sigma").mean(false, 0).item() * yStd.scale(0);
        return new Result(IntervalScores.of(yRep, yTest, 0.9), IntervalScores.of(yRep, yTest, 0.5), sigma,
                Standardiser.fit(yTest).scale(0), seconds, s.chains() * s.samples());
    }

    /** Posterior predictive draws {@code f(x) + sigma eps}, one per posterior draw: {@code [S][N]}, standardised units. */
    static double[][] predictive(Sequential net, Map<String, Tensor> draws, Tensor x, RandomStream stream) {
        Tensor f = net.forward(x, DrawnWeights.of(draws)).squeeze(-1);                 // [S, N]
        Tensor sigma = draws.get("sigma").reshape(f.size(0), 1);
        Tensor yRep = f.add(sigma.mul(Tensor.of(stream.normal(f.dtype(), f.size(0), f.size(1)))));
        double[] flat = yRep.toDoubleArray();
        int n = (int) f.size(1);
        double[][] out = new double[(int) f.size(0)][n];
        for (int k = 0; k < out.length; k++) {
            System.arraycopy(flat, k * n, out[k], 0, n);
        }
        return out;
    }
}
