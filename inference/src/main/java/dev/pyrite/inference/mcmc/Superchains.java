package dev.pyrite.inference.mcmc;

import dev.pyrite.tensor.RandomStream;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Starting points for chains grouped into superchains (Margossian et al. 2023): K points, each given to
 * the C / K chains of its superchain, laid out in order (chains {@code k C/K .. (k + 1) C/K - 1} start at
 * point k), the grouping {@link dev.pyrite.inference.diagnostics.NestedRhat} expects. The chains of a
 * superchain then differ only by their own random streams.
 *
 * <pre>{@code
 * INDArray starts = Superchains.uniform(64, 512, u.dimension(), seed);      // 64 superchains of 8
 * McmcSamples s = MCMC.nuts(u).chains(512).warmup(100).samples(100).initialPositions(starts).run();
 * double nrhat = NestedRhat.of(s.coordinate(0), 64);
 * // or from K points found otherwise, e.g. by Pathfinder:
 * INDArray fromPathfinder = Superchains.repeat(Pathfinder.of(u).initialPositions(64), 512);
 * }</pre>
 */
public final class Superchains {
    private Superchains() {
    }

    /**
     * Repeats each of the K points {@code [K, D]} for the C / K chains of its superchain.
     *
     * @return {@code [chains, D]}, float64
     * @throws IllegalArgumentException if {@code points} is not a matrix or K does not divide C
     */
    public static INDArray repeat(INDArray points, int chains) {
        if (points.rank() != 2) {
            throw new IllegalArgumentException("Superchains: points must be [K, D], got shape "
                    + Arrays.toString(points.shape()));
        }
        int k = (int) points.size(0);
        int d = (int) points.size(1);
        requireDivides(k, chains);
        int per = chains / k;
        double[] flat = points.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] out = new double[chains * d];
        for (int c = 0; c < chains; c++) {
            System.arraycopy(flat, (c / per) * d, out, c * d, d);
        }
        return Nd4j.create(out, new long[]{chains, d}, DataType.DOUBLE);
    }

    /**
     * K points drawn uniform(-2, 2) on the unconstrained space (Stan's initialisation) from {@code seed},
     * each repeated for the C / K chains of its superchain.
     *
     * @return {@code [chains, D]}, float64
     */
    public static INDArray uniform(int superchains, int chains, int dimension, long seed) {
        requireDivides(superchains, chains);
        RandomStream stream = RandomStream.of(seed);
        double[] points = new double[superchains * dimension];
        for (int i = 0; i < points.length; i++) {
            points[i] = 4 * stream.uniformDouble() - 2;
        }
        return repeat(Nd4j.create(points, new long[]{superchains, dimension}, DataType.DOUBLE), chains);
    }

    /** The superchain of chain {@code chain} when C chains form K superchains. */
    public static int superchainOf(int chain, int superchains, int chains) {
        requireDivides(superchains, chains);
        return chain / (chains / superchains);
    }

    private static void requireDivides(int superchains, int chains) {
        if (superchains < 1 || chains % superchains != 0) {
            throw new IllegalArgumentException("Superchains: the number of superchains must be >= 1 and divide the "
                    + chains + " chains, got " + superchains);
        }
    }
}
