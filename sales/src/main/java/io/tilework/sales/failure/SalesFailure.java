package io.tilework.sales.failure;

import io.tilework.engine.failure.UserFailure;

/**
 * What an analyst's input can get wrong: a bad row in a strict run, more rejected rows than
 * tolerated, a file or option the report cannot work with. Each message names the file, line or
 * option and what to do; anything else the report throws is a defect of Tilework.
 */
public abstract sealed class SalesFailure extends UserFailure permits BadRowException, TooManyRejectsException, SalesInputInvalid, UnreadableInput {

    SalesFailure(String message) {
        super(message);
    }
}
