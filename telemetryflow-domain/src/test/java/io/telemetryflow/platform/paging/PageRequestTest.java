package io.telemetryflow.platform.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.error.Rejected;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void windowOutsideTheBoundsIsInvalidOnItsField() {
        assertThatThrownBy(() -> new PageRequest(0, 0)).isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.field()).isEqualTo("limit"));
        assertThatThrownBy(() -> new PageRequest(PageRequest.MAX_LIMIT + 1, 0)).isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> new PageRequest(10, -1)).isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.field()).isEqualTo("offset"));
    }

    @Test
    void mappingKeepsTheWindow() {
        Page<String> page = new Page<>(List.of(1, 2), 7, 2, 4).map(String::valueOf);
        assertThat(page).isEqualTo(new Page<>(List.of("1", "2"), 7, 2, 4));
        assertThat(Page.<String>empty(new PageRequest(5, 10))).isEqualTo(new Page<String>(List.of(), 0, 5, 10));
    }
}
