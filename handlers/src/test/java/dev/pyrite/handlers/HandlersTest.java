package dev.pyrite.handlers;

import static dev.pyrite.handlers.Pyrite.deterministic;
import static dev.pyrite.handlers.Pyrite.factor;
import static dev.pyrite.handlers.Pyrite.param;
import static dev.pyrite.handlers.Pyrite.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.distributions.Bernoulli;
import dev.pyrite.distributions.Constraints;
import dev.pyrite.distributions.Normal;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The remaining handlers, each against an independent expectation. */
class HandlersTest {

    @BeforeEach
    void clearStore() {
        ParamStore.global().clear();
    }

    /** a ~ N(0, 1); b ~ N(a, 1); c ~ N(b, 1) observed at 0.5; sigma a positive param. */
    static void chain() {
        Tensor sigma = param("sigma", Tensor.scalar(1.5), Constraints.POSITIVE);
        Tensor a = sample("a", Normal.of(0.0, 1.0));
        Tensor b = sample("b", Normal.of(a, Tensor.scalar(1.0)));
        sample("c", Normal.of(b, sigma), Tensor.scalar(0.5));
    }

    private static List<String> names(Trace tr) {
        return List.copyOf(tr.names());
    }

    @Test
    void seedReproducesDrawsAndObservedSitesDoNotConsumeRandomness() {
        Trace t1 = Handlers.trace().getTrace(Handlers.seed(7).wrap(HandlersTest::chain));
        Trace t2 = Handlers.trace().getTrace(Handlers.seed(7).wrap(HandlersTest::chain));
        Trace t3 = Handlers.trace().getTrace(Handlers.seed(8).wrap(HandlersTest::chain));
        assertEquals(t1.value("b").item(), t2.value("b").item(), 0.0);
        assertNotEquals(t1.value("b").item(), t3.value("b").item());
        // The k-th draw uses the k-th split of the seed's stream: N(0, 1) from the second split.
        RandomStream s = RandomStream.of(7);
        s.split();
        double eps = s.split().normal(1).getDouble(0);
        assertEquals(t1.value("a").item() + eps, t1.value("b").item(), 1e-12);
        // A wrapped model with a seed number draws the same on every call.
        Runnable seeded = Handlers.seed(7).wrap(HandlersTest::chain);
        assertEquals(Handlers.trace().getTrace(seeded).value("a").item(),
                Handlers.trace().getTrace(seeded).value("a").item(), 0.0);
        // A stream, by contrast, advances.
        Runnable streamed = Handlers.seed(RandomStream.of(7)).wrap(HandlersTest::chain);
        assertNotEquals(Handlers.trace().getTrace(streamed).value("a").item(),
                Handlers.trace().getTrace(streamed).value("a").item());
    }

    @Test
    void conditionOnATraceAndSubstitute() {
        Trace draw = Handlers.trace().getTrace(Handlers.seed(1).wrap(HandlersTest::chain));
        Trace cond = Handlers.trace().getTrace(Handlers.condition(draw).wrap(HandlersTest::chain));
        assertTrue(cond.site("a").observed && cond.site("b").observed);
        assertEquals(draw.logProbSum().item(), cond.logProbSum().item(), 1e-12);

        ParamStore.global().clear();
        Trace sub = Handlers.trace().getTrace(Handlers.substitute(
                Map.of("a", Tensor.scalar(0.3), "b", Tensor.scalar(-0.2), "sigma", Tensor.scalar(2.0))).wrap(HandlersTest::chain));
        assertFalse(sub.site("a").observed, "substituted, not observed");
        assertEquals(0.3, sub.value("a").item(), 0.0);
        assertEquals(2.0, sub.value("sigma").item(), 0.0);
        assertFalse(ParamStore.global().contains("sigma"), "a substituted param never reaches the store");
        double expected = ElboTest.logN(0.3, 0, 1) + ElboTest.logN(-0.2, 0.3, 1) + ElboTest.logN(0.5, -0.2, 2.0);
        assertEquals(expected, sub.logProbSum().item(), 1e-12);
    }

    @Test
    void replayReusesValuesAndInferOptions() {
        Trace guide = Handlers.trace().getTrace(Handlers.seed(2).wrap(() -> {
            sample("a", Normal.of(3.0, 0.1), Map.of("note", "from guide"));
        }));
        Trace model = Handlers.trace().getTrace(Handlers.seed(5).wrap(Handlers.replay(guide).wrap(HandlersTest::chain)));
        assertEquals(guide.value("a").item(), model.value("a").item(), 0.0);
        assertEquals("from guide", model.site("a").infer.get("note"));
        assertNotEquals(guide.value("a").item(), model.value("b").item());
    }

