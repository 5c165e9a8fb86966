package dev.pyrite.examples;

import dev.pyrite.distributions.Bernoulli;
import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.Csv;
import dev.pyrite.tensor.Tensor;

/**
 * Reference model B as a Pyrite model: {@code w[d] ~ Normal(0, 1)}, {@code b ~ Normal(0, 1)},
 * {@code y[n] ~ Bernoulli(logits = X[n] . w + b)}, N = 1000, D = 25.
 *
 * <pre>{@code
 * LogisticRegressionModel m = LogisticRegressionModel.load();
 * ModelPotential u = ModelPotential.of(m);
 * Posterior post = Posterior.of(u, MCMC.nuts(u).chains(4).run());
 * }</pre>
 */
public final class LogisticRegressionModel implements Runnable {
    private final Tensor xTransposed;   // [D, N]
    private final Tensor y;             // [N]

    private LogisticRegressionModel(Tensor x, Tensor y) {
        this.xTransposed = x.transpose();
        this.y = y;
    }

    public static LogisticRegressionModel load() {
        return new LogisticRegressionModel(Csv.read(ProjectFiles.find("examples/data/logreg_X.csv")).matrix(),
                Csv.read(ProjectFiles.find("examples/data/logreg_y.csv")).column("y"));
    }

    @Override
    public void run() {
        Tensor w;
        try (Plate features = Pyrite.plate("features", xTransposed.size(0))) {
            w = Pyrite.sample("w", Normal.of(0, 1));                  // [..., D]
        }
        Tensor b = Pyrite.sample("b", Normal.of(0, 1));               // [..., 1]
        Tensor logits = w.matmul(xTransposed).add(b);                 // [..., N]
        try (Plate data = Pyrite.plate("data", y.size(0))) {
            Pyrite.sample("y", Bernoulli.ofLogits(logits), y);
        }
    }
}
