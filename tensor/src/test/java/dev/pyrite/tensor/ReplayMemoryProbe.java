package dev.pyrite.tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a compiled gradient many times at 100 chains and prints the process RSS (kB) after a warm-up
 * and at the end, as "rss WARM END". Started in its own JVM with a fixed, pre-touched heap so that
 * RSS changes can only come from native memory.
 */
public final class ReplayMemoryProbe {
    private ReplayMemoryProbe() {
    }

    public static void main(String[] args) throws IOException {
        int calls = Integer.parseInt(args[0]);
        TensorFunction model = in -> {
            Tensor q = in[0];
            Tensor loc = q.select(1, 0).unsqueeze(1);
            Tensor scale = q.select(1, 1).exp().unsqueeze(1);
            Tensor z = in[1].sub(loc).div(scale);
            Tensor mix = q.slice(1, 2, 4).logSoftmax(1).logSumExp(1, false);
            return new Tensor[]{z.square().mul(-0.5).sub(scale.log()).sum(false, 1).add(mix)};
        };
        CompiledFunction f = CompiledFunction.withGradients(model, 0);
        INDArray q = Nd4j.rand(DataType.DOUBLE, 100, 4);
        INDArray data = Nd4j.rand(DataType.DOUBLE, 50);
        int warm = calls / 10;
        for (int i = 0; i < warm; i++) {
            f.call(q, data);
        }
        long warmRss = rssKb();
        for (int i = warm; i < calls; i++) {
            f.call(q, data);
        }
        System.out.println("rss " + warmRss + " " + rssKb());
    }

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
