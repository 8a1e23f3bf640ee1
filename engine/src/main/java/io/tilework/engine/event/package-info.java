/**
 * Typed events for every state change of the engine and the listener interface; progress bars,
 * metrics and the dashboard are listeners.
 */
package io.tilework.engine.event;
