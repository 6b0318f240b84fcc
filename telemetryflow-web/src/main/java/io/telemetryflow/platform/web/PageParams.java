package io.telemetryflow.platform.web;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.paging.PageRequest;
import jakarta.ws.rs.QueryParam;

/**
 * {@code ?limit=&offset=} of every list endpoint (at most {@value PageRequest#MAX_LIMIT}, 50 unless asked; the audit
 * log, whose pages are larger, applies its own bounds to the same parameters).
 * The API-key list also still takes its first form, {@link Numbered}.
 */
public class PageParams {

    // read as text so that a bad one is a 400 naming it (an int parameter JAX-RS cannot convert is a 404)
    @QueryParam("limit")
    String limit;

    @QueryParam("offset")
    String offset;

    /** The window; a 400 naming the parameter when one is not a whole number or out of range (PageRequest checks). */
    public PageRequest request() {
        return new PageRequest(number("limit", limit, PageRequest.DEFAULT_LIMIT), number("offset", offset, 0));
    }

    /** {@code limit} as given (null when absent), for a list with bounds of its own: the audit log checks its own. */
    public String limitText() {
        return limit;
    }

    /** {@code offset} as given (null when absent); see {@link #limitText()}. */
    public String offsetText() {
        return offset;
    }

    /**
     * {@code ?page=&size=}: {@code page} counting from 1, {@code size} as {@code limit}; the same window as
     * {@code offset = (page - 1) * size}. Read as text so that a bad one is a 400 naming it.
     */
    public static class Numbered {

        @QueryParam("page")
        String page;

        @QueryParam("size")
        String size;

        /** Whether the request pages this way (otherwise {@code limit}/{@code offset}, whose defaults are page 1 of 50). */
        public boolean given() {
            return !blank(page) || !blank(size);
        }

        public PageRequest request() {
            int number = number("page", page, 1);
            int length = number("size", size, PageRequest.DEFAULT_LIMIT);
            if (number < 1) {
                throw Rejected.invalid("page", "page counts from 1");
            }
            if (length < 1 || length > PageRequest.MAX_LIMIT) {
                throw Rejected.invalid("size", "size must be between 1 and " + PageRequest.MAX_LIMIT);
            }
            return new PageRequest(length, (number - 1) * length);
        }

    }

    private static int number(String field, String text, int absent) {
        if (blank(text)) {
            return absent;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw Rejected.invalid(field, field + " must be a whole number");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
