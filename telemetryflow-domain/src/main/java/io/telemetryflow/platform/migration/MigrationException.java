package io.telemetryflow.platform.migration;

/** The schema cannot be brought to the version the code expects without a person's decision. */
public class MigrationException extends RuntimeException {

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
