package io.telemetryflow.platform.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned DDL script, named {@code V<version>__<description>.sql}. Its checksum is taken
 * over the script as written (before placeholders are filled in), so configuring a cluster name
 * does not look like an edit, while changing the file after it was applied does.
 */
public record SchemaMigration(int version, String description, String script, String checksum) {

    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

    public SchemaMigration {
        if (version < 1) {
            throw new IllegalArgumentException("migration version must be positive: " + version);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(checksum, "checksum");
    }

    public static SchemaMigration fromFile(String fileName, String script) {
        Matcher name = FILE_NAME.matcher(fileName);
        if (!name.matches()) {
            throw new IllegalArgumentException("migration file '" + fileName + "' is not named V<version>__<description>.sql");
        }
        return new SchemaMigration(Integer.parseInt(name.group(1)), name.group(2).replace('_', ' '), script, sha256(script));
    }

    /**
     * The script's statements with placeholders such as {@code ${database}} and {@code ${on_cluster}}
     * filled in. Statements end with a semicolon at the end of a line; {@code --} comment lines are dropped.
     */
    public List<String> statements(Map<String, String> placeholders) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                addStatement(statements, current, placeholders);
            }
        }
        addStatement(statements, current, placeholders);
        return statements;
    }

    private void addStatement(List<String> statements, StringBuilder current, Map<String, String> placeholders) {
        String statement = current.toString().strip();
        current.setLength(0);
        if (statement.endsWith(";")) {
            statement = statement.substring(0, statement.length() - 1).strip();
        }
        if (!statement.isEmpty()) {
            statements.add(fill(statement, placeholders));
        }
    }

    private String fill(String statement, Map<String, String> placeholders) {
        Matcher matcher = PLACEHOLDER.matcher(statement);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = placeholders.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("migration V" + version + " uses unknown placeholder ${" + matcher.group(1) + "}");
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
