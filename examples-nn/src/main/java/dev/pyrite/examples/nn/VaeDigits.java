package dev.pyrite.examples.nn;

import dev.pyrite.examples.Example;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.inference.svi.Adam;
import dev.pyrite.inference.svi.Minibatches;
import dev.pyrite.inference.svi.SVI;
import dev.pyrite.inference.svi.TraceMeanFieldELBO;
import dev.pyrite.nn.WeightSites;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pyrite example vae-digits}: a VAE ({@link DigitsVae}) on the 8x8 digits, pixels scaled to
 * [0, 1] and binarised at 0.5 for a Bernoulli likelihood, fitted by amortised SVI on minibatches from a
 * DL4J {@code DataSetIterator}. Reports the held-out ELBO and importance-weighted bound in nats per
 * image and writes a PNG of test images, their reconstructions and samples from the prior.
 */
@Command(name = "vae-digits",
        description = "A VAE on the 8x8 digits (Bernoulli pixels): amortised SVI from a DataSetIterator, "
                + "held-out ELBO and IWAE bound, PNG of reconstructions and samples.")
public final class VaeDigits implements Example, Callable<Integer> {
    /** Held-out images. */
    public static final int TEST_SIZE = 357;

    /** The settings of one run. */
    public record Settings(int epochs, int batchSize, int hidden, int latent, double learningRate,
                           int iwaeSamples, long seed, Path out) {
        public Settings {
            if (epochs < 1 || batchSize < 1 || hidden < 1 || latent < 1 || iwaeSamples < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("vae-digits: epochs, batch size, hidden, latent and IWAE samples must be >= 1"
                        + " and the learning rate > 0, got " + this);
            }
        }
    }

    /** The figures of a run: nats per held-out image, and the PNG written (null if none). */
    public record Result(double testElbo, double testIwae, int iwaeSamples, double trainLoss, int steps,
                         double pixelBaseline, Path png) {
        void print(PrintWriter w) {
            w.printf("vae-digits: %d SVI steps, final training loss %.2f nats/image%n", steps, trainLoss);
            w.printf("  held-out ELBO                 %.2f nats/image%n", testElbo);
            w.printf("  held-out IWAE bound (K=%d)   %.2f nats/image%n", iwaeSamples, testIwae);
            w.printf("  independent-pixel baseline    %.2f nats/image%n", pixelBaseline);
            if (png != null) {
                w.printf("  wrote %s (rows: test images, reconstructions, samples)%n", png);
            }
        }
    }

    @Spec
    private CommandSpec spec;
    @Option(names = "--epochs", description = "Passes over the training images (default ${DEFAULT-VALUE}).")
    private int epochs = 50;
    @Option(names = "--batch", description = "Minibatch size (default ${DEFAULT-VALUE}).")
    private int batch = 120;
    @Option(names = "--hidden", description = "Hidden units of encoder and decoder (default ${DEFAULT-VALUE}).")
    private int hidden = 64;
    @Option(names = "--latent", description = "Latent dimensions (default ${DEFAULT-VALUE}).")
    private int latent = 4;
    @Option(names = "--lr", description = "Adam's learning rate (default ${DEFAULT-VALUE}).")
    private double lr = 0.01;
    @Option(names = "--iwae-samples", description = "Importance samples per held-out image (default ${DEFAULT-VALUE}).")
    private int iwaeSamples = 500;
    @Option(names = "--seed", description = "Seed of the split, the initial weights and SVI (default ${DEFAULT-VALUE}).")
    private long seed = 0;
    @Option(names = "--out", description = "Folder for vae-digits.png (default ${DEFAULT-VALUE}).")
    private Path out = Path.of("example-out");

    @Override
    public String name() {
        return "vae-digits";
    }

    @Override
    public String summary() {
        return "VAE on the 8x8 digits by amortised SVI: held-out ELBO, IWAE bound, PNG";
    }

    @Override
    public Integer call() {
        run(new Settings(epochs, batch, hidden, latent, lr, iwaeSamples, seed, out)).print(spec.commandLine().getOut());
        return 0;
    }

    /** The images of rows {@code index}, pixels / 16 binarised at 0.5, as {@code [n, 64]}. */
    public static double[][] binaryImages(UciTable digits, int[] index) {
        double[][] x = digits.features(index);
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = row[j] / 16.0 > 0.5 ? 1.0 : 0.0;
            }
        }
        return x;
    }

    /** Trains and evaluates; writes the PNG if {@code settings.out()} is not null. */
    public static Result run(Settings settings) {
        UciTable digits = UciTable.load("digits.csv");
        TrainTestSplit split = TrainTestSplit.of(digits.rowCount(), TEST_SIZE, settings.seed());
        double[][] train = binaryImages(digits, split.train());
        double[][] test = binaryImages(digits, split.test());
        RandomStream stream = RandomStream.of(settings.seed());
        DigitsVae vae = new DigitsVae(train.length, settings.hidden(), settings.latent(), stream.split());
        SVI svi = new SVI(vae::model, vae::guide, Adam.of(settings.learningRate()), TraceMeanFieldELBO.of(1),
                new ParamStore()).seed(stream.nextLong());
        DataSet data = new DataSet(Nd4j.create(train), Nd4j.create(digits.target(split.train()), train.length, 1));
        // whole batches only: a last, smaller batch would be a second compiled program
        int batch = Math.min(settings.batchSize(), train.length);
        DataSet whole = (DataSet) data.getRange(0, train.length / batch * batch);
        double loss = Double.NaN;
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            whole.shuffle(stream.nextLong());
            loss = Minibatches.epoch(svi, new ViewIterator(whole, batch));
        }
        WeightSites fitted = DigitsVae.fitted(svi.store());
        Tensor x = Tensor.of(test);
        Tensor logW = vae.logWeights(x, fitted, settings.iwaeSamples(), stream.split());
        Path png = null;
        if (settings.out() != null) {
            png = settings.out().resolve("vae-digits.png");
            Tensor shown = x.slice(0, 0, 10);
            RandomStream s = stream.split();
            DigitGrid.write(png, List.of(shown, vae.reconstruct(shown, fitted), vae.sample(10, fitted, s), vae.sample(10, fitted, s)));
        }
        return new Result(DigitsVae.elbo(logW), DigitsVae.iwae(logW), settings.iwaeSamples(), loss / train.length,
                (int) svi.stepCount(), pixelBaseline(train, test), png);
    }

    /**
     * The held-out log-likelihood, nats per image, of independent Bernoulli pixels with the training
     * frequencies (add-one smoothed): the VAE is worth its latent code if it beats this.
     */
    static double pixelBaseline(double[][] train, double[][] test) {
        double ll = 0;
        for (int j = 0; j < DigitsVae.PIXELS; j++) {
            double ones = 1;
            for (double[] r : train) {
                ones += r[j];
            }
            double p = ones / (train.length + 2);
            for (double[] r : test) {
                ll += r[j] == 1.0 ? Math.log(p) : Math.log1p(-p);
            }
        }
        return ll / test.length;
    }
}
