package dev.pyrite.inference.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrite.inference.state.StateReader;
import dev.pyrite.inference.state.StateWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepProgramTest {

    /** The run's state: a log of the calls made, which the loop's stopping rule reads. */
    private static final class Log {
        final List<String> calls = new ArrayList<>();

        Element program() {
            return Sequence.of("run",
                    Call.of("init", () -> calls.add("init")),
                    Repeat.of("warmup", 3, Call.of("adapt", () -> calls.add("adapt"))),
                    Loop.of("rounds", () -> calls.size() >= 8,
                            Sequence.of("round", Call.of("a", () -> calls.add("a")), Call.of("b", () -> calls.add("b")))),
                    Weave.of("both",
                            Repeat.of("left", 2, Call.of("l", () -> calls.add("l"))),
                            Repeat.of("right", 1, Call.of("r", () -> calls.add("r")))));
        }
    }

    private static List<String> runToEnd(Cursor cursor, Log log) {
        while (!cursor.step()) {
            // one call a step
        }
        return log.calls;
    }

    @Test
    void stepsRunTheCallsInProgramOrder() {
        Log log = new Log();
        List<String> calls = runToEnd(log.program().start(), log);
        assertEquals(List.of("init", "adapt", "adapt", "adapt", "a", "b", "a", "b", "l", "r", "l"), calls);
    }

    @Test
    void aCheckpointAfterAnyStepResumesToTheSameCalls() {
        Log reference = new Log();
        List<String> expected = runToEnd(reference.program().start(), reference);
        for (int stop = 0; stop < expected.size() + 2; stop++) {
            Log log = new Log();
            Cursor cursor = log.program().start();
            boolean finished = false;
            for (int k = 0; k < stop && !finished; k++) {
                finished = cursor.step();
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (StateWriter out = new StateWriter(bytes)) {
                out.part("program", cursor);
            }
            // a new process: the program rebuilt from its description, the run's state copied, the cursor read back
            Log resumed = new Log();
            resumed.calls.addAll(log.calls);
            Cursor again = resumed.program().start();
            try (StateReader in = new StateReader(new ByteArrayInputStream(bytes.toByteArray()), "stop " + stop)) {
                in.part("program", again);
            }
            if (!again.done()) {
                runToEnd(again, resumed);
            }
            assertEquals(expected, resumed.calls, "resumed after " + stop + " steps");
        }
    }

    @Test
    void printsTheTreeAndEditsByName() {
        Log log = new Log();
        Element program = log.program();
        assertEquals("""
                SEQ run
                  CALL init
                  REPEAT warmup x3
                    CALL adapt
                  LOOP rounds until stopped
                    SEQ round
                      CALL a
                      CALL b
                  WEAVE both
                    REPEAT left x2
                      CALL l
                    REPEAT right x1
                      CALL r
                """, program.toString());
        Element hooked = program.replace("adapt", e -> Sequence.of("adapt+hook", e, Call.of("hook", () -> log.calls.add("hook"))));
        assertTrue(hooked.find("hook").isPresent());
        assertFalse(program.find("hook").isPresent());
        List<String> calls = runToEnd(hooked.start(), log);
        assertEquals(List.of("init", "adapt", "hook", "adapt", "hook", "adapt", "hook", "a", "b", "l", "r", "l"), calls);
    }

    @Test
    void aSpawnedFragmentIsPolledUnderAWeaveAndCollectedOnce() {
        List<String> events = new ArrayList<>();
        int[] polls = {0};
        Fragment fragment = () -> {
            events.add("launch");
            return new Fragment.Running() {
                @Override
                public boolean finished(long millis) {
                    return ++polls[0] >= 3;
                }

                @Override
                public void collect() {
                    events.add("collect");
                }
            };
        };
        Element program = Weave.of("w", Spawn.of("group", fragment),
                Repeat.of("local", 4, Call.of("step", () -> events.add("step"))));
        Cursor cursor = program.start();
        while (!cursor.step()) {
            // stepped from the caller's loop
        }
        assertEquals(List.of("launch", "step", "step", "step", "collect", "step"), events);
    }
}
