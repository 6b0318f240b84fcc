package io.telemetryflow.iam;

import io.telemetryflow.platform.error.Rejected;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a new password must satisfy (user creation, change, reset): a length between the minimum
 * and 128, at least three of the four character classes, not the email's name, not a common or
 * breached password (also with digits and symbols tacked on at the end), and no runs of four
 * repeated or consecutive characters. Reports every violation, so a user fixes them in one go.
 */
public final class PasswordPolicy {

    public static final int DEFAULT_MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    private static final int MIN_CLASSES = 3;
    private static final int RUN = 4;
    private static final Set<String> COMMON = load("common-passwords.txt");

    private final int minLength;

    public PasswordPolicy(int minLength) {
        if (minLength < 8 || minLength > MAX_LENGTH) {
            throw new IllegalArgumentException("minimum password length must be between 8 and " + MAX_LENGTH + ", got " + minLength);
        }
        this.minLength = minLength;
    }

    public int minLength() {
        return minLength;
    }

    /** Everything wrong with {@code password} for the account {@code email}; empty when acceptable. */
    public List<String> violations(String password, String email) {
        List<String> violations = new ArrayList<>();
        int length = password.codePointCount(0, password.length());
        if (length < minLength) {
            violations.add("must be at least " + minLength + " characters long");
        }
        if (length > MAX_LENGTH) {
            violations.add("must be at most " + MAX_LENGTH + " characters long");
        }
        if (characterClasses(password) < MIN_CLASSES) {
            violations.add("must contain at least 3 of: lower-case letters, upper-case letters, digits, symbols");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String name = localPart(email);
        if (name.length() >= 3 && lower.contains(name)) {
            violations.add("must not contain the name of the email address");
        }
        if (COMMON.contains(lower) || COMMON.contains(lower.replaceFirst("[^\\p{L}]+$", ""))) {
            violations.add("is a commonly used password");
        }
        if (hasRun(lower)) {
            violations.add("must not contain " + RUN + " or more repeated or consecutive characters (like aaaa or 1234)");
        }
        return violations;
    }

    /** Throws 400 naming {@code field} with every violation, unless the password is acceptable. */
    public void require(String password, String email, String field) {
        List<String> violations = violations(password, email);
        if (!violations.isEmpty()) {
            throw Rejected.invalid(field, "the password " + String.join("; ", violations));
        }
    }

    private static int characterClasses(String password) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < password.length(); ) {
            int c = password.codePointAt(i);
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else {
                other = true;
            }
            i += Character.charCount(c);
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    /** aaaa, 1234, abcd, dcba: the same step (0, +1 or -1) between letters or digits four times in a row. */
    private static boolean hasRun(String lower) {
        int[] chars = lower.codePoints().toArray();
        int repeated = 1;
        int ascending = 1;
        int descending = 1;
        for (int i = 1; i < chars.length; i++) {
            int step = chars[i] - chars[i - 1];
            boolean alphanumeric = Character.isLetterOrDigit(chars[i]) && Character.isLetterOrDigit(chars[i - 1]);
            repeated = step == 0 ? repeated + 1 : 1;
            ascending = step == 1 && alphanumeric ? ascending + 1 : 1;
            descending = step == -1 && alphanumeric ? descending + 1 : 1;
            if (repeated >= RUN || ascending >= RUN || descending >= RUN) {
                return true;
            }
        }
        return false;
    }

    private static String localPart(String email) {
        if (email == null) {
            return "";
        }
        int at = email.indexOf('@');
        return (at < 0 ? email : email.substring(0, at)).trim().toLowerCase(Locale.ROOT);
    }

    private static Set<String> load(String resource) {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .map(line -> line.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
