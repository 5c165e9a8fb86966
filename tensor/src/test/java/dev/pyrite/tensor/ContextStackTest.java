package dev.pyrite.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Scopes nest per thread: the innermost wins, closing restores the parent, other threads see the default. */
class ContextStackTest {
    private final AtomicReference<String> global = new AtomicReference<>("global");
    private final ContextStack<String> stack = new ContextStack<>("setting", global::get);

    @Test
    void innerScopeShadowsOuterAndClosingRestoresTheParent() {
        assertEquals("global", stack.current());
        assertFalse(stack.isScoped());
        try (ContextScope<String> outer = stack.enter("outer")) {
            assertEquals("outer", stack.current());
            assertNull(outer.parent());
            try (ContextScope<String> inner = stack.enter("inner")) {
                assertEquals("inner", stack.current());
                assertSame(outer, inner.parent());
            }
            assertEquals("outer", stack.current());
        }
        assertEquals("global", stack.current());
        assertFalse(stack.isScoped());
    }

    @Test
    void theDefaultIsReadOnEveryCallOutsideScopes() {
        global.set("changed");
        assertEquals("changed", stack.current());
        try (ContextScope<String> s = stack.enter("scoped")) {
            global.set("changed again");
            assertEquals("scoped", stack.current(), "a scope wins over the default, whatever it is");
        }
        assertEquals("changed again", stack.current());
    }

    @Test
    void aThrowingBodyLeavesNoScopeBehind() {
        assertThrows(IllegalStateException.class, () -> {
            try (ContextScope<String> s = stack.enter("outer")) {
                stack.enter("left open by the body");
                throw new IllegalStateException("model failed");
            }
        });
        assertEquals("global", stack.current(), "closing the outer scope also closed the one left open inside");
        assertFalse(stack.isScoped());
    }

    @Test
    void closingTwiceOrOutOfOrderKeepsTheStackConsistent() {
        ContextScope<String> outer = stack.enter("outer");
        ContextScope<String> inner = stack.enter("inner");
        outer.close();                          // closes inner too
        assertEquals("global", stack.current());
        inner.close();                          // already closed: nothing happens
        outer.close();
        assertEquals("global", stack.current());
        try (ContextScope<String> again = stack.enter("again")) {
            inner.close();                      // a stale scope does not pop a newer one
            assertEquals("again", stack.current());
        }
    }

    @Test
    void anotherThreadSeesTheDefaultWhileThisOneIsScoped() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1);
        CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> {
            try {
                assertTrue(entered.await(30, TimeUnit.SECONDS));
                return stack.current();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                read.countDown();
            }
        });
        try (ContextScope<String> s = stack.enter("this thread only")) {
            entered.countDown();
            assertTrue(read.await(30, TimeUnit.SECONDS));
            assertEquals("this thread only", stack.current());
        }
        assertEquals("global", other.get(30, TimeUnit.SECONDS));
    }

    @Test
    void aScopeCannotBeClosedOnAnotherThread() throws Exception {
        try (ContextScope<String> s = stack.enter("mine")) {
            CompletableFuture<Throwable> other = CompletableFuture.supplyAsync(() -> {
                try {
                    s.close();
                    return null;
                } catch (IllegalStateException e) {
                    return e;
                }
            });
            Throwable e = other.get(30, TimeUnit.SECONDS);
            assertTrue(e != null && e.getMessage().contains("setting scope"), String.valueOf(e));
            assertEquals("mine", stack.current(), "the failed close changed nothing here");
        }
    }

    @Test
    void nullValuesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stack.enter(null));
        assertTrue(e.getMessage().contains("setting"), e.getMessage());
    }
}
