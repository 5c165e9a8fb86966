package dev.pyrite.app;

import dev.pyrite.examples.LogisticRegressionDensity;
import dev.pyrite.tensor.Backend;
import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.RandomStream;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pyrite demo}: a compiled log density and gradient of model B for many chains. */
@Command(name = "demo", separator = " ", sortOptions = false, synopsisHeading = "Usage: ",
        description = {"Compiles the log density and gradient of the logistic-regression reference model",
            "(N=1000, D=25), checks it at the generating values, and times it for many chains."},
        optionListHeading = "%nOptions:%n")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--chains", paramLabel = "N", description = "chains in one call (default ${DEFAULT-VALUE})")
    private int chains = 1000;

    @Option(names = "--calls", paramLabel = "N", description = "timed calls (default ${DEFAULT-VALUE})")
    private int calls = 200;

    @Option(names = "--dtype", paramLabel = "float64|float32", converter = OptionValues.DtypeValue.class,
            description = "floating-point type (default: -Dpyrite.dtype, else float64)")
    private DataType dtype;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this text")
    private boolean help;

    private final PrintStream out;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        if (chains < 1 || calls < 1) {
            throw new IllegalArgumentException("demo: --chains and --calls must be >= 1, got " + chains + " and "
                    + calls);
        }
        if (dtype != null) {
            Backend.setFloatType(dtype);
        }
        LogisticRegressionDensity model = LogisticRegressionDensity.load();
        CompiledFunction f = CompiledFunction.withGradients(model.logJoint(), 0);

        INDArray truth = LogisticRegressionDensity.trueParameters().castTo(Backend.floatType());
        INDArray[] atTruth = f.call(truth);
        out.printf(Locale.ROOT, "Backend %s (%d thread%s), %s, model B (logistic regression, N=1000, D=25)%n",
                Backend.describe(), Backend.threads(), Backend.threads() == 1 ? "" : "s", Backend.floatType());
        out.printf(Locale.ROOT, "log joint at the generating values: %.10f (reference -326.1303896151504)%n",
                atTruth[0].getDouble(0));
        out.printf(Locale.ROOT, "d/db at the generating values:      %.10f (reference -13.634218952850162)%n",
                atTruth[1].getDouble(0, 25));

        INDArray q = RandomStream.of(0).normal(Backend.floatType(), chains, model.dimension()).muli(0.3);
        long t0 = System.nanoTime();
        f.call(q);
        long traced = System.nanoTime() - t0;
        t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            f.call(q);
        }
        double perCall = (System.nanoTime() - t0) / 1e6 / calls;
        out.printf(Locale.ROOT, "%d chains: first call (trace + build) %.1f ms, then %.3f ms per call "
                        + "(%.2f us per chain), %d ops per call%n",
                chains, traced / 1e6, perCall, perCall * 1000 / chains, f.opCount(q));
        return 0;
    }
}
