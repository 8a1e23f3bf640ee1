/**
 * The raster read routes of {@code tilework serve}: files and recipes opened by id, described,
 * and read as ordered streams of windows with flow control (the contract the Python client reads).
 */
package io.tilework.server.rasters;
