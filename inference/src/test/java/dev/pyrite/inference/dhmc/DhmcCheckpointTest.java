package dev.pyrite.inference.dhmc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.inference.mcmc.Potential;
import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import dev.pyrite.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** A DHMC run stopped mid-trajectory, written and read into a fresh driver, continues bit for bit. */
class DhmcCheckpointTest {
    /** A Gaussian in (x, y) whose density drops by e^-1 where x < 0: x has jumps, y is smooth. */
    private static final Potential JUMP_IN_X = new Potential() {
        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public Tensor energy(Tensor q) {
            Tensor x = q.slice(1, 0, 1).reshape(-1);
            Tensor y = q.slice(1, 1, 2).reshape(-1);
            return x.square().add(y.sub(x.mul(0.5)).square()).mul(0.5).add(x.lt(0.0).castTo(x.dtype()));
        }
    };

    private static DHMC run() {
        return DHMC.of(JUMP_IN_X, new int[]{0}).chains(3).warmup(40).samples(30).seed(5).dtype(DataType.DOUBLE);
    }

    @Test
    void resumedRunMatchesTheUninterruptedOne() {
        McmcSamples whole = run().run();

        DhmcDriver first = run().driver();
        for (int i = 0; i < 437; i++) {   // mid-warm-up, mid-trajectory for every chain
            first.slot();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (StateWriter out = new StateWriter(bytes)) {
            first.writeState(out);
        }
        DhmcDriver resumed = run().driver();
        try (StateReader in = new StateReader(new ByteArrayInputStream(bytes.toByteArray()), "memory")) {
            resumed.readState(in);
        }
        McmcSamples continued = resumed.run();

        assertArrayEquals(whole.draws().data().asDouble(), continued.draws().data().asDouble());
        assertArrayEquals(whole.acceptStat().data().asDouble(), continued.acceptStat().data().asDouble());
        assertArrayEquals(whole.adaptedStepSize().data().asDouble(), continued.adaptedStepSize().data().asDouble());
        assertEquals(whole.gradientEvaluations(), continued.gradientEvaluations(), "gradient calls");
    }
}
