/**
 * The examples with neural networks, each a {@code pyrite example NAME} command and a Java API
 * ({@code run(Settings)} returning a record of its figures):
 * <ul>
 *   <li>{@link dev.pyrite.examples.nn.VaeDigits}: a VAE on the 8x8 digits by amortised SVI from a DL4J
 *       {@code DataSetIterator}; held-out ELBO and IWAE bound, a PNG of reconstructions and samples;
 *   <li>{@link dev.pyrite.examples.nn.BnnBreastCancer}: a BNN classifier by NUTS (chains as a batch) and
 *       SVI ({@code AutoNormal}) beside a DL4J {@code MultiLayerNetwork}; accuracy, log-likelihood, ECE;
 *   <li>{@link dev.pyrite.examples.nn.BnnDiabetes}: BNN regression by NUTS; coverage of posterior
 *       predictive intervals on held-out rows.
 * </ul>
 * Data: {@code examples/data/uci} (see its README). Posterior draws of a network's weights are used in
 * one batched forward pass through {@link dev.pyrite.examples.nn.DrawnWeights}.
 */
package dev.pyrite.examples.nn;
