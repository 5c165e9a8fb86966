package dev.pyrite.app;

import dev.pyrite.app.foppl.FopplModel;
import dev.pyrite.inference.ComponentName;
import dev.pyrite.inference.LatentSite;
import dev.pyrite.inference.ModelPotential;
import dev.pyrite.tensor.Backend;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reported quantities of a set of draws, one value per row: every latent component in its constrained
 * space ({@code theta[3]}), then a model file's value ({@code return}...), in one vectorised evaluation.
 * {@link SamplingRecorder} calls it on fixed blocks of iterations, so that a draw's numbers are the same
 * whether they were computed as the draws came, or again from a checkpoint's samples after a resume.
 */
final class DrawQuantities {
    private final ModelPotential potential;
    private final FopplModel foppl;
    private final DataType dtype;
    private final Map<String, String> groups = new LinkedHashMap<>();
    private final List<String> omitted = new ArrayList<>();
    private boolean first = true;

    /** The quantities of {@code potential}'s sites and, when {@code foppl} is not null, of the program's value. */
    DrawQuantities(ModelPotential potential, FopplModel foppl, DataType dtype) {
        this.potential = potential;
        this.foppl = foppl;
        this.dtype = dtype;
    }

    /**
     * The quantities at the positions {@code q[row][d]} (unconstrained, already in the run's type), in
     * report order, each {@code [row]}.
     */
    Map<String, double[]> at(double[][] q) {
        int chains = q.length;
        INDArray flat = Nd4j.createFromArray(q).castTo(dtype);
        Map<String, Tensor> constrained = potential.constrain(Tensor.of(flat));
        Map<String, double[]> out = new LinkedHashMap<>();
        Map<String, Tensor> latent = new LinkedHashMap<>();
        for (LatentSite site : potential.sites()) {
            INDArray v = constrained.get(site.name()).array();
            double[] values = v.reshape(chains, site.valueSize()).castTo(DataType.DOUBLE).dup().data().asDouble();
            for (int k = 0; k < site.valueSize(); k++) {
                double[] d = new double[chains];
                for (int c = 0; c < chains; c++) {
                    d[c] = values[c * site.valueSize() + k];
                }
                String name = ComponentName.of(site.name(), site.shape(), k);
                out.put(name, d);
                groups.putIfAbsent(name, site.name());
            }
            long[] shape = new long[1 + site.shape().length];
            shape[0] = chains;
            System.arraycopy(site.shape(), 0, shape, 1, site.shape().length);
            latent.put(site.name(), Tensor.of(v.reshape(shape).castTo(Backend.floatType())));
        }
        if (foppl != null) {
            addProgramValues(foppl.programValues(latent, chains, first ? omitted : new ArrayList<>()), out);
        }
        first = false;
        return out;
    }

    /** The program's value, unless it has too many numbers (then noted as omitted). */
    private void addProgramValues(Map<String, double[]> values, Map<String, double[]> out) {
        if (values.size() > ModelRun.MAX_VALUE_COMPONENTS) {
            if (first) {
                omitted.add("return (" + values.size() + " numbers; at most " + ModelRun.MAX_VALUE_COMPONENTS
                        + " are reported)");
            }
            return;
        }
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            if (!out.containsKey(e.getKey())) {
                out.put(e.getKey(), e.getValue());
                groups.putIfAbsent(e.getKey(), FopplModel.RETURN);
            }
        }
    }

    /** The site (or {@code return}) of every quantity seen so far. */
    Map<String, String> groups() {
        return groups;
    }

    /** Why parts of the program's value are not reported, or null. */
    String note() {
        return omitted.isEmpty() ? null : "not reported: " + String.join(", ", omitted)
                + " (parts of the program's value that depend on enumerated discrete sites, or are not numbers)";
    }
}
