package io.telemetryflow.iam;

import io.telemetryflow.platform.error.Rejected;

/**
 * The check a password set through the IAM API must pass. Kept to one method so that the full password
 * policy (io.telemetryflow.auth.password) can take its place in one line.
 */
public final class NewPassword {

    public static final int MIN_LENGTH = 12;

    private NewPassword() {
    }

    public static void check(String password) {
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw Rejected.invalid("password", "password must have at least " + MIN_LENGTH + " characters");
        }
    }
}
