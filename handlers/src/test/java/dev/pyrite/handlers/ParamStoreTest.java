package dev.pyrite.handlers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.distributions.Constraint;
import dev.pyrite.distributions.Constraints;
import dev.pyrite.distributions.Transform;
import dev.pyrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The parameter store: constraints, save and load, concurrency, pluggable transforms. */
class ParamStoreTest {
    @TempDir
    Path dir;

    @Test
    void saveAndLoadRoundTripExactly() throws IOException {
        ParamStore store = new ParamStore();
        store.set("loc weights/é", Tensor.of(new double[][]{{0.1, -2.5, 1e-300}, {3.0, Math.PI, -0.0}}));
        store.getOrInit("scale", () -> Tensor.scalar(0.7), Constraints.POSITIVE);
        store.getOrInit("p", () -> Tensor.of(0.2, 0.9), Constraints.UNIT_INTERVAL);
        store.set("f32", Tensor.of(Nd4j.createFromArray(1.5f, -0.1f)));
        Path file = dir.resolve("params.txt");
        store.save(file);

        String text = Files.readString(file);
        assertTrue(text.startsWith("pyrite-params 1\n"), text);
        assertTrue(text.contains("param loc+weights%2F%C3%A9\nconstraint real\ndtype DOUBLE\nshape 2 3\n"), text);
        assertTrue(text.contains("param scale\nconstraint positive\ndtype DOUBLE\nshape\nvalues " + Math.log(0.7)), text);

        ParamStore loaded = new ParamStore();
        loaded.load(file);
        assertEquals(List.copyOf(store.names()), List.copyOf(loaded.names()));
        for (String name : store.names()) {
            assertArrayEquals(store.unconstrained(name).toDoubleArray(), loaded.unconstrained(name).toDoubleArray(), 0.0,
                    name);
            assertArrayEquals(store.get(name).shape(), loaded.get(name).shape(), name);
            assertEquals(store.constraint(name).name(), loaded.constraint(name).name());
            assertEquals(store.get(name).dtype(), loaded.get(name).dtype());
        }
        assertEquals(DataType.FLOAT, loaded.get("f32").dtype());
        assertEquals(0.7, loaded.get("scale").item(), 1e-15);
    }

    @Test
    void loadingAFileOfAnotherKindFails() throws IOException {
        Path file = dir.resolve("other.txt");
        Files.writeString(file, "hello\n");
        assertThrows(IOException.class, () -> new ParamStore().load(file));
    }

    @Test
    void concurrentFirstUseInitialisesOnce() throws Exception {
        ParamStore store = new ParamStore();
        AtomicInteger inits = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Tensor>> tasks = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                double v = i + 1;
                tasks.add(() -> store.getOrInit("shared", () -> {
                    inits.incrementAndGet();
                    return Tensor.scalar(v);
                }, Constraints.POSITIVE));
            }
            List<Double> values = new ArrayList<>();
            for (Future<Tensor> f : pool.invokeAll(tasks)) {
                values.add(f.get().item());
            }
            assertEquals(1, inits.get());
            assertTrue(values.stream().allMatch(v -> v.equals(values.get(0))), values.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void constraintsWithoutATransformNeedOneRegistered() {
        // greaterThan has a built-in bijection (bijectTo); a constraint of the user's own has none.
        ParamStore builtIn = new ParamStore();
        assertEquals(3.0, builtIn.getOrInit("nu0", () -> Tensor.scalar(3.0), Constraints.greaterThan(1.0)).item(), 1e-12);
        Constraint above1 = new Constraint() {
            @Override
            public Tensor check(Tensor value) {
                return value.gt(1.0);
            }

            @Override
            public String name() {
                return "above one (custom)";
            }
        };
        ParamStore store = new ParamStore();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.getOrInit("nu", () -> Tensor.scalar(3.0), above1));
        assertTrue(e.getMessage().contains("above one (custom)"), e.getMessage());

        ParamTransforms.register(above1, new Transform() {   // y = 1 + exp(x)
            @Override
            public Tensor forward(Tensor x) {
                return x.exp().add(1.0);
            }

            @Override
            public Tensor inverse(Tensor y) {
                return y.sub(1.0).log();
            }

            @Override
            public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
                return x;
            }
        });
        assertEquals(3.0, store.getOrInit("nu", () -> Tensor.scalar(3.0), Constraints.greaterThan(1.0)).item(), 1e-12);
        assertEquals(Math.log(2.0), store.unconstrained("nu").item(), 1e-15);
        assertEquals(Constraints.greaterThan(1.0).name(), ParamTransforms.constraintNamed("greater than 1.0").name());
    }

    @Test
    void builtInTransformsInvertEachOther() {
        Tensor y = Tensor.of(0.05, 0.5, 0.95);
        for (Constraint c : List.of(Constraints.REAL, Constraints.POSITIVE, Constraints.UNIT_INTERVAL)) {
            Transform t = ParamTransforms.of(c);
            assertArrayEquals(y.toDoubleArray(), t.forward(t.inverse(y)).toDoubleArray(), 1e-15, c.name());
        }
        // d/dx sigmoid(x) = y (1 - y)
        Transform s = ParamTransforms.of(Constraints.UNIT_INTERVAL);
        Tensor x = s.inverse(y);
        double[] ladj = s.logAbsDetJacobian(x, y).toDoubleArray();
        double[] yy = y.toDoubleArray();
        for (int i = 0; i < yy.length; i++) {
            assertEquals(Math.log(yy[i] * (1 - yy[i])), ladj[i], 1e-12);
        }
    }
}
