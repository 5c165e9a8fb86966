package dev.pyrite.app.foppl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A FOPPL hash-map. Keys are plain values: numbers (as {@link Double}), strings, {@link KeywordValue}s or
 * booleans; insertion order is kept. Immutable.
 */
record MapValue(Map<Object, Object> entries) {
    MapValue {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }
}
