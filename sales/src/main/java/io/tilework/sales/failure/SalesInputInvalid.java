package io.tilework.sales.failure;

/**
 * Input the report cannot work with: no input file, a header without a needed column, an option
 * out of range, a file changed while the run read it. The message names it and what to do.
 */
public final class SalesInputInvalid extends SalesFailure {

    public SalesInputInvalid(String message) {
        super(message);
    }
}
