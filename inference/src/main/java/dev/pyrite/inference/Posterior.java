package dev.pyrite.inference;

import dev.pyrite.inference.diagnostics.Summary;
import dev.pyrite.inference.diagnostics.SummaryRow;
import dev.pyrite.inference.diagnostics.SummaryTable;
import dev.pyrite.inference.mcmc.McmcSamples;
import dev.pyrite.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * MCMC draws of a model's latent sites in their constrained space: per site {@code [chains, draws,
 * ...site shape]}, and per scalar component ({@code theta[3]}, 1-based as in Stan) for diagnostics.
 */
public final class Posterior {
    private final Map<String, INDArray> sites;
    private final Map<String, double[][]> components;
    private final McmcSamples samples;

    private Posterior(Map<String, INDArray> sites, Map<String, double[][]> components, McmcSamples samples) {
        this.sites = sites;
        this.components = components;
        this.samples = samples;
    }

    /** Maps the unconstrained draws of {@code samples} through the model's bijections. */
    public static Posterior of(ModelPotential potential, McmcSamples samples) {
        int c = samples.chains();
        int s = samples.drawCount();
        INDArray flat = samples.draws().reshape(c * s, potential.dimension());
        Map<String, Tensor> constrained = potential.constrain(Tensor.of(flat));
        Map<String, INDArray> sites = new LinkedHashMap<>();
        Map<String, double[][]> components = new LinkedHashMap<>();
        for (LatentSite site : potential.sites()) {
            INDArray v = constrained.get(site.name()).array();
            long[] shape = new long[2 + site.shape().length];
            shape[0] = c;
            shape[1] = s;
            System.arraycopy(site.shape(), 0, shape, 2, site.shape().length);
            INDArray bySite = v.reshape(shape);
            sites.put(site.name(), bySite);
            INDArray perComponent = v.reshape(c, s, site.valueSize());
            for (int k = 0; k < site.valueSize(); k++) {
                double[][] d = new double[c][];
                for (int i = 0; i < c; i++) {
                    d[i] = perComponent.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.point(k)).dup().toDoubleVector();
                }
                components.put(ComponentName.of(site.name(), site.shape(), k), d);
            }
        }
        return new Posterior(sites, components, samples);
    }

    /**
     * This posterior with draws of more sites, e.g. the enumerated discrete sites drawn by
     * {@code InferDiscrete.sample}: per site {@code [chains, draws, ...site shape]} (any numeric type; kept
     * as doubles), with the same chains and draws as this posterior. They join {@link #site}, {@link #draws}
     * and {@link #summary} ({@code tau}, {@code z[1]}, ...) after the sampled sites; the sampler's
     * {@link #samples} are unchanged.
     */
    public Posterior withDiscreteSites(Map<String, INDArray> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        Map<String, INDArray> allSites = new LinkedHashMap<>(sites);
        Map<String, double[][]> allComponents = new LinkedHashMap<>(components);
        int c = samples.chains();
        int s = samples.drawCount();
        for (Map.Entry<String, INDArray> e : extra.entrySet()) {
            String name = e.getKey();
            INDArray a = e.getValue().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
            if (a.rank() < 2 || a.size(0) != c || a.size(1) != s) {
                throw new IllegalArgumentException("Posterior.withDiscreteSites: draws of '" + name + "' have shape "
                        + java.util.Arrays.toString(a.shape()) + ", expected [" + c + ", " + s + ", ...site shape]");
            }
            if (allSites.containsKey(name)) {
                throw new IllegalArgumentException("Posterior.withDiscreteSites: the posterior already has a site '"
                        + name + "'");
            }
            allSites.put(name, a);
            long[] shape = java.util.Arrays.copyOfRange(a.shape(), 2, a.rank());
            int size = (int) (a.length() / ((long) c * s));
            INDArray perComponent = a.reshape('c', c, s, size);
            for (int k = 0; k < size; k++) {
                double[][] d = new double[c][];
                for (int i = 0; i < c; i++) {
                    d[i] = perComponent.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                            org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.point(k)).dup().toDoubleVector();
                }
                allComponents.put(ComponentName.of(name, shape, k), d);
            }
        }
        return new Posterior(allSites, allComponents, samples);
    }

    /** The sites' names, sampled sites first, then any added by {@link #withDiscreteSites}. */
    public java.util.Set<String> siteNames() {
        return java.util.Collections.unmodifiableSet(sites.keySet());
    }

    /** Draws of one site, {@code [chains, draws, ...site shape]}. */
    public INDArray site(String name) {
        INDArray a = sites.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no latent site '" + name + "'; sites are " + sites.keySet());
        }
        return a;
    }

    /** Draws of every scalar component as {@code [chain][draw]}, in site order. */
    public Map<String, double[][]> draws() {
        return components;
    }

    /** The sampler's statistics and unconstrained draws. */
    public McmcSamples samples() {
        return samples;
    }

    /** Mean, sd, MCSE, quantiles, R-hat and ESS per scalar component. */
    public SummaryTable summary() {
        List<SummaryRow> rows = new ArrayList<>();
        for (Map.Entry<String, double[][]> e : components.entrySet()) {
            rows.add(Summary.of(e.getKey(), e.getValue()));
        }
        return SummaryTable.of(rows);
    }
}
