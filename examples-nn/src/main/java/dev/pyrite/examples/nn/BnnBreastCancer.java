package dev.pyrite.examples.nn;

import dev.pyrite.distributions.Bernoulli;
import dev.pyrite.examples.Example;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.svi.Adam;
import dev.pyrite.inference.svi.AutoNormal;
import dev.pyrite.inference.svi.SVI;
import dev.pyrite.inference.svi.SviModel;
import dev.pyrite.inference.svi.TraceELBO;
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
 * {@code pyrite example bnn-breast-cancer}: a Bayesian neural network classifier 30-H-1 (tanh, Normal(0, 1)
 * priors on every weight, Bernoulli likelihood on the logit) on the Wisconsin breast-cancer data,
 * features standardised by the training rows, a fixed split by seed. Fitted by NUTS with many chains in
 * one batch and by SVI with {@code AutoNormal}; scored on the held-out rows with a DL4J
 * {@code MultiLayerNetwork} of the same shape trained on the same split.
 */
@Command(name = "bnn-breast-cancer",
        description = "A BNN classifier on the breast-cancer data by NUTS (chains as a batch) and SVI (AutoNormal), "
                + "held-out accuracy, log-likelihood and calibration error next to a DL4J network.")
public final class BnnBreastCancer implements Example, Callable<Integer> {
    /** Held-out rows (20% of 569). */
    public static final int TEST_SIZE = 114;

    /** The settings of one run. */
    public record Settings(int hidden, int chains, int warmup, int samples, int maxTreeDepth, int sviSteps,
                           int sviParticles, int dl4jEpochs, long seed) {
        public Settings {
            if (hidden < 1 || chains < 1 || warmup < 1 || samples < 1 || maxTreeDepth < 1 || sviSteps < 1
                    || sviParticles < 1 || dl4jEpochs < 1) {
                throw new IllegalArgumentException("bnn-breast-cancer: every size and count must be >= 1, got " + this);
            }
        }
    }

    /** Held-out scores of the three fits, and their wall-clock times in seconds. */
    public record Result(ClassifierScores nuts, ClassifierScores svi, ClassifierScores dl4j, double baseRateLogLikelihood,
                         double nutsSeconds, double sviSeconds, double dl4jSeconds, int draws) {
        void print(PrintWriter w) {
            w.printf("bnn-breast-cancer: %d held-out rows; base-rate log-likelihood %.3f nats/point%n", TEST_SIZE, baseRateLogLikelihood);
            w.printf("  NUTS (%d draws)   %s   (%.1f s)%n", draws, nuts, nutsSeconds);
            w.printf("  SVI (AutoNormal)  %s   (%.1f s)%n", svi, sviSeconds);
            w.printf("  DL4J (MAP)        %s   (%.2f s training)%n", dl4j, dl4jSeconds);
        }
    }

    @Spec
    private CommandSpec spec;
    @Option(names = "--hidden", description = "Hidden tanh units (default ${DEFAULT-VALUE}).")
    private int hidden = 5;
    @Option(names = "--chains", description = "NUTS chains, run as one batch (default ${DEFAULT-VALUE}).")
    private int chains = 8;
    @Option(names = "--warmup", description = "NUTS warm-up iterations per chain (default ${DEFAULT-VALUE}).")
    private int warmup = 100;
    @Option(names = "--samples", description = "NUTS draws per chain (default ${DEFAULT-VALUE}).")
    private int samples = 100;
    @Option(names = "--max-tree-depth", description = "NUTS maximum tree depth (default ${DEFAULT-VALUE}).")
    private int maxTreeDepth = 5;
    @Option(names = "--svi-steps", description = "SVI steps (default ${DEFAULT-VALUE}).")
    private int sviSteps = 800;
    @Option(names = "--svi-particles", description = "ELBO particles per SVI step (default ${DEFAULT-VALUE}).")
    private int sviParticles = 4;
    @Option(names = "--dl4j-epochs", description = "Full-batch epochs of the DL4J baseline (default ${DEFAULT-VALUE}).")
    private int dl4jEpochs = 300;
    @Option(names = "--seed", description = "Seed of the split and of every fit (default ${DEFAULT-VALUE}).")
    private long seed = 0;

