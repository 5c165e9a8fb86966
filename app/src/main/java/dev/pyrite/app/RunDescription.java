package dev.pyrite.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pyrite.app.foppl.FopplProgram;
import dev.pyrite.inference.RunSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What {@code pyrite resume DIR} needs besides the checkpoint to rebuild a run of {@code pyrite run}:
 * the model file and the data files it read (each with its SHA-256, so that a file changed since the run
 * started is refused rather than resumed into different draws), the {@link RunSettings}, the command line
 * and whether plots were asked for. Written with Jackson as {@value #FILE} next to the checkpoint.
 *
 * @param formatVersion {@link #FORMAT_VERSION} of the writer
 * @param modelFile     the model file, absolute
 * @param dataFiles     the data files the model's {@code read-csv} read, absolute
 * @param settings      every setting of the run
 * @param commandLine   the command line that started the run, {@code pyrite run ...}
 * @param plots         whether the run writes plots
 */
record RunDescription(int formatVersion, HashedFile modelFile, List<HashedFile> dataFiles, RunSettings settings,
                      List<String> commandLine, boolean plots) {
    /** The file name in the checkpoint folder. */
    static final String FILE = "run-description.json";
    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A file and the SHA-256 of its bytes (lower-case hex). */
    record HashedFile(String path, String sha256) {
        static HashedFile of(Path file) {
            Path abs = file.toAbsolutePath().normalize();
            return new HashedFile(abs.toString(), RunDescription.sha256(abs));
        }

        /** Refuses a file that is gone or has changed since the run started. */
        void checkUnchanged(String what) {
            Path p = Path.of(path);
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException(what + " " + path + " is gone; resume needs the file the run started with");
            }
            String now = RunDescription.sha256(p);
            if (!now.equals(sha256)) {
                throw new IllegalStateException(what + " " + path + " has changed since the run started (SHA-256 "
                        + now + ", expected " + sha256 + "); resume needs the same file");
            }
        }
    }

    /** The description of a run of {@code model} (loaded from {@code modelFile}). */
    static RunDescription of(Path modelFile, FopplProgram model, RunSettings settings, List<String> commandLine,
                             boolean plots) {
        List<HashedFile> data = new ArrayList<>();
        for (Path p : model.dataFiles()) {
            data.add(HashedFile.of(p));
        }
        return new RunDescription(FORMAT_VERSION, HashedFile.of(modelFile), data, settings, commandLine, plots);
    }

    /** Writes {@code dir/}{@value #FILE} (through a temporary file, moved into place). */
    void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(FILE + ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code dir/}{@value #FILE}; a missing file or another format version is refused. */
    static RunDescription read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no run to resume: " + file + " is missing (pyrite run --out DIR"
                    + " writes it)");
        }
        RunDescription d;
        try {
            d = JSON.readValue(file.toFile(), RunDescription.class);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        if (d.formatVersion() != FORMAT_VERSION) {
            throw new IllegalArgumentException(file + ": formatVersion " + d.formatVersion() + ", expected "
                    + FORMAT_VERSION);
        }
        return d;
    }

    /** Refuses to go on when the model file or a data file has changed since the run started. */
    void checkFilesUnchanged() {
        modelFile.checkUnchanged("model file");
        for (HashedFile f : dataFiles) {
            f.checkUnchanged("data file");
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
