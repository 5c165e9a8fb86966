/**
 * Runs as step programs (pylearn's plug-in architecture): an algorithm is a small tree of control-flow
 * {@link dev.pyrite.inference.program.Element}s ({@code CALL}, {@code SEQ}, {@code REPEAT}, {@code LOOP},
 * {@code WEAVE}, {@code SPAWN}) that can be printed, searched and edited before it runs, and a
 * {@link dev.pyrite.inference.program.Cursor} that steps it one call at a time from the caller's loop and is
 * checkpointed with the run's state.
 */
package dev.pyrite.inference.program;