    @Override
    public String name() {
        return "bnn-breast-cancer";
    }

    @Override
    public String summary() {
        return "BNN classifier by NUTS and SVI next to DL4J: accuracy, log-likelihood, ECE";
    }

    @Override
    public Integer call() {
        run(new Settings(hidden, chains, warmup, samples, maxTreeDepth, sviSteps, sviParticles, dl4jEpochs, seed))
                .print(spec.commandLine().getOut());
        return 0;
    }

    /** Fits the three and scores them on the held-out rows. */
    public static Result run(Settings s) {
        UciTable table = UciTable.load("breast_cancer.csv");
        TrainTestSplit split = TrainTestSplit.of(table.rowCount(), TEST_SIZE, s.seed());
        double[][] rawTrain = table.features(split.train());
        Standardiser std = Standardiser.fit(rawTrain);
        double[][] xTrain = std.apply(rawTrain);
        double[][] xTest = std.apply(table.features(split.test()));
        double[] yTrain = table.target(split.train());
        double[] yTest = table.target(split.test());
        RandomStream stream = RandomStream.of(s.seed());
        Sequential net = Sequential.mlp("bnn", new long[]{xTrain[0].length, s.hidden(), 1}, Activation.TANH,
                Activation.IDENTITY, stream.split());
        Tensor x = Tensor.of(xTrain);
        Tensor y = Tensor.of(yTrain);
        Runnable model = () -> {
            Tensor f = net.forward(x, WeightSites.normalPrior(1.0)).squeeze(-1);   // [..., N]
            try (Plate data = Pyrite.plate("data", x.size(0))) {
                Pyrite.sample("y", Bernoulli.ofLogits(f), y);
            }
        };
        Tensor test = Tensor.of(xTest);

        long t0 = System.nanoTime();
        ModelPotential u = ModelPotential.of(model);
        var mcmc = MCMC.nuts(u).chains(s.chains()).warmup(s.warmup()).samples(s.samples()).maxTreeDepth(s.maxTreeDepth())
                .seed(stream.nextLong()).run();
        double[] pNuts = probabilities(net, PosteriorDraws.of(u, mcmc), test);
        double nutsSeconds = (System.nanoTime() - t0) / 1e9;

        t0 = System.nanoTime();
        AutoNormal guide = AutoNormal.of(SviModel.of(model));
        SVI svi = new SVI(SviModel.of(model), guide, Adam.of(0.02), TraceELBO.of(s.sviParticles()), new ParamStore())
                .seed(stream.nextLong());
        svi.run(s.sviSteps());
        double[] pSvi = probabilities(net, PosteriorDraws.of(guide, s.chains() * s.samples(), stream.split()), test);
        double sviSeconds = (System.nanoTime() - t0) / 1e9;

        Dl4jClassifier.Fit dl4j = Dl4jClassifier.fit(xTrain, yTrain, xTest, s.hidden(), s.dl4jEpochs(), stream.nextLong());
        return new Result(ClassifierScores.of(pNuts, yTest), ClassifierScores.of(pSvi, yTest), ClassifierScores.of(dl4j.probabilities(), yTest),
                baseRateLogLikelihood(yTrain, yTest), nutsSeconds, sviSeconds, dl4j.trainSeconds(), s.chains() * s.samples());
    }

    /** The posterior predictive {@code P(y = 1 | x)}: the mean over the draws of {@code sigmoid(f(x))}. */
    static double[] probabilities(Sequential net, Map<String, Tensor> draws, Tensor x) {
        Tensor f = net.forward(x, DrawnWeights.of(draws)).squeeze(-1);          // [S, N]
        return f.sigmoid().mean(false, 0).toDoubleArray();
    }

    /** The held-out log-likelihood of predicting the training frequency for every row: what a model must beat. */
    static double baseRateLogLikelihood(double[] yTrain, double[] yTest) {
        double p = java.util.Arrays.stream(yTrain).average().orElseThrow();
        double ll = 0;
        for (double v : yTest) {
            ll += v == 1.0 ? Math.log(p) : Math.log1p(-p);
        }
        return ll / yTest.length;
    }
}
