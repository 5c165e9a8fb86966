package dev.pyrite.inference.svi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.distributions.Normal;
import dev.pyrite.handlers.ParamStore;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.ContextScope;
import dev.pyrite.tensor.RandomStream;
import dev.pyrite.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each SVI owns a parameter store; its steps, its guide's summaries and Predictive all use it. */
class SviParamStoreTest {
    private static final Tensor Y = Tensor.of(0.3, 1.1, 0.8);
    private final List<ParamStore> seenByModel = new ArrayList<>();

    /** mu ~ N(0, 1); y ~ N(mu + shift, 1) with a learnable shift; records which store the model sees. */
    private void model(Tensor... args) {
        seenByModel.add(ParamStore.current());
        Tensor shift = Pyrite.param("shift", Tensor.scalar(0.0));
        Tensor mu = Pyrite.sample("mu", Normal.of(0, 1));
        Pyrite.deterministic("shifted", mu.add(shift));
        try (Plate data = Pyrite.plate("data", Y.size(0))) {
            Pyrite.sample("y", Normal.of(mu.add(shift), Tensor.scalar(1.0)), Y);
        }
    }

    private SVI fit(AutoGuide guide, long seed) {
        SVI svi = new SVI(this::model, guide, Adam.of(0.1), TraceELBO.of(2)).seed(seed);
        svi.run(5);
        return svi;
    }

    @Test
    void aFitUsesItsOwnStoreAndLeavesTheGlobalOneAlone() {
        Set<String> global = ParamStore.global().names();
        AutoNormal guide = AutoNormal.of(this::model);
        SVI svi = fit(guide, 1);
        assertNotSame(ParamStore.global(), svi.store());
        assertSame(svi.store(), guide.store(), "SVI prepared the guide in its own store");
        assertEquals(Set.of("shift", "AutoNormal.loc.mu", "AutoNormal.scale.mu"), svi.store().names());
        assertEquals(global, ParamStore.global().names());
        assertTrue(seenByModel.stream().allMatch(s -> s == svi.store()), "the model saw the SVI's store at every run");
        assertSame(ParamStore.global(), ParamStore.current(), "the SVI closed its scope");
        assertEquals(svi.store().get("AutoNormal.loc.mu").item(), guide.median().get("mu").item(), 0.0,
                "the median is the fitted location (mu is real, so untransformed)");
    }

    @Test
    void twoFitsOfTheSameModelKeepTheirParametersApart() {
        SVI a = fit(AutoNormal.of(this::model), 1);
        double locA = a.store().get("AutoNormal.loc.mu").item();
        SVI b = fit(AutoNormal.of(this::model), 2);
        assertNotSame(a.store(), b.store());
        assertEquals(locA, a.store().get("AutoNormal.loc.mu").item(), 0.0, "the second fit did not touch the first");
        assertNotEquals(locA, b.store().get("AutoNormal.loc.mu").item(), "different seeds, different fits");
    }

    @Test
    void aNewSviOnAPreparedGuideContinuesInTheGuidesStore() {
        AutoNormal guide = AutoNormal.of(this::model);
        SVI first = fit(guide, 1);
        SVI second = new SVI(this::model, guide, Adam.of(0.1), TraceELBO.of(2));
        assertSame(first.store(), second.store());
        SVI explicit = new SVI(this::model, guide, Adam.of(0.1), TraceELBO.of(2), first.store());
        assertSame(first.store(), explicit.store());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SVI(this::model, guide, Adam.of(0.1), TraceELBO.of(2), new ParamStore()));
        assertTrue(e.getMessage().contains("another parameter store"), e.getMessage());
    }

    @Test
    void anExplicitStoreIsUsed() {
        ParamStore mine = new ParamStore();
        SVI svi = new SVI(this::model, AutoNormal.of(this::model), Adam.of(0.1), TraceELBO.of(2), mine).seed(3);
        svi.run(2);
        assertSame(mine, svi.store());
        assertTrue(mine.contains("shift") && mine.contains("AutoNormal.loc.mu"), mine.names().toString());
    }

    @Test
    void predictiveReadsTheFitsStoreOutsideTheSvi() {
        AutoDelta guide = AutoDelta.of(this::model);
        SVI svi = fit(guide, 4);
        double shift = svi.store().get("shift").item();
        double mu = guide.median().get("mu").item();
        assertNotEquals(0.0, shift, "the shift moved from its initial value");
        Map<String, Tensor> draws = Predictive.fromGuide(this::model, guide, 3).sample(RandomStream.of(5));
        for (double m : draws.get("mu").toDoubleArray()) {
            assertEquals(mu, m, 0.0, "AutoDelta's draws are its point estimate");
        }
        for (double s : draws.get("shifted").toDoubleArray()) {
            assertEquals(mu + shift, s, 1e-12, "the model's own parameter came from the fit's store");
        }
        assertTrue(!ParamStore.global().contains("AutoDelta.loc.mu"));
    }

    @Test
    void savedParametersLoadIntoAnotherFitsStore(@TempDir Path dir) throws IOException {
        SVI a = fit(AutoNormal.of(this::model), 1);
        Path file = dir.resolve("params.txt");
        a.saveParams(file);
        ParamStore other = new ParamStore();
        SVI b = new SVI(this::model, AutoNormal.of(this::model), Adam.of(0.1), TraceELBO.of(2), other);
        b.loadParams(file);
        for (String name : a.store().names()) {
            assertEquals(a.store().unconstrained(name).item(), other.unconstrained(name).item(), 0.0, name);
        }
        try (ContextScope<ParamStore> s = ParamStore.scope(other)) {
            assertEquals(a.store().get("shift").item(), Pyrite.param("shift").item(), 0.0);
        }
    }
}
