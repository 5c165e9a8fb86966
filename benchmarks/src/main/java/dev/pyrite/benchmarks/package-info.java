/** Pyrite benchmarks module. */
package dev.pyrite.benchmarks;
