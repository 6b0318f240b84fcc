package io.telemetryflow.iam;

/**
 * A user was created without a password, inside the creating transaction. Fired synchronously; authentication
 * sends the invitation to choose one (IAM owns accounts, the sign-in flows build on it).
 */
public record UserInvited(String email) {
}
