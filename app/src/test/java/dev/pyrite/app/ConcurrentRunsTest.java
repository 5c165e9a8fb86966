package dev.pyrite.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pyrite.app.foppl.FopplProgram;
import dev.pyrite.examples.EightSchoolsModel;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.inference.Algorithm;
import dev.pyrite.inference.ModelPotential;
import dev.pyrite.inference.mcmc.MCMC;
import dev.pyrite.inference.mcmc.McmcListener;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.svi.Adam;
import dev.pyrite.inference.svi.AutoNormal;
import dev.pyrite.inference.svi.SVI;
import dev.pyrite.inference.svi.SviModel;
import dev.pyrite.inference.svi.TraceELBO;
import dev.pyrite.tensor.Backend;
import dev.pyrite.tensor.ContextScope;
import dev.pyrite.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Runs share no JVM-wide state: two SVI fits and two NUTS runs of eight schools, one of each pair in
 * float32 and one in float64, started together in four threads (and held in lock step, so that every
 * step of one run falls between steps of the other), give bit for bit what the same runs give one after
 * the other. Before parameter stores and float types were per run, the two fits shared their
 * {@code AutoNormal.*} parameters and a float32 run switched the float type of the other thread.
 */
class ConcurrentRunsTest {
    private static final Path EIGHT_SCHOOLS = Path.of("../examples/eight_schools.clj");
    private static final long WAIT_SECONDS = 300;
    // short runs: equality holds draw by draw, so a few iterations show any interference
    private static final int WARMUP = 25;
    private static final int SAMPLES = 15;
    private static final int TREE_DEPTH = 5;
    private static final int STEPS = 25;

    /** What a run produced: its draws per quantity (and, for SVI, its losses) as exact numbers. */
    private record Outcome(Map<String, double[]> numbers) {
        void assertSameAs(Outcome expected, String run) {
            assertEquals(expected.numbers.keySet(), numbers.keySet(), run);
            for (Map.Entry<String, double[]> e : expected.numbers.entrySet()) {
                // assertArrayEquals on doubles without a delta compares bit patterns
                assertArrayEquals(e.getValue(), numbers.get(e.getKey()), run + ": " + e.getKey());
            }
        }
    }

    /** A run that, when given a phaser, waits at it after every iteration (lock step with its twin). */
    private interface Run extends Function<Phaser, Outcome> {
    }

    @Test
    void modelRunsInFourThreadsGiveExactlyTheirSequentialResults() throws Exception {
        Map<String, Run> runs = new LinkedHashMap<>();
        runs.put("NUTS float64", step -> modelRun(Algorithm.NUTS, DataType.DOUBLE, 11, step));
        runs.put("NUTS float32", step -> modelRun(Algorithm.NUTS, DataType.FLOAT, 12, step));
        runs.put("SVI float64", step -> modelRun(Algorithm.SVI, DataType.DOUBLE, 13, step));
        runs.put("SVI float32", step -> modelRun(Algorithm.SVI, DataType.FLOAT, 14, step));
        DataType jvmWide = Backend.floatType();
        Set<String> globalParams = ParamStore.global().names();

        Map<String, Outcome> sequential = new LinkedHashMap<>();
        runs.forEach((name, run) -> sequential.put(name, run.apply(null)));
        Map<String, Outcome> concurrent = concurrently(runs, List.of(List.of("NUTS float64", "NUTS float32"),
                List.of("SVI float64", "SVI float32")));

        for (String name : runs.keySet()) {
            concurrent.get(name).assertSameAs(sequential.get(name), name);
        }
        assertEquals(jvmWide, Backend.floatType(), "the runs left the JVM-wide float type alone");
        assertEquals(globalParams, ParamStore.global().names(), "the fits left the global parameter store alone");
        assertFalse(sequential.get("NUTS float64").numbers().isEmpty());
    }

    @Test
    void aScopedFloat32RunMatchesTheJvmWideFloat32OneBesideAFloat64Run() throws Exception {
        DataType jvmWide = Backend.floatType();
        assertEquals(DataType.DOUBLE, jvmWide, "the tests run with float64 as the JVM-wide type");
        Map<String, Run> plain = new LinkedHashMap<>();
        plain.put("NUTS float64", step -> nuts(DataType.DOUBLE, 21, step));
        plain.put("SVI float64", step -> svi(DataType.DOUBLE, 23, step));
        Map<String, Run> scoped = new LinkedHashMap<>();
        scoped.put("NUTS float32", step -> inFloatScope(DataType.FLOAT, () -> nuts(DataType.FLOAT, 22, step)));
        scoped.put("SVI float32", step -> inFloatScope(DataType.FLOAT, () -> svi(DataType.FLOAT, 24, step)));

        Map<String, Outcome> expected = new LinkedHashMap<>();
        plain.forEach((name, run) -> expected.put(name, run.apply(null)));
        Backend.setFloatType(DataType.FLOAT);                    // the old way: float32 for the whole JVM
        try {
            expected.put("NUTS float32", nuts(DataType.FLOAT, 22, null));
            expected.put("SVI float32", svi(DataType.FLOAT, 24, null));
        } finally {
            Backend.setFloatType(jvmWide);
        }

        Map<String, Run> all = new LinkedHashMap<>(plain);
        all.putAll(scoped);
        Map<String, Outcome> concurrent = concurrently(all, List.of(List.of("NUTS float64", "NUTS float32"),
                List.of("SVI float64", "SVI float32")));
        for (String name : all.keySet()) {
            concurrent.get(name).assertSameAs(expected.get(name), name);
        }
        assertEquals(1, expected.get("SVI float32").numbers().get("AutoNormal.loc.tau").length);
    }

