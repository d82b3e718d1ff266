package io.eventbank.infrastructure.kafka;

/** A record that can never be handled, however often it is retried: it belongs in the dead-letter topic. */
public class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
