package io.kstretch.reconcile;

/** A write to a member failed in a way a person should hear about; {@link #reason()} is a condition reason. */
class ApplyException extends RuntimeException {
    private final String reason;

    ApplyException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