    @Test
    void blockHidesByNameTypeOrPredicate() {
        Runnable seeded = Handlers.seed(0).wrap(HandlersTest::chain);
        assertEquals(List.of("sigma", "a", "c"), names(Handlers.trace().getTrace(BlockHandler.hide("b").wrap(seeded))));
        assertEquals(List.of("b"), names(Handlers.trace().getTrace(BlockHandler.expose("b").wrap(seeded))));
        assertEquals(List.of("a", "b", "c"),
                names(Handlers.trace().getTrace(BlockHandler.hideTypes(MessageType.PARAM).wrap(seeded))));
        assertEquals(List.of("sigma"),
                names(Handlers.trace().getTrace(BlockHandler.exposeTypes(MessageType.PARAM).wrap(seeded))));
        assertEquals(List.of("sigma", "a", "b"),
                names(Handlers.trace().getTrace(Handlers.block(m -> m.observed).wrap(seeded))));
        assertEquals(List.of(), names(Handlers.trace().getTrace(Handlers.block().wrap(seeded))));
        // A seed outside the block still feeds the hidden sites.
        Trace outside = Handlers.trace().getTrace(Handlers.seed(0).wrap(Handlers.block().wrap(HandlersTest::chain)));
        assertEquals(0, outside.size());
    }

    @Test
    void unconditionDrawsObservedSites() {
        Trace tr = Handlers.trace().getTrace(Handlers.seed(4).wrap(
                Handlers.uncondition().wrap(() -> sample("y", Normal.of(10.0, 1.0), Tensor.scalar(3.0)))));
        Message y = tr.site("y");
        assertFalse(y.observed);
        assertEquals(3.0, ((Tensor) y.infer.get("obs")).item(), 0.0);
        assertEquals(Boolean.TRUE, y.infer.get("was_observed"));
        double direct = Handlers.seed(4).call(() -> sample("y", Normal.of(10.0, 1.0))).item();
        assertEquals(direct, y.tensorValue().item(), 0.0);
    }

    @Test
    void interventionSetsDownstreamValuesWithoutObserving() {
        Runnable model = () -> {
            Tensor z = sample("z", Normal.of(0.0, 1.0));
            deterministic("twice", z.mul(2.0));
            sample("y", Normal.of(z, Tensor.scalar(1.0)), Tensor.scalar(4.0));
        };
        TraceHandler inner = Handlers.trace();
        Trace outer = Handlers.trace().getTrace(Handlers.seed(6).wrap(
                Handlers.intervene(Map.of("z", Tensor.scalar(5.0))).wrap(inner.wrap(model))));
        assertEquals(10.0, outer.value("twice").item(), 0.0);
        assertEquals(List.of("z", "twice", "y"), names(outer));
        assertFalse(outer.site("z").observed);
        double ownDraw = Handlers.seed(6).call(() -> sample("z", Normal.of(0.0, 1.0))).item();
        assertEquals(ownDraw, outer.value("z").item(), 0.0, "z keeps its own draw");
        assertEquals(ElboTest.logN(ownDraw, 0, 1) + ElboTest.logN(4.0, 5.0, 1), outer.logProbSum().item(), 1e-12,
                "downstream sites are scored at the intervention");
        assertEquals(List.of("z", "z__CF", "twice", "y"), names(inner.trace()), "inside, the counterfactual shows");
        assertTrue(inner.trace().site("z__CF").observed);
    }

    @Test
    void inferConfigEnablesEnumeration() {
        Trace tr = Handlers.trace().getTrace(Handlers.enumerate(-1).wrap(Handlers.inferConfig(
                m -> m.distribution != null && m.distribution.hasEnumerateSupport() && !m.observed
                        ? Map.of("enumerate", "parallel") : null).wrap(() -> {
                            sample("a", Bernoulli.ofProbs(0.3));
                            sample("b", Bernoulli.ofProbs(0.6));
                        })));
        assertEquals(List.of(2L, 1L), List.of(tr.value("b").shape()[0], tr.value("b").shape()[1]));
        assertEquals("parallel", tr.site("a").infer.get("enumerate"));
    }

    @Test
    void liftTurnsParamsIntoSamplesFromTheirPrior() {
        Trace tr = Handlers.trace().getTrace(Handlers.seed(3).wrap(
                Handlers.lift(Map.of("sigma", Normal.of(2.0, 0.1))).wrap(HandlersTest::chain)));
        Message sigma = tr.site("sigma");
        assertEquals(MessageType.SAMPLE, sigma.type);
        assertFalse(ParamStore.global().contains("sigma"));
        double v = sigma.tensorValue().item();
        assertEquals(ElboTest.logN(v, 2.0, 0.1), sigma.logProb().item(), 1e-12);
        assertEquals(ElboTest.logN(0.5, tr.value("b").item(), v), tr.site("c").logProb().item(), 1e-12);
        Trace all = Handlers.trace().getTrace(Handlers.seed(3).wrap(
                Handlers.lift(Normal.of(1.0, 0.01)).wrap(HandlersTest::chain)));
        assertEquals(MessageType.SAMPLE, all.site("sigma").type);
    }

