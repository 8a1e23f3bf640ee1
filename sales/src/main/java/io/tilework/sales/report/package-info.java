/**
 * The last stage: the KPIs computed from the merged totals, and the report written from them
 * ({@code report.json}, one CSV per table, a self-contained {@code report.html}).
 */
package io.tilework.sales.report;
