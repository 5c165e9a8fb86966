package dev.pyrite.handlers;

import static dev.pyrite.handlers.Pyrite.plate;
import static dev.pyrite.handlers.Pyrite.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.distributions.Normal;
import dev.pyrite.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The handler stack is left clean by failing models and is private to each thread. */
class StackSafetyTest {

    @Test
    void exceptionInsideNestedHandlersLeavesTheStackEmpty() {
        RuntimeException boom = new RuntimeException("boom");
        RuntimeException e = assertThrows(RuntimeException.class, () -> {
            try (TraceHandler tr = Handlers.trace().enter();
                 SeedHandler s = Handlers.seed(0).enter();
                 ScaleHandler sc = Handlers.scale(2.0).enter()) {
                try (Plate p = plate("data", 3)) {
                    sample("x", Normal.of(0.0, 1.0));
                    assertEquals(4, HandlerStack.depth());
                    throw boom;
                }
            }
        });
        assertEquals(boom, e);
        assertTrue(HandlerStack.isEmpty());
    }

    @Test
    void wrappedModelsCleanUpToo() {
        Runnable failing = () -> {
            sample("x", Normal.of(0.0, 1.0));
            throw new IllegalStateException("model failed");
        };
        Runnable wrapped = Handlers.trace().wrap(Handlers.seed(1).wrap(Handlers.block().wrap(failing)));
        assertThrows(IllegalStateException.class, wrapped::run);
        assertTrue(HandlerStack.isEmpty());
    }

    @Test
    void aPlateLeftOpenByAFailingModelIsRemovedWithTheHandlerAroundIt() {
        assertThrows(IllegalStateException.class, () -> Handlers.seed(0).run(() -> {
            plate("leaked", 3);   // never closed: the model is wrong and then fails
            throw new IllegalStateException("model failed");
        }));
        assertTrue(HandlerStack.isEmpty());
    }

    @Test
    void errorsRaisedByHandlersLeaveTheStackEmpty() {
        assertThrows(IllegalStateException.class,
                () -> Handlers.trace().getTrace(() -> sample("x", Normal.of(0.0, 1.0))));
        assertTrue(HandlerStack.isEmpty());
    }

    @Test
    void enteringAHandlerTwiceIsAnError() {
        TraceHandler tr = Handlers.trace();
        try (TraceHandler t = tr.enter()) {
            assertThrows(IllegalStateException.class, tr::enter);
        }
        assertTrue(HandlerStack.isEmpty());
    }

    @Test
    void threadsDoNotSeeEachOthersHandlers() throws Exception {
        CyclicBarrier bothInside = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Trace> first = pool.submit(() -> runWhileOtherIsInside(bothInside, "a", 1.0, 1));
            Future<Trace> second = pool.submit(() -> runWhileOtherIsInside(bothInside, "b", 2.0, 3));
            Trace ta = first.get(60, TimeUnit.SECONDS);
            Trace tb = second.get(60, TimeUnit.SECONDS);
            assertEquals(List.of("a_0", "a_1", "a_2"), List.copyOf(ta.names()));
            assertEquals(List.of("b_0", "b_1", "b_2"), List.copyOf(tb.names()));
            assertEquals(1.0, ta.value("a_1").item(), 0.0);
            assertEquals(2.0, tb.value("b_1").item(), 0.0);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(HandlerStack.isEmpty());
    }

    /** Enters its handlers, waits until the other thread has entered its own, then runs its model. */
    private static Trace runWhileOtherIsInside(CyclicBarrier barrier, String prefix, double obs, int extra)
            throws Exception {
        TraceHandler tr = Handlers.trace();
        try (TraceHandler t = tr.enter();
             ConditionHandler c = Handlers.condition(Map.of(prefix + "_1", Tensor.scalar(obs))).enter();
             SeedHandler s = Handlers.seed(extra).enter()) {
            List<ScaleHandler> scales = new java.util.ArrayList<>();
            for (int i = 0; i < extra; i++) {
                scales.add(Handlers.scale(1.0).enter());
            }
            barrier.await(30, TimeUnit.SECONDS);
            assertEquals(3 + extra, HandlerStack.depth(), "only this thread's handlers");
            for (int i = 0; i < 3; i++) {
                sample(prefix + "_" + i, Normal.of(0.0, 1.0));
                barrier.await(30, TimeUnit.SECONDS);   // interleave the two models site by site
            }
            for (int i = scales.size() - 1; i >= 0; i--) {
                scales.get(i).close();
            }
        }
        assertTrue(HandlerStack.isEmpty());
        return tr.trace();
    }
}
