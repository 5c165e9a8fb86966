package dev.pyrite.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pyrite.distributions.Constraints;
import dev.pyrite.tensor.ContextScope;
import dev.pyrite.tensor.Tensor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ParamStore#scope}: which store {@code Pyrite.param} reads and fills, per thread and nested. */
class ParamStoreScopeTest {
    private static final String NAME = "ParamStoreScopeTest.w";

    @BeforeEach
    @AfterEach
    void forgetTheGlobalParameter() {
        ParamStore.global().remove(NAME);
    }

    @Test
    void withoutAScopeParamsLiveInTheGlobalStore() {
        assertSame(ParamStore.global(), ParamStore.current());
        Pyrite.param(NAME, Tensor.scalar(1.0));
        assertEquals(1.0, ParamStore.global().get(NAME).item(), 0.0);
    }

    @Test
    void theInnermostScopeShadowsTheOuterAndClosingRestoresIt() {
        ParamStore outer = new ParamStore();
        ParamStore inner = new ParamStore();
        try (ContextScope<ParamStore> o = ParamStore.scope(outer)) {
            assertSame(outer, ParamStore.current());
            assertEquals(2.0, Pyrite.param(NAME, Tensor.scalar(2.0), Constraints.POSITIVE).item(), 0.0);
            try (ContextScope<ParamStore> i = ParamStore.scope(inner)) {
                assertSame(inner, ParamStore.current());
                assertEquals(3.0, Pyrite.param(NAME, Tensor.scalar(3.0)).item(), 0.0,
                        "the inner store does not have the outer one's value");
            }
            assertSame(outer, ParamStore.current());
            assertEquals(2.0, Pyrite.param(NAME, Tensor.scalar(9.0)).item(), 0.0, "the outer store kept its value");
        }
        assertSame(ParamStore.global(), ParamStore.current());
        assertFalse(ParamStore.global().contains(NAME), "no scoped parameter leaked into the global store");
        assertEquals(Math.log(2.0), outer.unconstrained(NAME).item(), 1e-15);
        assertEquals(3.0, inner.get(NAME).item(), 0.0);
    }

    @Test
    void aModelThatThrowsLeavesTheParentStoreCurrent() {
        ParamStore outer = new ParamStore();
        try (ContextScope<ParamStore> o = ParamStore.scope(outer)) {
            assertThrows(IllegalArgumentException.class, () -> {
                try (ContextScope<ParamStore> i = ParamStore.scope(new ParamStore())) {
                    ParamStore.scope(new ParamStore());            // left open by the failing model
                    Pyrite.param(NAME);                          // absent and no initial value: throws
                }
            });
            assertSame(outer, ParamStore.current());
        }
        assertSame(ParamStore.global(), ParamStore.current());
    }

    @Test
    void aHandlerStillOverridesTheScopedStore() {
        ParamStore store = new ParamStore();
        try (ContextScope<ParamStore> s = ParamStore.scope(store);
             var sub = Handlers.substitute(m -> m.name.equals(NAME) ? Tensor.scalar(5.0) : null).enter()) {
            assertEquals(5.0, Pyrite.param(NAME, Tensor.scalar(1.0)).item(), 0.0);
        }
        assertFalse(store.contains(NAME), "a substituted param never reaches the store");
    }

    @Test
    void anotherThreadSeesTheGlobalStoreWhileThisOneIsScoped() throws Exception {
        ParamStore mine = new ParamStore();
        CyclicBarrier barrier = new CyclicBarrier(2);
        CompletableFuture<ParamStore> other = CompletableFuture.supplyAsync(() -> {
            try {
                barrier.await(30, TimeUnit.SECONDS);             // this thread has entered its scope
                Pyrite.param(NAME, Tensor.scalar(7.0));
                return ParamStore.current();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                try {
                    barrier.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // the main thread's assertions report the failure
                }
            }
        });
        try (ContextScope<ParamStore> s = ParamStore.scope(mine)) {
            Pyrite.param(NAME, Tensor.scalar(-1.0));
            barrier.await(30, TimeUnit.SECONDS);
            barrier.await(30, TimeUnit.SECONDS);                 // the other thread has written its param
            assertSame(mine, ParamStore.current());
            assertEquals(-1.0, Pyrite.param(NAME).item(), 0.0);
        }
        assertSame(ParamStore.global(), other.get(30, TimeUnit.SECONDS));
        assertEquals(7.0, ParamStore.global().get(NAME).item(), 0.0);
        assertEquals(-1.0, mine.get(NAME).item(), 0.0);
        assertEquals(1, mine.size());
    }
}
