package dev.pyrite.app;

import dev.pyrite.inference.Algorithm;
import dev.pyrite.tensor.Executor;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How the command line reads option values: numbers, {@code --algo}, {@code --dtype}, {@code --executor}.
 * A bad value fails with what was expected ({@code needs a whole number, got 'four'}); the error handler
 * puts the option's name in front.
 */
final class OptionValues {
    private OptionValues() {
    }

    /** Registers the number converters on every command of {@code cl}. */
    static void register(CommandLine cl) {
        ITypeConverter<Integer> integer = v -> parse(v, "a whole number", Integer::valueOf);
        ITypeConverter<Long> whole = v -> parse(v, "a whole number", Long::valueOf);
        ITypeConverter<Double> number = v -> parse(v, "a number", Double::valueOf);
        cl.registerConverter(Integer.class, integer).registerConverter(int.class, integer)
                .registerConverter(Long.class, whole).registerConverter(long.class, whole)
                .registerConverter(Double.class, number).registerConverter(double.class, number);
    }

    private static <T> T parse(String v, String what, java.util.function.Function<String, T> f) {
        try {
            return f.apply(v.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("needs " + what + ", got '" + v + "'");
        }
    }

    /** {@code nuts}, {@code hmc}, {@code svi} or {@code enum}. */
    static final class AlgorithmValue implements ITypeConverter<Algorithm> {
        @Override
        public Algorithm convert(String v) {
            try {
                return Algorithm.parse(v);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code float64} or {@code float32}. */
    static final class DtypeValue implements ITypeConverter<DataType> {
        @Override
        public DataType convert(String v) {
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "float64" -> DataType.DOUBLE;
                case "float32" -> DataType.FLOAT;
                default -> throw new TypeConversionException("must be float64 or float32, got '" + v + "'");
            };
        }
    }

    /** {@code jvm}, {@code nd4j} or {@code auto}. */
    static final class ExecutorValue implements ITypeConverter<Executor> {
        @Override
        public Executor convert(String v) {
            for (Executor e : Executor.values()) {
                if (e.name().equalsIgnoreCase(v)) {
                    return e;
                }
            }
            throw new TypeConversionException("must be jvm, nd4j or auto, got '" + v + "'");
        }
    }
}
