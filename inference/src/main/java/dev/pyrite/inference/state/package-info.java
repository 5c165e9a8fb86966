/**
 * A run's explicit state, written and read back bit for bit: {@link dev.pyrite.inference.state.Checkpointable}
 * parts written as named sections by {@link dev.pyrite.inference.state.StateWriter} and checked on reading by
 * {@link dev.pyrite.inference.state.StateReader}.
 */
package dev.pyrite.inference.state;
