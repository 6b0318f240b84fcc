package io.telemetryflow.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CacheSealTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final String KEY = "user-access:user-1:g0:1";

    private final CacheSeal seal = new CacheSeal(key(1));

    @Test
    void aSealedValueOpensUnderItsKeyUntilItsExpiry() {
        byte[] sealed = seal.seal(KEY, "granted", NOW + 1_000);

        assertThat(seal.open(KEY, sealed, NOW)).hasValueSatisfying(opened -> {
            assertThat(opened.value()).isEqualTo("granted");
            assertThat(opened.expiresAtMillis()).isEqualTo(NOW + 1_000);
        });
        assertThat(seal.open(KEY, sealed, NOW + 1_000)).as("expired").isEmpty();
    }

    @Test
    void anyChangedByteIsAMiss() {
        byte[] sealed = seal.seal(KEY, "granted", NOW + 1_000);
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 1;
            assertThat(seal.open(KEY, tampered, NOW)).as("byte %d changed", i).isEmpty();
        }
        assertThat(seal.open(KEY, Arrays.copyOf(sealed, sealed.length - 1), NOW)).as("truncated").isEmpty();
        assertThat(seal.open(KEY, Arrays.copyOf(sealed, 10), NOW)).as("shorter than the header").isEmpty();
    }

    @Test
    void aLaterExpiryCannotBeWrittenIn() {
        byte[] sealed = seal.seal(KEY, "granted", NOW + 1_000);
        byte[] extended = sealed.clone();
        java.nio.ByteBuffer.wrap(extended).putLong(1, NOW + 1_000_000);
        assertThat(seal.open(KEY, extended, NOW + 2_000)).isEmpty();
    }

    @Test
    void aValueMovedToAnotherKeyIsAMiss() {
        byte[] administratorsAccess = seal.seal("user-access:user-admin:g0:admin", "super administrator", NOW + 1_000);
        assertThat(seal.open("user-access:user-viewer:g0:viewer", administratorsAccess, NOW)).isEmpty();
        byte[] olderGeneration = seal.seal("apikey-verdict:k:g0:d", "accepted", NOW + 1_000);
        assertThat(seal.open("apikey-verdict:k:g1:d", olderGeneration, NOW)).isEmpty();
    }

    @Test
    void aValueSealedUnderAnotherKeyIsAMiss() {
        byte[] foreign = new CacheSeal(key(2)).seal(KEY, "granted", NOW + 1_000);
        assertThat(seal.open(KEY, foreign, NOW)).isEmpty();
    }

    @Test
    void whatIsNotASealedValueIsAMiss() {
        assertThat(seal.open(KEY, "granted", NOW)).isEmpty();
        assertThat(seal.open(KEY, new byte[0], NOW)).isEmpty();
    }

    @Test
    void anAuthenticPayloadOfAClassNotOnTheListIsStillRefused() {
        PriorityQueue<String> gadgetLike = new PriorityQueue<>(List.of("a", "b"));
        byte[] sealed = seal.seal(KEY, gadgetLike, NOW + 1_000);
        assertThat(seal.open(KEY, sealed, NOW)).isEmpty();
        assertThat(seal.open(KEY, seal.seal(KEY, UUID.randomUUID(), NOW + 1_000), NOW)).as("a listed JDK class").isPresent();
    }

    @Test
    void aValueThatCannotBeSerializedIsNotSealed() {
        ArrayList<Object> notSerializable = new ArrayList<>(List.of(new Object()));
        assertThatThrownBy(() -> seal.seal(KEY, notSerializable, NOW)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void theKeyMustBe32Bytes() {
        assertThatThrownBy(() -> new CacheSeal(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }
}
