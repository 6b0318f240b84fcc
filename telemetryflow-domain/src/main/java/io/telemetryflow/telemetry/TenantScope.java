package io.telemetryflow.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The structural check behind {@link TelemetrySql.Query}: in every SELECT of a telemetry query (the outer one, every
 * subquery, each side of a join, each branch of a union), a table it reads must be narrowed by the tenant predicate,
 * first in that SELECT's own {@code WHERE} and joined to the rest only by {@code AND}. A predicate elsewhere in the text
 * proves nothing about a branch that lacks it, so the text is split into its parenthesized groups and each SELECT is
 * checked on its own. What the builders never need is refused rather than understood: joining a table directly
 * (join a scoped subquery), comma joins, table functions, comments, and {@code tenant_id} anywhere but in the
 * predicate (as an alias, ClickHouse would let it stand for the column).
 */
final class TenantScope {

    private static final List<String> PREDICATE = tokens(TelemetrySql.TENANT_PREDICATE);
    /** Clauses that may follow a WHERE condition in one SELECT. */
    private static final Set<String> AFTER_WHERE = Set.of("GROUP", "ORDER", "LIMIT", "HAVING", "WINDOW", "QUALIFY", "SETTINGS", "FORMAT",
            "UNION", "INTERSECT", "EXCEPT");
    private static final Set<String> SET_OPERATORS = Set.of("UNION", "INTERSECT", "EXCEPT");
    private static final Set<String> FROM_CLAUSE_END = Set.of("WHERE", "PREWHERE", "GROUP", "ORDER", "LIMIT", "HAVING", "WINDOW",
            "QUALIFY", "SETTINGS", "FORMAT");

    /** A parenthesized part of the text: its tokens, with nested parentheses as nested groups. */
    private record Group(List<Object> items) {
    }

    private TenantScope() {
    }

    /** Throws {@link IllegalStateException} unless every table read in {@code sql} is scoped to the tenant. */
    static void require(String sql) {
        List<String> tokens = tokens(sql);
        int[] next = {0};
        Group top = group(tokens, next, false);
        check(top, true);
    }

    private static void check(Group group, boolean query) {
        List<Object> items = group.items();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Group nested) {
                check(nested, !nested.items().isEmpty() && (is(nested.items().get(0), "SELECT") || is(nested.items().get(0), "WITH")));
            } else if (unquoted(items.get(i)).equalsIgnoreCase("tenant_id")
                    && !(i + PREDICATE.size() <= items.size() && items.subList(i, i + PREDICATE.size()).equals(PREDICATE))) {
                throw refused("tenant_id other than in the tenant predicate (as an alias it would stand for the column)");
            }
        }
        if (!query) {
            return;
        }
        int start = 0;
        for (int i = 0; i <= items.size(); i++) {
            if (i == items.size() || SET_OPERATORS.contains(word(items.get(i)))) {
                select(items.subList(start, i));
                start = i + 1;
            }
        }
    }

    /** One SELECT (its nested groups already checked): each table it reads forces its WHERE to start with the predicate. */
    private static void select(List<Object> items) {
        boolean readsTable = false;
        boolean inFrom = false;
        for (int i = 0; i < items.size(); i++) {
            String word = word(items.get(i));
            if (FROM_CLAUSE_END.contains(word)) {
                inFrom = false;
            } else if (inFrom && ",".equals(items.get(i))) {
                throw refused("a comma join; join a scoped subquery");
            }
            boolean join = word.equals("JOIN") && !(i > 0 && is(items.get(i - 1), "ARRAY"));
            if (!word.equals("FROM") && !join) {
                continue;
            }
            inFrom = true;
            Object source = i + 1 < items.size() ? items.get(i + 1) : null;
            if (source == null || source instanceof Group) {
                continue;
            }
            if (join) {
                throw refused("a table joined directly (" + source + "); join a scoped subquery");
            }
            if (i + 2 < items.size() && items.get(i + 2) instanceof Group) {
                throw refused("a table function (" + source + ")");
            }
            readsTable = true;
        }
        if (readsTable) {
            requireScopedWhere(items);
        }
    }

    private static void requireScopedWhere(List<Object> items) {
        int where = 0;
        while (where < items.size() && !is(items.get(where), "WHERE")) {
            where++;
        }
        int end = where + 1 + PREDICATE.size();
        if (end > items.size() || !items.subList(where + 1, end).equals(PREDICATE)) {
            throw refused("a table read whose WHERE does not start with " + TelemetrySql.TENANT_PREDICATE);
        }
        if (end < items.size() && !is(items.get(end), "AND") && !AFTER_WHERE.contains(word(items.get(end)))) {
            throw refused("the tenant predicate followed by " + items.get(end) + " instead of AND");
        }
        for (int i = end; i < items.size() && !AFTER_WHERE.contains(word(items.get(i))); i++) {
            if (is(items.get(i), "OR")) {
                throw refused("an OR beside the tenant predicate; put it in parentheses");
            }
        }
    }

    private static Group group(List<String> tokens, int[] next, boolean nested) {
        List<Object> items = new ArrayList<>();
        while (next[0] < tokens.size()) {
            String token = tokens.get(next[0]++);
            if (token.equals("(")) {
                items.add(group(tokens, next, true));
            } else if (token.equals(")")) {
                if (!nested) {
                    throw refused("unbalanced parentheses");
                }
                return new Group(items);
            } else {
                items.add(token);
            }
        }
        if (nested) {
            throw refused("unbalanced parentheses");
        }
        return new Group(items);
    }

    /** Words (with dots), quoted strings and identifiers, {@code {name:Type}} placeholders, and single symbols. */
    private static List<String> tokens(String sql) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '#' || sql.startsWith("--", i) || sql.startsWith("/*", i)) {
                throw refused("a comment");
            }
            int end;
            if (c == '\'' || c == '"' || c == '`') {
                end = closingQuote(sql, i);
            } else if (c == '{') {
                end = sql.indexOf('}', i) + 1;
                if (end == 0) {
                    throw refused("an unterminated placeholder");
                }
            } else if (isWordPart(c)) {
                end = i;
                while (end < sql.length() && isWordPart(sql.charAt(end))) {
                    end++;
                }
            } else {
                end = i + 1;
            }
            tokens.add(sql.substring(i, end));
            i = end;
        }
        return tokens;
    }

    private static int closingQuote(String sql, int open) {
        char quote = sql.charAt(open);
        int i = open + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote && i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        throw refused("an unterminated quote");
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
    }

    private static String unquoted(Object item) {
        return item instanceof String token ? token.replaceAll("^[\"`]|[\"`]$", "") : "";
    }

    private static String word(Object item) {
        return item instanceof String token ? token.toUpperCase(Locale.ROOT) : "";
    }

    private static boolean is(Object item, String word) {
        return item instanceof String token && token.equalsIgnoreCase(word);
    }

    private static IllegalStateException refused(String what) {
        return new IllegalStateException("a telemetry query must read every table under the tenant predicate; found " + what);
    }
}
