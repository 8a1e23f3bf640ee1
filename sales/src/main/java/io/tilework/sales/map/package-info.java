/**
 * The map stage: one split's lines parsed into a {@link io.tilework.sales.map.Partial} (totals per
 * city and month, counts of rejects by reason, the split's ids hashed into sorted runs on disk).
 */
package io.tilework.sales.map;
