package io.telemetryflow.platform.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.stream.Collectors;

/** Bean Validation failures on request bodies and parameters: 400 naming the first field at fault. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        var violations = exception.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .toList();
        if (violations.isEmpty()) {
            return Problem.of(400, "invalid request", null).toResponse();
        }
        String detail = violations.stream().map(v -> field(v) + ": " + v.getMessage()).collect(Collectors.joining("; "));
        return Problem.of(400, detail, field(violations.get(0))).toResponse();
    }

    /** The last node of the path: "create.arg0.email" → "email"; a missing body → "body". */
    static String field(ConstraintViolation<?> violation) {
        String name = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null) {
                name = node.getName();
            }
        }
        return name == null || name.startsWith("arg") ? "body" : name;
    }
}
