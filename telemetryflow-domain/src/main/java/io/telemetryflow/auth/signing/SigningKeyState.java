package io.telemetryflow.auth.signing;

/**
 * A signing key's place in the rotation. NEXT is published to the verifiers but signs nothing yet, so
 * that every node already trusts it when a rotation makes it ACTIVE; ACTIVE signs; RETIRED signed
 * tokens that may still be alive and stays published until they have expired.
 */
public enum SigningKeyState {
    NEXT, ACTIVE, RETIRED
}
