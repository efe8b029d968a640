package io.kstretch.kafka;

/** The live cluster could not be read or changed through the Admin API; the message says what and why. */
public class KafkaAdminException extends RuntimeException {
    public KafkaAdminException(String message, Throwable cause) {
        super(message, cause);
    }
}
