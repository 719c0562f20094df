package io.lockstep;

/**
 * Something a member asked for that Lockstep refuses, with nothing changed. Every feature's refusals share this
 * so the sync endpoint can answer any of them with one ERROR carrying {@code code}.
 */
public abstract class Refusal extends Exception {

    private final String code;

    protected Refusal(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
