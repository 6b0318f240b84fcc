package io.telemetryflow.auth.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The platform's signing keys and the rules of their rotation (a standby key, as JWKS rotation is
 * usually done). One key is ACTIVE and signs; one is NEXT: trusted by every node's verifier before it
 * signs anything, so a rotation can promote it and every node accepts its tokens at once. A node
 * re-reads the keys at intervals, so a key is trusted everywhere only some time after its creation.
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
     * Why a rotation must not happen at {@code now}, or empty if it may. {@code knownEverywhereAfter} is how long after
     * its creation every node surely trusts a key (its re-read interval plus the clock difference between nodes):
     * promoting a younger NEXT key would let a node that has not read it yet refuse the tokens it then signs.
     */
    public Optional<String> rotationRefusal(Instant now, Duration knownEverywhereAfter) {
        if (active().isEmpty() || next().isEmpty()) {
            return Optional.of("the signing keys are not set up yet: restart the node");
        }
        SigningKey next = next().get();
        Instant knownEverywhere = next.createdAt().plus(knownEverywhereAfter);
        if (now.isBefore(knownEverywhere)) {
            return Optional.of("the next signing key " + next.keyId() + " is not yet trusted by every node: rotate again after "
                    + knownEverywhere + " (" + knownEverywhereAfter.toSeconds() + " s after its creation)");
        }
        return Optional.empty();
    }

    private Optional<SigningKey> in(SigningKeyState state) {
        return keys.stream().filter(k -> k.state() == state).findFirst();
    }
}
