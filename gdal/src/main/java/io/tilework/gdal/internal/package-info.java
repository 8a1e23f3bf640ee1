/**
 * The raw binding: library loading, one Java method per C function used ({@code GdalC},
 * {@code OgrC}, {@code OsrC}, {@code Cpl}), the error handler upcall and handle ownership.
 * Not an API: it changes with the needs of the packages above it.
 */
package io.tilework.gdal.internal;
