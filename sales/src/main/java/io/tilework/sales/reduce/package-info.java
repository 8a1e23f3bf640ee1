/**
 * The reduce stage: {@link io.tilework.sales.reduce.SalesScan} maps every split on the engine and
 * merges the partials, checks ids for duplicates across splits, and writes the rejected rows.
 */
package io.tilework.sales.reduce;
