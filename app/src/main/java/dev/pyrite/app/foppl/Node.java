package dev.pyrite.app.foppl;

/**
 * A compiled expression of a FOPPL program. Evaluating it reads local variables from the frame of the
 * function it belongs to (slots assigned by the {@link Compiler}) and sends its sample and observe
 * statements through the Pyrite handler stack.
 */
interface Node {
    Object eval(Object[] frame, Evaluation ev);

    /** The form this node was compiled from. */
    Span span();

    /** Evaluates {@code node}, turning errors that do not yet say where into errors at its form. */
    static Object evalAt(Node node, Object[] frame, Evaluation ev) {
        try {
            return node.eval(frame, ev);
        } catch (FopplException e) {
            throw e;
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException
                 | ArithmeticException e) {
            throw new FopplException(node.span(), e.getMessage(), e);
        }
    }
}
