package io.telemetryflow.apikey;

import java.security.SecureRandom;

/** Random strings over the RFC 4648 base-32 alphabet (lower case): unambiguous, URL- and header-safe. */
final class Base32 {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private Base32() {
    }

    static String random(SecureRandom random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }
}
