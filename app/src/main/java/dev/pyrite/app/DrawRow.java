package dev.pyrite.app;

import dev.pyrite.inference.mcmc.ChainIteration;
import dev.pyrite.inference.mcmc.McmcSamples;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The sampler columns of one chain's draw in a CmdStan CSV ({@code lp__} ... {@code energy__}), taken
 * either from a draw as a hook sees it or from the run's samples afterwards, with the same numbers: the
 * samples hold them in the run's floating-point type, so a hook's draw is rounded to it too.
 */
record DrawRow(double logDensity, double acceptStat, double stepSize, double treeDepth, double leapfrogs,
               double divergent, double energy) {

    /** A draw as a hook sees it, in the run's floating-point type {@code dtype}. */
    static DrawRow of(ChainIteration it, DataType dtype) {
        return new DrawRow(round(it.logDensity(), dtype), round(it.stats().acceptStat(), dtype),
                round(it.stepSize(), dtype), it.stats().treeDepth(), it.stats().leapfrogs(),
                it.stats().divergent() ? 1 : 0, round(it.stats().energy(), dtype));
    }

    /** Draw {@code draw} of chain {@code chain} of finished (or checkpointed) samples. */
    static DrawRow of(McmcSamples m, int chain, int draw) {
        return new DrawRow(m.logDensity().getDouble(chain, draw), m.acceptStat().getDouble(chain, draw),
                m.stepSize().getDouble(chain, draw), m.treeDepth().getDouble(chain, draw),
                m.leapfrogs().getDouble(chain, draw), m.divergent().getDouble(chain, draw),
                m.energy().getDouble(chain, draw));
    }

    /** {@code x} as the samples keep it: a double, or the nearest float for a float32 run. */
    static double round(double x, DataType dtype) {
        return dtype == DataType.FLOAT ? (double) (float) x : x;
    }
}
