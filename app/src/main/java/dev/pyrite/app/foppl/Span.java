package dev.pyrite.app.foppl;

/**
 * Where a form sits in its source file: character offsets (end exclusive) and the 1-based line and
 * column of its first character.
 */
public record Span(SourceFile file, int start, int end, int line, int column) {

    /** {@code file:line:column}. */
    public String where() {
        return file.name() + ":" + line + ":" + column;
    }

    /** The form's text on one line, shortened for messages. */
    public String text() {
        return file.excerpt(start, end, 72);
    }
}
