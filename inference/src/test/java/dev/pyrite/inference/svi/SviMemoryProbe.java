package dev.pyrite.inference.svi;

import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.inference.ResidentMemory;
import dev.pyrite.tensor.Tensor;

/**
 * Runs SVI steps (AutoNormal guide, Adam, 16-particle TraceELBO) on a normal model with a global mean and
 * scale and a 200-point data plate, printing a {@link ResidentMemory#checkpoint} at every tenth of the steps.
 * Started in its own JVM by {@code HotLoopMemoryTest}.
 */
public final class SviMemoryProbe {
    private SviMemoryProbe() {
    }

    static void model(Tensor... args) {
        Tensor mu = Pyrite.sample("mu", Normal.of(0.0, 10.0));
        Tensor logSigma = Pyrite.sample("log_sigma", Normal.of(0.0, 2.0));
        try (Plate p = Pyrite.plate("data", args[0].size(0))) {
            Pyrite.sample("x", Normal.of(mu, logSigma.exp()), args[0]);
        }
    }

    public static void main(String[] args) {
        int steps = Integer.parseInt(args[0]);
        double[] data = new double[200];
        for (int i = 0; i < data.length; i++) {
            data[i] = 1.0 + Math.sin(i);
        }
        Tensor x = Tensor.of(data);
        AutoNormal guide = AutoNormal.of(SviMemoryProbe::model);
        SVI svi = new SVI(SviMemoryProbe::model, guide, Adam.of(0.01), TraceELBO.of(16)).seed(1);
        int tenth = steps / 10;
        for (int k = 1; k <= 10; k++) {
            svi.run(tenth, x);
            ResidentMemory.checkpoint(k * tenth);
        }
    }
}
