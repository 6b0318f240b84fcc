package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.telemetryflow.iam.RoleMatrix;
import io.telemetryflow.iam.SystemRole;
import io.telemetryflow.iam.web.AccessRule;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the running server's route table (its OpenAPI document) × anonymous and each of
 * the five roles → the status its access rule demands: 401 without a token, 403 for a role without
 * the permission, and for everyone allowed neither 401 nor 403 (nor any 5xx: calls carry random ids
 * and empty bodies, so they end in 400 or 404 or succeed harmlessly). An operation whose Java method
 * has no rule fails the test, so a new endpoint without one cannot pass the build. Which role holds a
 * permission comes from {@link RoleMatrix}, a table written out in the domain module's tests, not from
 * the production grants ({@code SystemRole}), so a wrong grant shows here as a wrong status.
 */
class AuthorizationMatrixIT extends DeployedEar {

    private static final Map<DemoUser, SystemRole> ROLES = new EnumMap<>(Map.of(
            DemoUser.SUPER_ADMINISTRATOR, SystemRole.SUPER_ADMINISTRATOR, DemoUser.ADMINISTRATOR, SystemRole.ADMINISTRATOR,
            DemoUser.DEVELOPER, SystemRole.DEVELOPER, DemoUser.VIEWER, SystemRole.VIEWER, DemoUser.DEMO, SystemRole.DEMO));

    record Operation(String method, String path, String operationId, AccessRule rule) {
        boolean endsSession() {
            return path.endsWith("/auth/logout") || path.endsWith("/auth/session/logout");
        }

        /** The console's refresh: its credential is the session cookie, which these calls lack, so it answers 401 itself. */
        boolean needsSessionCookie() {
            return path.endsWith("/auth/session/refresh");
        }
    }

    @Test
    void everyOperationAnswersEveryRoleAsItsRuleSays() throws Exception {
        List<Operation> operations = routeTable();
        assertThat(operations).as("operations in the route table").hasSizeGreaterThanOrEqualTo(5);
        assertThat(operations).extracting(Operation::path).as("the console's cookie endpoints are in the table")
                .contains("/api/v2/auth/session/login", "/api/v2/auth/session/validate-mfa", "/api/v2/auth/session/refresh",
                        "/api/v2/auth/session/logout", "/api/v2/auth/session/complete-password-change");
        assertThat(operations).extracting(Operation::path).as("the first sign-in's password change is in the table")
                .contains("/api/v2/auth/complete-password-change");
        assertThat(operations).extracting(Operation::path).as("alerting's endpoints are in the table")
                .contains("/api/v2/alerts", "/api/v2/alerts/rules", "/api/v2/alerts/rules/{id}", "/api/v2/alerts/rules/preview",
                        "/api/v2/alerts/rules/{id}/history", "/api/v2/alerts/rules/{id}/stats",
                        "/api/v2/alerts/rules/{id}/instances/{fingerprint}/acknowledge", "/api/v2/alerts/rule-templates",
                        "/api/v2/alerts/rule-templates/import");
        Map<DemoUser, String> tokens = new EnumMap<>(DemoUser.class);
        for (DemoUser user : DemoUser.values()) {
            tokens.put(user, user.login());
        }
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (Operation operation : operations) {
            mismatches.addAll(check(operation, "anonymous", null, expectedFor(operation.rule(), Optional.empty())));
            for (DemoUser user : DemoUser.values()) {
                String token = operation.endsSession() ? user.login() : tokens.get(user);
                mismatches.addAll(check(operation, user.name(), token, expectedFor(operation.rule(), Optional.of(ROLES.get(user)))));
                checked++;
            }
        }
        assertThat(mismatches).as("calls answered against their rule (" + checked + " role calls)").isEmpty();
    }

