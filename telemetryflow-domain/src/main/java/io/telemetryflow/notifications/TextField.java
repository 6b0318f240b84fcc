package io.telemetryflow.notifications;

import io.telemetryflow.platform.error.Rejected;

/** Bounded text fields of the notification bodies. */
final class TextField {

    private TextField() {
    }

    static String required(String field, String text, int maxLength) {
        if (text == null || text.isBlank()) {
            throw Rejected.invalid(field, field + " is required");
        }
        return optional(field, text, maxLength).strip();
    }

    static String optional(String field, String text, int maxLength) {
        if (text != null && text.length() > maxLength) {
            throw Rejected.invalid(field, field + " may have at most " + maxLength + " characters");
        }
        return text;
    }
}
