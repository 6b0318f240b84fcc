package io.telemetryflow.console.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.MalformedURLException;

/**
 * Serves the web console ({@link ConsolePaths}): its routes get its {@code index.html}, its pages the security and
 * caching headers. Requests to the server's own paths pass untouched. Mapped for direct requests only, so the
 * forward to {@code index.html} is not judged again.
 */
@WebFilter("/*")
public class ConsoleFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        ConsolePaths.Plan plan = ConsolePaths.plan(request.getMethod(), path, this::exists);
        if (plan.untouched()) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Content-Security-Policy", plan.contentSecurityPolicy());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        if (plan.cacheControl() != null) {
            response.setHeader("Cache-Control", plan.cacheControl());
        }
        if (plan.toIndex()) {
            request.getRequestDispatcher(ConsolePaths.INDEX).forward(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean exists(String path) {
        try {
            return getServletContext().getResource(path) != null;
        } catch (MalformedURLException e) {
            return false;   // no path the application could have a file at
        }
    }
}
