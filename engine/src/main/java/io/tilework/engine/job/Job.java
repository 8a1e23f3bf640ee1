package io.tilework.engine.job;

/**
 * A named unit of work that workflows and the command line run by name: "raster.slope",
 * "sales.kpis", "charts.produce". Implementations are found with {@link java.util.ServiceLoader}
 * (list them in {@code META-INF/services/io.tilework.engine.job.Job}), so the process engine and
 * the CLI never import the modules that provide them.
 *
 * @param <P> the parameters: a record, bound from JSON or YAML by {@link JobParameters}
 */
public interface Job<P> {

    /** The name to run it by; unique among the jobs on the class path. */
    String name();

    /** One line for {@code --help} and job listings. */
    String description();

    /** The record type its parameters bind to. */
    Class<P> parametersType();

    /**
     * Runs the job. Long jobs report progress and check cancellation through the context.
     *
     * @return a summary of what was done (a record or a map), shown to the user and logged
     */
    Object run(JobContext context, P parameters) throws Exception;
}
