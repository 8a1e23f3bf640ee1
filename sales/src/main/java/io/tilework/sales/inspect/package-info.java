/**
 * {@code tilework sales inspect}: what a sales CSV nobody has described is, from a sample of it
 * (its encoding, dialect, column types, date formats, null markers, distinct counts) and which of
 * its columns are the concepts the KPIs need, each with how sure and why, written as a schema file
 * a person edits. Start at {@link io.tilework.sales.inspect.Inspector}; the file is written by
 * {@link io.tilework.sales.inspect.SchemaWriter}.
 */
package io.tilework.sales.inspect;
