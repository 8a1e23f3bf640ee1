/**
 * The pipeline's first stage: the input files (plain or gzip, globs), cut into byte-range splits
 * that start on line boundaries, scanned line by line, with the CSV layout (delimiter, headers).
 */
package io.tilework.sales.input;
