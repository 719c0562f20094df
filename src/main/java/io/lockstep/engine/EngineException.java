package io.lockstep.engine;

/** scsynth cannot be reached, refused a request, or lacks something an instrument needs. */
public class EngineException extends RuntimeException {

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
