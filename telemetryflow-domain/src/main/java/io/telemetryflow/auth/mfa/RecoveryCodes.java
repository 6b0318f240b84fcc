package io.telemetryflow.auth.mfa;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Single-use MFA recovery codes: ten codes of ten base-32 characters (50 random bits each), shown
 * once as {@code abcde-fghij}. Users type them back with or without the hyphen, in any case.
 */
public final class RecoveryCodes {

    public static final int COUNT = 10;
    private static final int LENGTH = 10;
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private RecoveryCodes() {
    }

    public static List<String> generate(SecureRandom random) {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            StringBuilder code = new StringBuilder(LENGTH + 1);
            for (int c = 0; c < LENGTH; c++) {
                if (c == LENGTH / 2) {
                    code.append('-');
                }
                code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** The canonical form that is hashed and compared (lower case, no hyphen or spaces), if it can be a recovery code. */
    public static Optional<String> normalize(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String code = typed.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
        if (code.length() != LENGTH) {
            return Optional.empty();
        }
        for (char c : code.toCharArray()) {
            if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) {
                return Optional.empty();
            }
        }
        return Optional.of(code);
    }
}