    /** 401, 403, or 0 for "allowed" (anything but 401/403). */
    private static int expectedFor(AccessRule rule, Optional<SystemRole> role) {
        if (rule.anonymous()) {
            return 0;
        }
        if (role.isEmpty()) {
            return 401;
        }
        if (rule.authenticated()) {
            return 0;
        }
        return RoleMatrix.grants(role.get(), rule.permission().orElseThrow().toString()) ? 0 : 403;
    }

    private static List<String> check(Operation operation, String who, String token, int expected) throws IOException, InterruptedException {
        String path = operation.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        String body = Arrays.asList("POST", "PUT", "PATCH").contains(operation.method()) ? "{}" : null;
        // the console's header, which its cookie endpoints demand (SameOriginFilter); the other endpoints ignore it
        HttpResponse<String> response = call(operation.method(), path.substring("/api/v2".length()), token, body, "X-TelemetryFlow-CSRF", "1");
        int status = response.statusCode();
        String label = operation.method() + " " + operation.path() + " as " + who + " → " + status;
        List<String> problems = new ArrayList<>();
        if (status >= 500) {
            problems.add(label + " (server error: " + response.body() + ")");
        } else if (expected == 0 && operation.needsSessionCookie()) {
            // let through by its rule, it is the endpoint that refuses: for want of the cookie, not of an access token
            if (status != 401 || !json(response.body()).getString("detail").contains("no session cookie")) {
                problems.add(label + ", expected the endpoint's own 401 for want of the cookie: " + response.body());
            }
        } else if (expected == 0 && (status == 401 || status == 403)) {
            problems.add(label + ", expected to be allowed: " + response.body());
        } else if (expected != 0 && status != expected) {
            problems.add(label + ", expected " + expected);
        }
        return problems;
    }

    /** The deployed server's operations, each with the access rule of the Java method behind it. */
    private static List<Operation> routeTable() throws Exception {
        JsonObject openApi = json(TestEnvironment.get(TestEnvironment.HTTP + "/openapi?format=JSON").body());
        Map<String, Method> methods = resourceMethodsByOperationId();
        List<Operation> operations = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, jakarta.json.JsonValue> path : openApi.getJsonObject("paths").entrySet()) {
            if (!path.getKey().startsWith("/api/v2/")) {
                continue;
            }
            for (Map.Entry<String, jakarta.json.JsonValue> verb : path.getValue().asJsonObject().entrySet()) {
                String httpMethod = verb.getKey().toUpperCase(Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(httpMethod)) {
                    continue;
                }
                String operationId = verb.getValue().asJsonObject().getString("operationId", "");
                Method method = methods.get(operationId);
                if (method == null) {
                    unknown.add(httpMethod + " " + path.getKey() + " (operationId '" + operationId + "')");
                    continue;
                }
                AccessRule rule = AccessRule.of(method);
                assertThat(rule.missing()).as(httpMethod + " " + path.getKey() + " has an access rule").isFalse();
                operations.add(new Operation(httpMethod, path.getKey(), operationId, rule));
            }
        }
        assertThat(unknown).as("operations whose Java method was not found").isEmpty();
        return operations;
    }

    /** Resource methods of the web module, keyed as SmallRye's CLASS_METHOD strategy names operations. */
    private static Map<String, Method> resourceMethodsByOperationId() throws IOException, URISyntaxException, ClassNotFoundException {
        Path jar = Path.of(AccessRule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, Method> byId = new HashMap<>();
        try (JarFile classes = new JarFile(jar.toFile())) {
            for (var entry : classes.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                String name = entry.getName().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, AuthorizationMatrixIT.class.getClassLoader());
                for (Method method : type.getDeclaredMethods()) {
                    if (Arrays.stream(method.getAnnotations()).anyMatch(a -> a.annotationType().isAnnotationPresent(jakarta.ws.rs.HttpMethod.class))) {
                        byId.put(type.getSimpleName() + "_" + method.getName(), method);
                    }
                }
            }
        }
        return byId;
    }
}
