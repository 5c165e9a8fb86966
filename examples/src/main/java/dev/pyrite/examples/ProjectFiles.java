package dev.pyrite.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds files of the repository (reference data under examples/data) from any module's directory. */
public final class ProjectFiles {
    private ProjectFiles() {
    }

    /** The path of {@code relative} under the repository root, searched upwards from the working directory. */
    public static Path find(String relative) {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find '" + relative + "' above " + Paths.get("").toAbsolutePath());
    }
}
