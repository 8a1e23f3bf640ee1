/**
 * The Job SPI: named jobs with record parameters, discovered with {@link java.util.ServiceLoader},
 * run with a {@link io.tilework.engine.job.JobContext}. Workflows and the command line run jobs by
 * name and never import the modules that provide them.
 */
package io.tilework.engine.job;
