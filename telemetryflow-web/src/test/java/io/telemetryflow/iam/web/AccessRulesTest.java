package io.telemetryflow.iam.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.HttpMethod;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every JAX-RS resource method of the web module declares exactly one access rule naming a known
 * permission, so an endpoint added without a rule fails the build here, before any server starts
 * (the system test AuthorizationMatrixIT then checks every rule against the running server).
 */
class AccessRulesTest {

    @Test
    void everyResourceMethodHasExactlyOneValidRule() throws Exception {
        List<Method> resourceMethods = resourceMethods();
        assertThat(resourceMethods).as("resource methods found").hasSizeGreaterThanOrEqualTo(5);
        List<String> problems = new ArrayList<>();
        for (Method method : resourceMethods) {
            try {
                if (AccessRule.of(method).missing()) {
                    problems.add(method + " has no access rule");
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                problems.add(method + ": " + e.getMessage());
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Methods with an HTTP method annotation in every class compiled into this module. */
    static List<Method> resourceMethods() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(AccessRule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Method> methods = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, AccessRulesTest.class.getClassLoader());
                Arrays.stream(type.getDeclaredMethods()).filter(AccessRulesTest::isResourceMethod).forEach(methods::add);
            }
        }
        return methods;
    }

    private static boolean isResourceMethod(Method method) {
        return Arrays.stream(method.getAnnotations()).anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class));
    }
}
