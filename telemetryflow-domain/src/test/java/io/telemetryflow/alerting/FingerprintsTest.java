package io.telemetryflow.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

    @Test
    void aFingerprintIs16LowerCaseHexCharacters() {
        assertThat(Fingerprints.of(Map.of("host.name", "web-1"))).matches("[0-9a-f]{16}");
        assertThat(Fingerprints.of(Map.of())).matches("[0-9a-f]{16}");
    }

    @Test
    void theOrderOfTheLabelsDoesNotMatter() {
        Map<String, String> forwards = new LinkedHashMap<>();
        forwards.put("a", "1");
        forwards.put("b", "2");
        forwards.put("c", "3");
        Map<String, String> backwards = new LinkedHashMap<>();
        backwards.put("c", "3");
        backwards.put("b", "2");
        backwards.put("a", "1");
        assertThat(Fingerprints.of(forwards)).isEqualTo(Fingerprints.of(backwards)).isEqualTo(Fingerprints.of(new TreeMap<>(forwards)))
                .isEqualTo(Fingerprints.of(Map.of("b", "2", "a", "1", "c", "3")));
    }

    @Test
    void labelSetsThatConcatenateAlikeDiffer() {
        assertThat(Fingerprints.of(Map.of("a", "b,c"))).isNotEqualTo(Fingerprints.of(Map.of("a", "b", "c", "")));
        assertThat(Fingerprints.of(Map.of("a=b", "c"))).isNotEqualTo(Fingerprints.of(Map.of("a", "b=c")));
        assertThat(Fingerprints.of(Map.of("ab", "c"))).isNotEqualTo(Fingerprints.of(Map.of("a", "bc")));
        assertThat(Fingerprints.of(Map.of("a", ""))).isNotEqualTo(Fingerprints.of(Map.of()));
        assertThat(Fingerprints.of(Map.of("a", "1", "b", "2"))).isNotEqualTo(Fingerprints.of(Map.of("a", "2", "b", "1")));
        assertThat(Fingerprints.of(Map.of("a", "\u0000\u0000\u0000\u0001b"))).isNotEqualTo(Fingerprints.of(Map.of("a", "", "b", "")));
    }

    @Test
    void tenThousandDifferentLabelSetsGiveTenThousandFingerprints() {
        Random random = new Random(16);
        Set<Map<String, String>> sets = new HashSet<>();
        Set<String> fingerprints = new HashSet<>();
        while (sets.size() < 10_000) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (int i = random.nextInt(4); i >= 0; i--) {
                labels.put("k" + random.nextInt(5), Integer.toString(random.nextInt(50)));
            }
            if (sets.add(labels)) {
                fingerprints.add(Fingerprints.of(labels));
            }
        }
        assertThat(fingerprints).hasSize(10_000);
    }

    @Test
    void unicodeLabelsAreEncodedByTheirBytes() {
        assertThat(Fingerprints.of(Map.of("region", "zürich"))).isNotEqualTo(Fingerprints.of(Map.of("region", "zurich")))
                .isEqualTo(Fingerprints.of(Map.of("region", "zürich")));
    }
}
