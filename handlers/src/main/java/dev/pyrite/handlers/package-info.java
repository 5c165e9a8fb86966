/** Pyrite handlers module. */
package dev.pyrite.handlers;
