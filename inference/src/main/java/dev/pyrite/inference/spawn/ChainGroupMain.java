package dev.pyrite.inference.spawn;

import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The child process of a {@link ChainGroupFragment}: {@code java -cp ... ChainGroupMain IN OUT} reads the
 * group's settings and streams from {@code IN}, runs the chains, and writes their samples to {@code OUT}
 * (moved into place when complete, so the parent never reads half a file). Any failure ends the process
 * with status 1 and the exception on stderr.
 */
public final class ChainGroupMain {
    private ChainGroupMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ChainGroupMain SETTINGS_FILE RESULT_FILE");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        ChainGroupSettings settings;
        try (InputStream is = Files.newInputStream(in); StateReader r = new StateReader(is, in.toString())) {
            settings = ChainGroupSettings.read(r);
        }
        Potential potential = PotentialFactory.named(settings.potentialFactory()).create();
        McmcSamples samples = settings.sampler(potential).run();
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp); StateWriter w = new StateWriter(os)) {
            ChainGroupResult.write(w, samples);
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        // ND4J's native threads may keep the JVM alive
        System.exit(0);
    }
}
