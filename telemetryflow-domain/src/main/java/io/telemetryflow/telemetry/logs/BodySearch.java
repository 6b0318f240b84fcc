package io.telemetryflow.telemetry.logs;

import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.telemetry.TelemetrySql;
import java.util.ArrayList;
import java.util.List;

/**
 * The full-text part of a log search: terms the body must all contain, matched case-sensitively (the {@code idx_body}
 * token index stores tokens as written, so a case-insensitive match could not use it).
 * <ul>
 *   <li>A bare word made only of token characters (ASCII letters and digits, and any non-ASCII character, exactly as
 *       ClickHouse splits tokens) must appear as a whole token: {@code hasToken(body, word)}, which the index answers;
 *       {@code cart} finds "cart", "shopping-cart" and "cart." but not "cartography".</li>
 *   <li>A bare word holding separators ({@code user_42}, {@code /api/cart}, {@code a.b}) cannot be a token
 *       ({@code hasToken} refuses it), so it matches as a substring; so does a {@code "quoted phrase"}. Substrings use
 *       {@code LIKE} with {@code %}, {@code _} and {@code \} escaped, which lets the index check the whole tokens inside
 *       the substring.</li>
 * </ul>
 */
public record BodySearch(List<Term> terms) {

    static final int MAX_QUERY_LENGTH = 1000;
    static final int MAX_TERMS = 20;

    /** One condition on the body: a whole {@code token}, or else a substring. */
    public record Term(String text, boolean token) {
    }

    public BodySearch {
        terms = List.copyOf(terms);
    }

    /** The terms of a query string: whitespace separates words, double quotes enclose a phrase. */
    static BodySearch parse(String query) {
        if (query == null || query.isBlank()) {
            return new BodySearch(List.of());
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw Rejected.invalid("query", "query may be at most " + MAX_QUERY_LENGTH + " characters");
        }
        List<Term> terms = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '"') {
                addWord(terms, word);
                int close = query.indexOf('"', i + 1);
                if (close < 0) {
                    throw Rejected.invalid("query", "query has an unclosed quote: close the phrase with \"");
                }
                if (close > i + 1) {
                    terms.add(new Term(query.substring(i + 1, close), false));
                }
                i = close;
            } else if (Character.isWhitespace(c)) {
                addWord(terms, word);
            } else {
                word.append(c);
            }
        }
        addWord(terms, word);
        if (terms.size() > MAX_TERMS) {
            throw Rejected.invalid("query", "query may hold at most " + MAX_TERMS + " terms");
        }
        return new BodySearch(terms);
    }

    /** Adds one condition per term. */
    void applyTo(TelemetrySql sql) {
        for (Term term : terms) {
            sql.where(term.token() ? "hasToken(body, " + sql.bind("String", term.text()) + ")"
                    : "body LIKE " + sql.bind("String", likePattern(term.text())));
        }
    }

    private static void addWord(List<Term> terms, StringBuilder word) {
        if (!word.isEmpty()) {
            String text = word.toString();
            terms.add(new Term(text, text.codePoints().allMatch(BodySearch::isTokenChar)));
            word.setLength(0);
        }
    }

    /**
     * ClickHouse's token characters: everything but ASCII non-alphanumerics (non-ASCII bytes belong to tokens). A lone
     * surrogate is not one: it reaches the server as {@code ?}, a separator, which {@code hasToken} would refuse.
     */
    static boolean isTokenChar(int codePoint) {
        return codePoint >= 0x80 && !Character.isSurrogate((char) codePoint) || codePoint >= '0' && codePoint <= '9'
                || codePoint >= 'a' && codePoint <= 'z' || codePoint >= 'A' && codePoint <= 'Z';
    }

    /** {@code %text%} with LIKE's special characters taken literally. */
    static String likePattern(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
