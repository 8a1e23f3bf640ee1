/**
 * The failures a chart producer can cause ({@link io.tilework.charts.failure.ChartFailure}): only
 * these, and GDAL or I/O failures of the data, make a cell fail; anything else is a defect.
 */
package io.tilework.charts.failure;
