package io.telemetryflow.testsupport;

import java.util.ArrayList;
import java.util.List;

/**
 * Strings that would change a query if they were spliced into its SQL, parsed as escapes or patterns, or taken for a
 * query parameter; a test sends each where a user's text goes and expects an ordinary answer that changes nothing.
 */
public final class HostileInputs {

    private static final List<String> SQL = List.of("'", "\\", "\\'", "' OR 1=1 --", "{tenant_id:UUID}", "currentDatabase()", "%", "_");

    private HostileInputs() {
    }

    /** The common strings, one that would drop {@code table}, and the test's own {@code extra} strings. */
    public static List<String> against(String table, String... extra) {
        List<String> inputs = new ArrayList<>(SQL);
        inputs.add("'); DROP TABLE " + table + "; --");
        inputs.addAll(List.of(extra));
        return List.copyOf(inputs);
    }
}
