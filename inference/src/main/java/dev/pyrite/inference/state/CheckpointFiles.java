package dev.pyrite.inference.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A checkpoint on disk: a run's whole state in {@code dir/state.bin} ({@link StateWriter}) and its
 * metadata, the settings that rebuild the run, in {@code dir/checkpoint.json} (Jackson), each written
 * through a temporary file moved into place atomically, so that a process killed at any moment leaves a
 * complete earlier or later checkpoint. The state is written first and holds everything a resume reads;
 * the settings never change during a run, so a kill between the two moves leaves, at worst, an iteration
 * count in the metadata one checkpoint behind.
 *
 * <pre>{@code
 * CheckpointFiles.write(dir, run, new EnsembleCheckpoint(...));
 * EnsembleCheckpoint meta = CheckpointFiles.metadata(dir, EnsembleCheckpoint.class);
 * CheckpointFiles.readState(dir, rebuilt);
 * }</pre>
 */
public final class CheckpointFiles {
    public static final String STATE_FILE = "state.bin";
    public static final String METADATA_FILE = "checkpoint.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckpointFiles() {
    }

    /** Writes {@code state} and then {@code metadata} into {@code dir} (created if missing). */
    public static void write(Path dir, Checkpointable state, Object metadata) {
        try {
            Files.createDirectories(dir);
            Path stateTmp = dir.resolve(STATE_FILE + ".tmp");
            try (StateWriter out = new StateWriter(new BufferedOutputStream(Files.newOutputStream(stateTmp)))) {
                state.writeState(out);
            }
            Files.move(stateTmp, dir.resolve(STATE_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            Path metaTmp = dir.resolve(METADATA_FILE + ".tmp");
            JSON.writeValue(metaTmp.toFile(), metadata);
            Files.move(metaTmp, dir.resolve(METADATA_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code dir/checkpoint.json} as {@code type}. */
    public static <T> T metadata(Path dir, Class<T> type) {
        Path file = dir.resolve(METADATA_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("checkpoint " + dir + ": no " + METADATA_FILE);
        }
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code dir/state.bin} into {@code state}, built with the checkpoint's settings. */
    public static void readState(Path dir, Checkpointable state) {
        Path file = dir.resolve(STATE_FILE);
        try (StateReader in = new StateReader(new BufferedInputStream(Files.newInputStream(file)),
                "checkpoint " + file)) {
            state.readState(in);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
