package io.kstretch.members;

/** A member's kubeconfig cannot be used; {@link #reason()} is a stable condition reason. */
public class KubeconfigException extends Exception {
    private final String reason;

    public KubeconfigException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
