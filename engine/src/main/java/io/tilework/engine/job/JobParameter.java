package io.tilework.engine.job;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one component of a job's parameter record, for everything that shows or checks
 * parameters without knowing the job: the server's parameter schema and the console's forms, and
 * the confinement of paths to the server's data root (which needs to know which texts are paths).
 *
 * {@snippet :
 * public record Parameters(
 *         @JobParameter(description = "input CSV files or glob patterns", kind = JobParameter.Kind.INPUT_PATH, required = true)
 *         List<String> files,
 *         @JobParameter(description = "where the report goes", kind = JobParameter.Kind.OUTPUT_PATH, required = true)
 *         String out) {
 * }
 * }
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface JobParameter {

    /** One line saying what the parameter is, as a form's label or a schema's description. */
    String description();

    /** What the value is; paths (each element of a list of them) are resolved and confined by the server. */
    Kind kind() default Kind.VALUE;

    /** Whether the job refuses to run without it. */
    boolean required() default false;

    /** The value used when none is given, as text (shown in forms); empty when there is none. */
    String defaultValue() default "";

    /** What a parameter's text means. */
    enum Kind {
        /** A number, a word, a switch: anything but a path. */
        VALUE,
        /** A file or folder the job reads (a glob pattern allowed where the job expands them). */
        INPUT_PATH,
        /** A file or folder the job writes. */
        OUTPUT_PATH
    }
}
