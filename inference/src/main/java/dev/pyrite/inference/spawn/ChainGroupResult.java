package dev.pyrite.inference.spawn;

import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.StopReason;
import dev.pyrite.inference.state.ArraySections;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The samples of a group of chains as written by the child process and read back bit for bit: the
 * draws and sampler statistics, each chain's final step size and inverse mass matrix, the timings.
 */
public final class ChainGroupResult {
    private ChainGroupResult() {
    }

    static void write(StateWriter out, McmcSamples s) {
        INDArray[] arrays = arrays(s);
        for (int i = 0; i < NAMES.size(); i++) {
            out.part(NAMES.get(i), new ArrayPart(arrays[i]));
        }
        out.doubleValue("warmupSeconds", s.warmupSeconds());
        out.doubleValue("samplingSeconds", s.samplingSeconds());
        out.longValue("gradientEvaluations", s.gradientEvaluations());
        out.string("stopReason", s.stopReason().name());
    }

    static McmcSamples read(StateReader in) {
        INDArray[] a = new INDArray[NAMES.size()];
        for (int i = 0; i < a.length; i++) {
            ArrayPart part = new ArrayPart(null);
            in.part(NAMES.get(i), part);
            a[i] = part.array;
        }
        return new McmcSamples(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9],
                in.doubleValue("warmupSeconds"), in.doubleValue("samplingSeconds"), in.longValue("gradientEvaluations"),
                StopReason.valueOf(in.string("stopReason")));
    }

    /** The groups' samples as one run's, chains in the order given; timings are the longest, counts add. */
    public static McmcSamples concat(List<McmcSamples> groups) {
        if (groups.size() == 1) {
            return groups.get(0);
        }
        INDArray[] out = new INDArray[NAMES.size()];
        for (int i = 0; i < out.length; i++) {
            INDArray[] parts = new INDArray[groups.size()];
            for (int g = 0; g < parts.length; g++) {
                parts[g] = arrays(groups.get(g))[i];
            }
            out[i] = Nd4j.concat(0, parts);
        }
        double warm = 0;
        double sampling = 0;
        long gradients = 0;
        for (McmcSamples s : groups) {
            warm = Math.max(warm, s.warmupSeconds());
            sampling = Math.max(sampling, s.samplingSeconds());
            gradients += s.gradientEvaluations();
        }
        return new McmcSamples(out[0], out[1], out[2], out[3], out[4], out[5], out[6], out[7], out[8], out[9], warm,
                sampling, gradients, groups.get(0).stopReason());
    }

    private static final List<String> NAMES = List.of("draws", "logDensity", "acceptStat", "stepSize", "treeDepth",
            "leapfrogs", "divergent", "energy", "adaptedStepSize", "inverseMass");

    private static INDArray[] arrays(McmcSamples s) {
        return new INDArray[]{s.draws(), s.logDensity(), s.acceptStat(), s.stepSize(), s.treeDepth(), s.leapfrogs(),
            s.divergent(), s.energy(), s.adaptedStepSize(), s.inverseMass()};
    }

    /** One array as a named part. */
    private static final class ArrayPart implements dev.pyrite.inference.state.Checkpointable {
        INDArray array;

        ArrayPart(INDArray array) {
            this.array = array;
        }

        @Override
        public void writeState(StateWriter out) {
            ArraySections.write(out, array);
        }

        @Override
        public void readState(StateReader in) {
            array = ArraySections.read(in);
        }
    }
}
