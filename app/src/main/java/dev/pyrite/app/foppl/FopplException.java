package dev.pyrite.app.foppl;

/**
 * An error in a model file: in its syntax, its meaning (an unbound symbol, a wrong number of
 * arguments, an unknown distribution, recursion) or while it runs (shapes that do not broadcast, a
 * parameter out of range). The message starts with {@code file:line:column} and quotes the form:
 *
 * <pre>
 * eight_schools.clj:7:22: unbound symbol 'sigmas'
 *     in: (normal (+ mu (* tau theta)) sigmas)
 * </pre>
 */
public final class FopplException extends RuntimeException {
    private final transient Span span;
    private final String problem;

    public FopplException(Span span, String problem) {
        this(span, problem, null);
    }

    public FopplException(Span span, String problem, Throwable cause) {
        super(span.where() + ": " + problem + System.lineSeparator() + "    in: " + span.text(), cause);
        this.span = span;
        this.problem = problem;
    }

    /** Where the offending form is. */
    public Span span() {
        return span;
    }

    /** The message without the position and the quoted form. */
    public String problem() {
        return problem;
    }
}
