package io.telemetryflow.auth;

/**
 * Where a sign-in stands once a factor was accepted: the second factor comes first, then (when an administrator chose
 * the password, so that they know it) the user's own password, and only then a session.
 */
public enum SignInStep {
    MFA, PASSWORD_CHANGE, SIGNED_IN;

    /** The step after a right password. */
    public static SignInStep afterPassword(boolean mfaEnabled, boolean passwordChangeRequired) {
        return mfaEnabled ? MFA : afterMfa(passwordChangeRequired);
    }

    /** The step after a right MFA code (or when the account has no MFA). */
    public static SignInStep afterMfa(boolean passwordChangeRequired) {
        return passwordChangeRequired ? PASSWORD_CHANGE : SIGNED_IN;
    }
}
