package dev.pyrite.examples;

import dev.pyrite.distributions.HalfCauchy;
import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.Csv;
import dev.pyrite.tensor.Tensor;

/**
 * Reference model A, eight schools, non-centred: {@code mu ~ N(0, 5)}, {@code tau ~ HalfCauchy(5)},
 * {@code theta_tilde[j] ~ N(0, 1)}, {@code y[j] ~ N(mu + tau theta_tilde[j], sigma[j])}.
 */
public final class EightSchoolsModel implements Runnable {
    private final Tensor y;
    private final Tensor sigma;

    private EightSchoolsModel(Tensor y, Tensor sigma) {
        this.y = y;
        this.sigma = sigma;
    }

    public static EightSchoolsModel load() {
        Csv data = Csv.read(ProjectFiles.find("examples/data/eight_schools.csv"));
        return new EightSchoolsModel(data.column("y"), data.column("sigma"));
    }

    @Override
    public void run() {
        Tensor mu = Pyrite.sample("mu", Normal.of(0, 5));
        Tensor tau = Pyrite.sample("tau", HalfCauchy.of(Tensor.scalar(5)));
        try (Plate schools = Pyrite.plate("schools", y.size(0))) {
            Tensor thetaTilde = Pyrite.sample("theta_tilde", Normal.of(0, 1));
            Pyrite.sample("y", Normal.of(mu.add(tau.mul(thetaTilde)), sigma), y);
        }
    }
}
