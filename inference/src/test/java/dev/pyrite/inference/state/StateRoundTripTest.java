package dev.pyrite.inference.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.tensor.RandomStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class StateRoundTripTest {

    @Test
    void everyKindComesBackBitForBit() {
        double[] values = {0.1, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8000000000123L), Double.MIN_VALUE};
        RandomStream stream = RandomStream.of(7);
        stream.nextLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (StateWriter out = new StateWriter(bytes)) {
            out.integer("i", -3);
            out.longValue("l", Long.MIN_VALUE);
            out.doubleValue("d", -0.0);
            out.bool("b", true);
            out.string("s", "warm-up");
            out.doubles("q", values);
            out.ints("n", new int[]{1, 2});
            out.stream("rng", stream);
        }
        try (StateReader in = new StateReader(new ByteArrayInputStream(bytes.toByteArray()), "test")) {
            assertEquals(-3, in.integer("i"));
            assertEquals(Long.MIN_VALUE, in.longValue("l"));
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(in.doubleValue("d")));
            assertTrue(in.bool("b"));
            assertEquals("warm-up", in.string("s"));
            double[] q = in.doubles("q");
            for (int k = 0; k < values.length; k++) {
                assertEquals(Double.doubleToRawLongBits(values[k]), Double.doubleToRawLongBits(q[k]));
            }
            assertArrayEquals(new int[]{1, 2}, in.ints("n"));
            RandomStream restored = in.stream("rng");
            assertEquals(stream.nextLong(), restored.nextLong());
        }
    }

    @Test
    void aMismatchedSectionNamesBothAndTheSource() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (StateWriter out = new StateWriter(bytes)) {
            out.doubles("position", new double[8]);
        }
        StateReader in = new StateReader(new ByteArrayInputStream(bytes.toByteArray()), "runs/x/state.bin");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> in.doubleValue("stepSize"));
        assertEquals("runs/x/state.bin: expected section 'stepSize' (DOUBLE), found 'position' (DOUBLES[8])",
                e.getMessage());
    }

    @Test
    void aTruncatedFileSaysSo() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (StateWriter out = new StateWriter(bytes)) {
            out.doubles("position", new double[8]);
        }
        byte[] cut = java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() - 4);
        StateReader in = new StateReader(new ByteArrayInputStream(cut), "f");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> in.doubles("position"));
        assertEquals("f: truncated run state", e.getMessage());
    }
}
