package dev.pyrite.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** {@link Backend#floatTypeScope}: the float type of one thread, falling back to the JVM-wide type. */
class FloatTypeScopeTest {
    @Test
    void scopesNestAndFallBackToTheJvmWideType() {
        DataType jvm = Backend.floatType();
        DataType other = jvm == DataType.DOUBLE ? DataType.FLOAT : DataType.DOUBLE;
        try (ContextScope<DataType> a = Backend.floatTypeScope(other)) {
            assertEquals(other, Backend.floatType());
            assertEquals(other, Tensor.scalar(1.5).dtype(), "new tensors take the scope's type");
            assertEquals(other, Tensor.zeros(2, 3).dtype());
            try (ContextScope<DataType> b = Backend.floatTypeScope(jvm)) {
                assertEquals(jvm, Tensor.scalar(1.5).dtype());
            }
            assertEquals(other, Tensor.of(1.0, 2.0).dtype());
        }
        assertEquals(jvm, Backend.floatType());
    }

    @Test
    void twoThreadsKeepTheirOwnTypeAtTheSameTime() throws Exception {
        CyclicBarrier bothScoped = new CyclicBarrier(2);
        CompletableFuture<DataType> f32 = CompletableFuture.supplyAsync(() -> inScope(DataType.FLOAT, bothScoped));
        CompletableFuture<DataType> f64 = CompletableFuture.supplyAsync(() -> inScope(DataType.DOUBLE, bothScoped));
        assertEquals(DataType.FLOAT, f32.get(30, TimeUnit.SECONDS));
        assertEquals(DataType.DOUBLE, f64.get(30, TimeUnit.SECONDS));
    }

    private static DataType inScope(DataType dt, CyclicBarrier barrier) {
        try (ContextScope<DataType> s = Backend.floatTypeScope(dt)) {
            barrier.await(30, TimeUnit.SECONDS);     // both threads are inside their scopes now
            DataType seen = Tensor.scalar(0.25).dtype();
            barrier.await(30, TimeUnit.SECONDS);     // and stay there until both have read
            return seen;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void onlyDoubleAndFloatAreFloatTypes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backend.floatTypeScope(DataType.HALF));
        assertTrue(e.getMessage().contains("DOUBLE or FLOAT"), e.getMessage());
    }
}
