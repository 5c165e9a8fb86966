import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Run by PredictiveGraphTest in a fresh JVM whose classpath has ND4J/SameDiff and no Pyrite class:
 * args = graph file, input file (rows of space-separated doubles), output file. Writes the graph's
 * "mean" output, one value per line, in Java's round-trip decimal form.
 */
public class PlainSameDiffLoader {
    public static void main(String[] args) throws Exception {
        try {
            Class.forName("dev.pyrite.tensor.Tensor");
            throw new IllegalStateException("Pyrite is on the classpath");
        } catch (ClassNotFoundException expected) {
            // as it should be
        }
        SameDiff sd = SameDiff.fromFlatFile(new File(args[0]));
        List<String> lines = Files.readAllLines(Path.of(args[1]));
        double[][] rows = new double[lines.size()][];
        for (int i = 0; i < rows.length; i++) {
            String[] parts = lines.get(i).trim().split(" ");
            rows[i] = new double[parts.length];
            for (int j = 0; j < parts.length; j++) {
                rows[i][j] = Double.parseDouble(parts[j]);
            }
        }
        INDArray x = Nd4j.createFromArray(rows).castTo(DataType.DOUBLE);
        INDArray mean = sd.output(Map.of("input", x), "mean").get("mean");
        StringBuilder out = new StringBuilder();
        for (double v : mean.dup().data().asDouble()) {
            out.append(v).append('\n');
        }
        Files.writeString(Path.of(args[2]), out.toString());
    }
}
