package dev.pyrite.app;

import dev.pyrite.examples.LogisticRegressionDensity;
import dev.pyrite.tensor.Backend;
import dev.pyrite.tensor.CompiledFunction;
import dev.pyrite.tensor.RandomStream;
import java.io.PrintStream;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code pyrite demo}: a compiled log density and gradient of model B for many chains. */
final class DemoCommand {
    int run(String[] args, PrintStream out) {
        int chains = 1000;
        int calls = 200;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--chains": chains = Integer.parseInt(value(args, ++i, "--chains")); break;
                case "--calls": calls = Integer.parseInt(value(args, ++i, "--calls")); break;
                case "--dtype": Backend.setFloatType(Backend.parseFloatType(value(args, ++i, "--dtype"))); break;
                default: throw new IllegalArgumentException("demo: unknown option '" + args[i] + "'");
            }
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

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
