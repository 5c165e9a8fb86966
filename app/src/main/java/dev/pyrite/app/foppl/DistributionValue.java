package dev.pyrite.app.foppl;

import java.util.List;

/**
 * A distribution as a FOPPL value, e.g. the value of {@code (normal mu 1)}: its family and arguments.
 * It becomes a Pyrite {@code Distribution} only at the {@code sample} or {@code observe} that uses it,
 * where the shapes of the site are known.
 *
 * @param family the family
 * @param args   the evaluated arguments (numbers, vectors, matrices)
 * @param span   the form that made it, for errors
 */
record DistributionValue(DistributionFamily family, List<Object> args, Span span) {
    DistributionValue {
        args = List.copyOf(args);
    }
}
