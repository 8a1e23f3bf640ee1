/**
 * A report per run: {@link io.tilework.server.report.RunRecorder} listens to one run's engine events
 * and keeps a bounded summary (task stream, pools over time, flows between recipes, cache use,
 * failures); {@link io.tilework.server.report.RunReport} turns a snapshot of it into one
 * self-contained HTML page. The CLI's {@code --report FILE.html} and the server's job reports and
 * dashboard use both.
 */
package io.tilework.server.report;
