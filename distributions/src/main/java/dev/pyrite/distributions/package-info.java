/** Pyrite distributions module. */
package dev.pyrite.distributions;
