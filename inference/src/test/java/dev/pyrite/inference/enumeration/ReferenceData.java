package dev.pyrite.inference.enumeration;

import dev.pyrite.tensor.Csv;
import dev.pyrite.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/** The reference data of examples/data, found from the module's working directory. */
final class ReferenceData {
    private ReferenceData() {
    }

    static Path file(String name) {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            Path p = dir.resolve("examples").resolve("data").resolve(name);
            if (Files.exists(p)) {
                return p;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find examples/data/" + name + " above " + Paths.get("").toAbsolutePath());
    }

    /** A numeric CSV table as a matrix. */
    static Tensor matrix(String name) {
        return Csv.read(file(name)).matrix();
    }

    /** Model D observations [50, 200] as INT64 symbols. */
    static Tensor hmmObservations() {
        return matrix("hmm_obs.csv").castTo(DataType.INT64);
    }

    /** A name,value file whose names may contain commas (e.g. {@code d[1,2]}): split at the last comma. */
    static Map<String, Double> nameValues(String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            int comma = line.lastIndexOf(',');
            out.put(line.substring(0, comma).trim(), Double.parseDouble(line.substring(comma + 1).trim()));
        }
        return out;
    }
}
