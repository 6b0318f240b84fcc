package io.telemetryflow.notifications;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The identity of an aggregation group: policy, rule and the group-by label values. Groups never span rules, so each
 * notification names one rule (the message contract carries one rule id, name and severity). A fixed-length digest
 * keeps the key storable whatever the label values are.
 */
public final class GroupKey {

    private GroupKey() {
    }

    public static String of(UUID policyId, UUID ruleId, Map<String, String> groupLabels) {
        StringBuilder canonical = new StringBuilder().append(policyId).append('\n').append(ruleId);
        for (Map.Entry<String, String> label : new TreeMap<>(groupLabels).entrySet()) {
            canonical.append('\n').append(label.getKey().length()).append(':').append(label.getKey())
                    .append('=').append(label.getValue().length()).append(':').append(label.getValue());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