    @Test
    void factorAndDeterministic() {
        Trace tr = Handlers.trace().getTrace(() -> {
            Tensor x = sample("x", Normal.of(0.0, 1.0), Tensor.scalar(0.5));
            factor("penalty", Tensor.scalar(-2.25));
            deterministic("x2", x.square());
        });
        assertEquals(ElboTest.logN(0.5, 0, 1) - 2.25, tr.logProbSum().item(), 1e-12);
        assertEquals(0.25, tr.value("x2").item(), 1e-15);
        assertFalse(tr.site("x2").hasLogProb());
        assertEquals(MessageType.FACTOR, tr.site("penalty").type);
    }

    @Test
    void paramsLiveUnconstrainedInTheStore() {
        Tensor sigma = Handlers.seed(0).call(() -> {
            chain();
            return param("sigma");
        });
        assertEquals(1.5, sigma.item(), 1e-15);
        assertEquals(Math.log(1.5), ParamStore.global().unconstrained("sigma").item(), 1e-15);
        ParamStore.global().setUnconstrained("sigma", Tensor.scalar(0.0));
        assertEquals(1.0, param("sigma").item(), 0.0);
        assertSame(Constraints.POSITIVE, ParamStore.global().constraint("sigma"));
        Tensor p = param("p", () -> Tensor.scalar(0.25), Constraints.UNIT_INTERVAL);
        assertEquals(0.25, p.item(), 1e-15);
        assertEquals(Math.log(0.25 / 0.75), ParamStore.global().unconstrained("p").item(), 1e-15);
    }

    @Test
    void lazyHandlerDefersSamplesAndEffectfulCalls() {
        int[] calls = {0};
        Effectful add = Pyrite.effectful("add", a -> {
            calls[0]++;
            return ((Tensor) a[0]).add((Tensor) a[1]);
        });
        assertEquals(3.0, ((Tensor) add.call(Tensor.scalar(1.0), Tensor.scalar(2.0))).item(), 0.0,
                "without handlers it is a plain call");
        assertEquals(1, calls[0]);

        Object y;
        Object x;
        try (LazyHandler lazy = Handlers.lazy().enter(); SeedHandler s = Handlers.seed(12).enter()) {
            x = Pyrite.sampleValue("x", Normal.of(0.0, 1.0));
            y = add.call(x, Tensor.scalar(1.0));
        }
        assertTrue(x instanceof LazyValue && y instanceof LazyValue);
        assertFalse(((LazyValue) x).isEvaluated());
        assertEquals(1, calls[0], "nothing computed yet");
        double v = ((Tensor) ((LazyValue) y).evaluate()).item();
        assertEquals(2, calls[0]);
        double direct = Handlers.seed(12).call(() -> sample("x", Normal.of(0.0, 1.0))).item();
        assertEquals(direct + 1.0, v, 0.0, "the deferred draw is the draw the seed would have made");
        assertEquals(v, ((Tensor) ((LazyValue) y).evaluate()).item(), 0.0);
        assertEquals(2, calls[0], "evaluated once");
        assertTrue(y.toString().contains("add"));

        // A trace around the lazy handler records the deferred value and evaluates it on demand.
        Trace tr = Handlers.trace().getTrace(Handlers.lazy().wrap(Handlers.seed(12).wrap(
                () -> Pyrite.sampleValue("x", Normal.of(0.0, 1.0)))));
        assertTrue(tr.site("x").value instanceof LazyValue);
        assertEquals(direct, tr.value("x").item(), 0.0);
        assertEquals(ElboTest.logN(direct, 0, 1), tr.logProbSum().item(), 1e-12);
    }

    @Test
    void effectfulCallsReachCustomHandlers() {
        List<String> seen = new java.util.ArrayList<>();
        class Recorder extends Handler<Recorder> {
            @Override
            protected void process(Message msg) {
                if (msg.type == MessageType.APPLY) {
                    seen.add(msg.name + msg.args.length);
                    msg.value = "intercepted";
                    msg.done = true;
                }
            }
        }
        Effectful f = Pyrite.effectful("f", a -> "called");
        Object r = new Recorder().call(() -> f.call(1, 2));
        assertEquals("intercepted", r);
        assertEquals(List.of("f2"), seen);
        assertNull(Handlers.trace().getTrace(() -> f.call()).sites().stream().findFirst().orElse(null),
                "APPLY messages are not trace sites");
    }
}
