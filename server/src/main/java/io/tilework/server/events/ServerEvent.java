package io.tilework.server.events;

/**
 * One event of the stream: its name ({@code job}, {@code chunk}, {@code pool}, {@code cache},
 * {@code process}), the job or process instance it belongs to (either may be null) and its data,
 * which is written as JSON.
 */
public record ServerEvent(String name, String job, String instance, Object data) {
}
