package dev.pyrite.inference.ensemble;

import dev.pyrite.inference.diagnostics.EffectiveSampleSize;
import dev.pyrite.inference.mcmc.McmcSamples;
import org.junit.jupiter.api.Test;

class MeadsProbe {
    @Test
    void probe() {
        double[] sigma = GaussianTargets.logSpaced(100, 0.01, 1);
        long t0 = System.nanoTime();
        EnsembleSampler s = MEADS.of(GaussianTargets.independent(sigma)).chains(128).warmup(1000).samples(1000).seed(1).sampler();
        McmcSamples m = s.run();
        MeadsSampler cs = (MeadsSampler) s;
        System.out.println("time " + (System.nanoTime() - t0) / 1e9 + " eps " + cs.stepSize() + " alpha " + cs.refresh()
                + " grads " + m.gradientEvaluations() + " accept " + m.acceptStat().meanNumber() + " div " + m.divergences());
        for (int d : new int[]{0, 50, 99}) {
            double[][] x = m.coordinate(d);
            System.out.println(d + " mean " + Moments.mean(x) + " var/s2 " + Moments.mean(Moments.squares(x, 0)) / (sigma[d] * sigma[d])
                    + " ess " + EffectiveSampleSize.bulk(x) + " essSq " + EffectiveSampleSize.bulk(Moments.squares(x, 0))
                    + " invMass/s2 " + m.inverseMass().getDouble(0, d) / (sigma[d] * sigma[d]));
        }
    }
}
