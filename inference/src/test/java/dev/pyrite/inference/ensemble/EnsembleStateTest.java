package dev.pyrite.inference.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import dev.pyrite.tensor.TestSeeds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** A run stopped at any iteration, written and read into a new sampler, continues bit for bit. */
class EnsembleStateTest {
    private static final Potential TARGET = GaussianTargets.independent(new double[]{0.1, 1, 3});

    @Test
    void cheesContinuesBitForBitFromItsState() {
        long seed = TestSeeds.seed(41);
        Supplier<EnsembleSampler> make = () -> ChEES.of(TARGET).chains(8).warmup(40).samples(30).seed(seed)
                .dtype(DataType.DOUBLE).sampler();
        for (int stopAt : new int[]{0, 17, 40, 55}) {
            assertResumesExactly(make, stopAt);
        }
    }

    @Test
    void meadsContinuesBitForBitFromItsState() {
        long seed = TestSeeds.seed(42);
        Supplier<EnsembleSampler> make = () -> MEADS.of(TARGET).chains(8).warmup(40).samples(30).seed(seed)
                .dtype(DataType.DOUBLE).sampler();
        for (int stopAt : new int[]{0, 17, 40, 55}) {
            assertResumesExactly(make, stopAt);
        }
    }

    @Test
    void aStateOfTheOtherAlgorithmIsRefusedByName() {
        EnsembleSampler chees = ChEES.of(TARGET).chains(8).warmup(2).samples(2).sampler();
        chees.init();
        byte[] written = write(chees);
        EnsembleSampler meads = MEADS.of(TARGET).chains(8).warmup(2).samples(2).sampler();
        assertThrows(IllegalArgumentException.class, () -> read(meads, written));
    }

    private static void assertResumesExactly(Supplier<EnsembleSampler> make, int stopAt) {
        McmcSamples straight = make.get().run();
        EnsembleSampler first = make.get();
        first.init();
        while (first.iteration() < stopAt && first.step()) {
            // up to the checkpoint
        }
        EnsembleSampler resumed = make.get();
        read(resumed, write(first));
        McmcSamples continued = resumed.run();
        assertArrayEquals(straight.draws().data().asDouble(), continued.draws().data().asDouble(), 0.0,
                "draws after resuming at iteration " + stopAt);
        assertArrayEquals(straight.acceptStat().data().asDouble(), continued.acceptStat().data().asDouble(), 0.0,
                "acceptance statistics after resuming at iteration " + stopAt);
        assertArrayEquals(straight.adaptedStepSize().data().asDouble(),
                continued.adaptedStepSize().data().asDouble(), 0.0, "step sizes after resuming at " + stopAt);
    }

    private static byte[] write(EnsembleSampler sampler) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (StateWriter out = new StateWriter(bytes)) {
            sampler.writeState(out);
        }
        return bytes.toByteArray();
    }

    private static void read(EnsembleSampler sampler, byte[] state) {
        try (StateReader in = new StateReader(new ByteArrayInputStream(state), "test state")) {
            sampler.readState(in);
        }
    }
}
