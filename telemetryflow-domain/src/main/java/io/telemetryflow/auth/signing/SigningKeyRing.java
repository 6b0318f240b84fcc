package io.telemetryflow.auth.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The platform's signing keys and the rules of their rotation (a standby key, as JWKS rotation is
 * usually done). One key is ACTIVE and signs; one is NEXT: published to every node's verifier at its
 * start, so a rotation can promote it and every node accepts its tokens at once. A node's verifier
 * reads its key set only when the node starts, so a key is trusted by a node only if it existed then.
 */
public final class SigningKeyRing {

    private final List<SigningKey> keys;

    public SigningKeyRing(List<SigningKey> keys) {
        for (SigningKeyState single : List.of(SigningKeyState.ACTIVE, SigningKeyState.NEXT)) {
            if (keys.stream().filter(k -> k.state() == single).count() > 1) {
                throw new IllegalArgumentException("more than one " + single + " signing key");
            }
        }
        this.keys = List.copyOf(keys);
    }

    /** The key that signs new tokens. */
    public Optional<SigningKey> active() {
        return in(SigningKeyState.ACTIVE);
    }

    /** The standby key a rotation promotes. */
    public Optional<SigningKey> next() {
        return in(SigningKeyState.NEXT);
    }

    /** The states without a key, which start-up fills with new keys: ACTIVE and NEXT on a first start, NEXT after the upgrade. */
    public List<SigningKeyState> missing() {
        List<SigningKeyState> missing = new ArrayList<>();
        if (active().isEmpty()) {
            missing.add(SigningKeyState.ACTIVE);
        }
        if (next().isEmpty()) {
            missing.add(SigningKeyState.NEXT);
        }
        return missing;
    }

    /**
     * The keys a verifier must accept at {@code now}: ACTIVE, NEXT, and the RETIRED ones retired less than
     * {@code tokenLifetime} (the longest token lifetime plus the verifier's clock skew) ago.
     */
    public List<SigningKey> trusted(Instant now, Duration tokenLifetime) {
        return keys.stream().filter(k -> k.trustedAt(now, tokenLifetime)).toList();
    }

    /**
     * Why a rotation must not happen now, or empty if it may. {@code trustedHere} are the key ids this node's
     * verifier loaded at its start: promoting a NEXT key that is not among them would make the node refuse
     * the tokens it then signs (a NEXT key created by an earlier rotation reaches verifiers only at their restart).
     */
    public Optional<String> rotationRefusal(Set<String> trustedHere) {
        if (active().isEmpty() || next().isEmpty()) {
            return Optional.of("the signing keys are not set up yet: restart the node");
        }
        String next = next().get().keyId();
        if (!trustedHere.contains(next)) {
            return Optional.of("the next signing key " + next + " was created after this node started, so the nodes do not trust it yet:"
                    + " restart every node (any time after the access-token lifetime), then rotate again");
        }
        return Optional.empty();
    }

    private Optional<SigningKey> in(SigningKeyState state) {
        return keys.stream().filter(k -> k.state() == state).findFirst();
    }
}
