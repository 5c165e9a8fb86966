/** Pyrite tensor module. */
package dev.pyrite.tensor;
