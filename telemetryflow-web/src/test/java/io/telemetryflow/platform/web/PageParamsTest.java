package io.telemetryflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.paging.PageRequest;
import org.junit.jupiter.api.Test;

class PageParamsTest {

    @Test
    void pageAndSizeAreTheSameWindowAsLimitAndOffset() {
        assertThat(numbered("3", "20").request()).isEqualTo(new PageRequest(20, 40));
        assertThat(numbered(null, " 10 ").request()).isEqualTo(new PageRequest(10, 0));
        assertThat(numbered("2", null).request()).isEqualTo(new PageRequest(PageRequest.DEFAULT_LIMIT, 50));
    }

    @Test
    void givenOnlyWhenEitherIsNotBlank() {
        assertThat(numbered(null, null).given()).isFalse();
        assertThat(numbered(" ", "").given()).isFalse();
        assertThat(numbered("1", null).given()).isTrue();
        assertThat(numbered(null, "5").given()).isTrue();
    }

    @Test
    void badPageOrSizeIsA400NamingIt() {
        assertRejected(numbered("x", null), "page", "page must be a whole number");
        assertRejected(numbered("0", null), "page", "page counts from 1");
        assertRejected(numbered(null, "1.5"), "size", "size must be a whole number");
        assertRejected(numbered(null, "201"), "size", "size must be between 1 and 200");
        assertRejected(numbered(null, "0"), "size", "size must be between 1 and 200");
    }

    @Test
    void limitAndOffsetDefaultTo50FromTheStartAndABadOneIsA400NamingIt() {
        assertThat(window(null, null).request()).isEqualTo(new PageRequest(50, 0));
        assertThat(window(" 20 ", "40").request()).isEqualTo(new PageRequest(20, 40));
        assertRejected(window("abc", null)::request, "limit", "limit must be a whole number");
        assertRejected(window("0", null)::request, "limit", "limit must be between 1 and 200");
        assertRejected(window("500", null)::request, "limit", "limit must be between 1 and 200");
        assertRejected(window(null, "1e3")::request, "offset", "offset must be a whole number");
        assertRejected(window(null, "-1")::request, "offset", "offset must not be negative");
    }

    private static PageParams window(String limit, String offset) {
        PageParams params = new PageParams();
        params.limit = limit;
        params.offset = offset;
        return params;
    }

    private static PageParams.Numbered numbered(String page, String size) {
        PageParams.Numbered numbered = new PageParams.Numbered();
        numbered.page = page;
        numbered.size = size;
        return numbered;
    }

    private static void assertRejected(PageParams.Numbered numbered, String field, String message) {
        assertRejected(numbered::request, field, message);
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable request, String field, String message) {
        assertThatThrownBy(request).isInstanceOf(Rejected.class).hasMessage(message)
                .satisfies(e -> assertThat(((Rejected) e).field()).isEqualTo(field));
    }
}
