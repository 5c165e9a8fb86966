/** Pyrite app module. */
package dev.pyrite.app;
