package dev.pyrite.tensor;

/**
 * Whether {@link Csv#read(java.nio.file.Path, MissingValues)} accepts missing values: empty cells and the
 * markers {@code NA}, {@code NaN} and {@code N/A} (in any case).
 */
public enum MissingValues {
    /** A missing value is an error naming its file, row and column (the default). */
    REJECT,
    /** A missing value reads as NaN and is marked in {@link Csv#missingMask(String)}. */
    ALLOW
}
