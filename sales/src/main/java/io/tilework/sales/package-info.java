/**
 * Monthly KPIs of a multi-city car dealer over transaction CSVs, as a map-reduce on the engine.
 * The pipeline reads top to bottom through the sub-packages, each using only those above it:
 * {@link io.tilework.sales.input} (files, byte-range splits, lines, the CSV layout),
 * {@link io.tilework.sales.map} (one split parsed into partial totals and id runs),
 * {@link io.tilework.sales.reduce} (partials merged, duplicate ids checked, rejects written),
 * {@link io.tilework.sales.report} (the KPIs and the JSON, CSV and HTML report).
 * {@link io.tilework.sales.SalesReportJob} runs them in that order; {@code generate} makes test data.
 */
package io.tilework.sales;