    /** Starts every run in its own thread at once; the runs of each twin pair step in lock step. */
    private static Map<String, Outcome> concurrently(Map<String, Run> runs, List<List<String>> twins)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(runs.size());
        Map<String, Phaser> lockStep = new LinkedHashMap<>();
        for (List<String> pair : twins) {
            Phaser p = new Phaser(pair.size());
            pair.forEach(name -> lockStep.put(name, p));
        }
        ExecutorService pool = Executors.newFixedThreadPool(runs.size());
        try {
            Map<String, Future<Outcome>> futures = new LinkedHashMap<>();
            for (Map.Entry<String, Run> e : runs.entrySet()) {
                Phaser step = lockStep.get(e.getKey());
                Callable<Outcome> task = () -> {
                    start.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    try {
                        return e.getValue().apply(step);
                    } finally {
                        if (step != null) {
                            step.arriveAndDeregister();  // a twin that ends (or fails) holds the other up no more
                        }
                    }
                };
                futures.put(e.getKey(), pool.submit(task));
            }
            Map<String, Outcome> out = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Outcome>> e : futures.entrySet()) {
                out.put(e.getKey(), e.getValue().get(WAIT_SECONDS, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(Phaser twins) {
        if (twins == null) {
            return;
        }
        try {
            twins.awaitAdvanceInterruptibly(twins.arrive(), WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("the twin run did not take its step", e);
        }
    }

    private static Outcome inFloatScope(DataType dt, java.util.function.Supplier<Outcome> run) {
        try (ContextScope<DataType> scope = Backend.floatTypeScope(dt)) {
            return run.get();
        }
    }

    private static Outcome modelRun(Algorithm algorithm, DataType dt, long seed, Phaser step) {
        FopplProgram program = FopplProgram.load(EIGHT_SCHOOLS);
        RunResult r = ModelRun.of(program).algorithm(algorithm).dtype(dt).seed(seed)
                .chains(2).warmup(WARMUP).samples(SAMPLES).maxTreeDepth(TREE_DEPTH)
                .steps(STEPS).particles(4).learningRate(0.05)
                .listener(new McmcListener() {
                    @Override
                    public void iteration(int done, int total, boolean warmup, double meanStepSize, long divergences) {
                        await(step);
                    }
                })
                .sviListener((i, loss, running) -> await(step))
                .run();
        Map<String, double[]> numbers = new LinkedHashMap<>();
        r.draws().forEach((name, byChain) -> numbers.put(name, flatten(byChain)));
        if (r instanceof SviOutcome svi) {
            numbers.put("losses", svi.fit().losses());
        }
        return new Outcome(numbers);
    }

    private static Outcome nuts(DataType dt, long seed, Phaser step) {
        ModelPotential potential = ModelPotential.of(EightSchoolsModel.load());
        McmcSamples s = MCMC.nuts(potential).chains(2).warmup(WARMUP).samples(SAMPLES).maxTreeDepth(TREE_DEPTH)
                .seed(seed).dtype(dt)
                .listener(new McmcListener() {
                    @Override
                    public void iteration(int done, int total, boolean warmup, double meanStepSize, long divergences) {
                        await(step);
                    }
                }).run();
        assertEquals(dt, s.draws().dataType(), "the draws' type");
        Map<String, double[]> numbers = new LinkedHashMap<>();
        numbers.put("draws", s.draws().dup().data().asDouble());
        numbers.put("logDensity", s.logDensity().dup().data().asDouble());
        numbers.put("stepSize", s.stepSize().dup().data().asDouble());
        return new Outcome(numbers);
    }

    private static Outcome svi(DataType dt, long seed, Phaser step) {
        SviModel model = SviModel.of(EightSchoolsModel.load());
        AutoNormal guide = AutoNormal.of(model);
        SVI svi = new SVI(model, guide, Adam.of(0.05), TraceELBO.of(4)).seed(seed).dtype(dt);
        List<Double> losses = new ArrayList<>();
        svi.addListener((i, loss, running) -> {
            losses.add(loss);
            await(step);
        });
        svi.run(STEPS);
        Map<String, double[]> numbers = new LinkedHashMap<>();
        numbers.put("losses", losses.stream().mapToDouble(Double::doubleValue).toArray());
        for (String name : svi.store().names()) {
            Tensor u = svi.store().unconstrained(name);
            assertEquals(dt, u.dtype(), name + "'s type");
            numbers.put(name, u.toDoubleArray());
        }
        guide.median().forEach((site, v) -> numbers.put("median " + site, v.toDoubleArray()));
        return new Outcome(numbers);
    }

    private static double[] flatten(double[][] byChain) {
        return java.util.Arrays.stream(byChain).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
