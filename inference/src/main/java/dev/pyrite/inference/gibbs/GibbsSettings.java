package dev.pyrite.inference.gibbs;

import dev.pyrite.tensor.Executor;
import org.nd4j.linalg.api.buffer.DataType;

/** The validated settings of one {@link DiscreteHMCGibbs} run (see its setters). */
record GibbsSettings(int chains, int warmup, int samples, long seed, int leapfrogSteps, double initialStepSize,
                     double targetAccept, DataType dtype, Executor executor) {
}
