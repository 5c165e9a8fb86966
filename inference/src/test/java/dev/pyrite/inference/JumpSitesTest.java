package dev.pyrite.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.distributions.Gamma;
import dev.pyrite.distributions.HalfNormal;
import dev.pyrite.distributions.Normal;
import dev.pyrite.distributions.Poisson;
import dev.pyrite.handlers.Plate;
import dev.pyrite.handlers.Pyrite;
import dev.pyrite.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tracer finds the sites on which a model's density jumps, and only those. */
class JumpSitesTest {
    @Test
    void anIfOnALatentMakesItAJumpSite() {
        ModelPotential u = ModelPotential.of(() -> {
            Tensor x = Pyrite.sample("x", Normal.of(0, 1));
            Tensor s = Pyrite.sample("s", HalfNormal.of(1.0));
            Tensor y = Pyrite.sample("y", Normal.of(x, s));
            // (if (> x 0.5) ...): the likelihood of 1.3 switches its location where x crosses 0.5
            Tensor loc = Tensor.where(x.gt(0.5), y, y.neg());
            Pyrite.sample("obs", Normal.of(loc, Tensor.scalar(1.0)), Tensor.scalar(1.3));
        });
        assertEquals(List.of("x"), u.jumpSites());
        assertArrayEquals(new int[]{0}, u.discontinuousCoordinates());
    }

    @Test
    void smoothModelsHaveNone() {
        ModelPotential u = ModelPotential.of(() -> {
            Tensor mu = Pyrite.sample("mu", Normal.of(0, 10));
            Tensor rate = Pyrite.sample("rate", Gamma.of(2.0, 1.0));
            try (Plate p = Pyrite.plate("data", 3)) {
                Pyrite.sample("y", Normal.of(mu, rate.reciprocal()), Tensor.of(0.3, -1.2, 2.0));
            }
        });
        assertEquals(List.of(), u.jumpSites());
        assertEquals(0, u.discontinuousCoordinates().length);
    }

    @Test
    void embeddedDiscreteSitesJump() {
        ModelPotential u = ModelPotential.embedding(() -> {
            Tensor mu = Pyrite.sample("mu", Normal.of(0, 10));
            Tensor k = Pyrite.sample("k", Poisson.of(3.0));
            Pyrite.sample("y", Normal.of(mu.add(k), Tensor.scalar(1.0)), Tensor.scalar(4.0));
        });
        assertEquals(List.of("k"), u.embeddedSites());
        assertEquals(List.of("k"), u.jumpSites());
        assertArrayEquals(new int[]{1}, u.discontinuousCoordinates());
    }

    /** The README's example: an embedded count and an if on a continuous latent. */
    @Test
    void readmeExample() {
        ModelPotential u = ModelPotential.embedding(() -> {
            Tensor k = Pyrite.sample("k", Poisson.of(3.0));
            Tensor x = Pyrite.sample("x", Normal.of(0, 1));
            Tensor loc = Tensor.where(x.gt(0), k, k.neg());
            Pyrite.sample("y", Normal.of(loc, Tensor.scalar(1.0)), Tensor.scalar(4.2));
        });
        assertEquals(List.of("k", "x"), u.jumpSites());
        assertArrayEquals(new int[]{0, 1}, u.discontinuousCoordinates());
    }
}
