/** Pyrite inference module. */
package dev.pyrite.inference;
