package dev.pyrite.inference.svi;

import dev.pyrite.tensor.Tensor;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Minibatch training from the standard DL4J data pipeline: each {@link DataSet} of a
 * {@link DataSetIterator} becomes the arguments {@code (features, labels)} of one {@link SVI} step. The
 * model scales the likelihood by declaring the plate with its full size and the batch's size, so that
 * each minibatch's ELBO is an unbiased estimate of the full-data ELBO:
 *
 * <pre>{@code
 * SviModel model = args -> {
 *     Tensor w = Pyrite.sample("w", Normal.of(0, 1));
 *     try (Plate p = Pyrite.plate("data", N, args[0].size(0))) {   // scale N / B
 *         Pyrite.sample("y", Normal.of(args[0].mul(w), Tensor.scalar(1)), args[1]);
 *     }
 * };
 * for (int epoch = 0; epoch < 10; epoch++) Minibatches.epoch(svi, iterator);
 * }</pre>
 *
 * A last, smaller batch is a new argument signature: SVI traces one more program for it.
 */
public final class Minibatches {
    private Minibatches() {
    }

    /** The step arguments of a batch: features, then labels (each squeezed of a trailing unit dimension). */
    public static Tensor[] args(DataSet batch) {
        return new Tensor[]{squeeze(Tensor.of(batch.getFeatures())), squeeze(Tensor.of(batch.getLabels()))};
    }

    private static Tensor squeeze(Tensor t) {
        return t.rank() == 2 && t.size(1) == 1 ? t.reshape(t.size(0)) : t;
    }

    /** One pass over the iterator (reset first), a step per batch; returns the mean loss. */
    public static double epoch(SVI svi, DataSetIterator iterator) {
        iterator.reset();
        double sum = 0;
        int n = 0;
        while (iterator.hasNext()) {
            sum += svi.step(args(iterator.next()));
            n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException("the DataSetIterator gave no batches");
        }
        return sum / n;
    }

    /** The loss of every batch of one pass, without updates (e.g. to check unbiasedness). */
    public static double[] evaluate(SVI svi, DataSetIterator iterator) {
        iterator.reset();
        java.util.List<Double> out = new java.util.ArrayList<>();
        while (iterator.hasNext()) {
            out.add(svi.evaluateLoss(args(iterator.next())));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
