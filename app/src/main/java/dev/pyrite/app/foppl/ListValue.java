package dev.pyrite.app.foppl;

import java.util.List;

/**
 * A FOPPL vector whose items are not numbers of one shape (vectors of different lengths, maps,
 * distributions), so it cannot be one {@link TensorValue}. Immutable.
 */
record ListValue(List<Object> items) {
    static final ListValue EMPTY = new ListValue(List.of());

    ListValue {
        items = List.copyOf(items);
    }

    int size() {
        return items.size();
    }
}
