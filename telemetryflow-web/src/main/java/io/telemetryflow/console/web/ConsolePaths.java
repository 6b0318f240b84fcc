package io.telemetryflow.console.web;

import java.util.List;
import java.util.function.Predicate;

/**
 * What the server does with a request by its path (within the application, decoded), for the web console: a
 * single-page application in history mode, whose routes ({@code /services/checkout}) are no files and are answered
 * with its {@code index.html}, while every path the server itself serves keeps its own answer. The console's
 * responses (and the other static pages', Swagger UI's among them: it needs nothing looser) carry a strict
 * Content-Security-Policy; its build's files under {@code /assets/} have content hashes in their names and are cached
 * for good, {@code index.html}, which names them, never.
 */
public final class ConsolePaths {

    // style attributes only (ECharts' tooltips write them in markup); <style> elements and stylesheets stay 'self', and
    // images, so also CSS backgrounds, only 'self' and data:
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    public static final String NO_STORE = "no-store";
    public static final String INDEX = "/index.html";

    /**
     * The application's own paths, each with everything below it: the API, OpenAPI, the live tail, OTLP. (Health and
     * the server's metrics are on the management port, not in this application: /metrics is the console's metrics
     * explorer.)
     */
    private static final List<String> SERVER = List.of("/api", "/openapi", "/ws", "/v1");
    /** Static pages besides the console: the API documentation (Swagger UI) and the files it loads. */
    private static final List<String> DOCS = List.of("/api/docs", "/webjars");
    private static final String ASSETS = "/assets";

    private ConsolePaths() {
    }

    /**
     * How to answer: {@code null} headers are left as they are; {@code toIndex} answers with the console's
     * {@code index.html} instead of the path; {@code untouched} leaves the request to the server entirely.
     */
    public record Plan(boolean untouched, String contentSecurityPolicy, String cacheControl, boolean toIndex) {

        static final Plan UNTOUCHED = new Plan(true, null, null, false);

        static Plan page(String cacheControl, boolean toIndex) {
            return new Plan(false, CONTENT_SECURITY_POLICY, cacheControl, toIndex);
        }
    }

    /** The plan for a request; {@code exists} tells whether the application has a file (or folder) at a path. */
    public static Plan plan(String method, String path, Predicate<String> exists) {
        if (under(DOCS, path)) {
            return Plan.page(null, false);
        }
        if (under(SERVER, path)) {
            return Plan.UNTOUCHED;
        }
        if (path.isEmpty() || path.equals("/") || path.equals(INDEX)) {
            return Plan.page(NO_STORE, false);
        }
        if (under(List.of(ASSETS), path)) {
            // a missing asset's 404 must not be cached for a year: it may be a build that is being deployed
            return Plan.page(exists.test(path) ? IMMUTABLE : NO_STORE, false);
        }
        boolean looksLikeFile = path.substring(path.lastIndexOf('/') + 1).contains(".");
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (read && !looksLikeFile && !exists.test(path)) {
            return Plan.page(NO_STORE, true);
        }
        return Plan.page(null, false);
    }

    /** Whether the path is one of the prefixes or below one (by whole segments: /apis is not below /api). */
    private static boolean under(List<String> prefixes, String path) {
        for (String prefix : prefixes) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
