package io.tilework.engine.event;

/**
 * Receives {@link EngineEvent}s. Called on the engine's threads: return quickly and never block.
 * An exception thrown here is logged and otherwise ignored; it never reaches the engine.
 */
@FunctionalInterface
public interface EngineListener {

    void on(EngineEvent event);
}
