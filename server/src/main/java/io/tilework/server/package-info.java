/** {@code tilework serve}: the HTTP API, the event stream, metrics and the web console. */
package io.tilework.server;
