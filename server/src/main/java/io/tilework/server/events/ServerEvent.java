package io.tilework.server.events;

/**
 * One event of the stream: its name ({@code job}, {@code chunk}, {@code pool}, {@code cache},
 * {@code process}), the job or process instance it belongs to (either may be null), its data,
 * which is written as JSON, and when it was published (ms since the epoch; the stream's event id,
 * so a client on the same clock can measure the delivery latency).
 */
public record ServerEvent(String name, String job, String instance, Object data, long publishedMillis) {

    public ServerEvent(String name, String job, String instance, Object data) {
        this(name, job, instance, data, System.currentTimeMillis());
    }
}
