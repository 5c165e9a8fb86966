package dev.pyrite.app.foppl;

import java.nio.file.Path;

/**
 * The text of a model file, its name for messages and the folder that relative data paths (in
 * {@code read-csv}) are resolved against.
 *
 * @param name      what messages call the file, e.g. {@code eight_schools.clj}
 * @param text      the program text
 * @param directory the folder of the file (data paths are relative to it)
 */
public record SourceFile(String name, String text, Path directory) {

    /** The source text between two offsets, on one line, shortened to at most {@code max} characters. */
    public String excerpt(int start, int end, int max) {
        String s = text.substring(start, Math.min(end, text.length())).replaceAll("\\s+", " ").trim();
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
