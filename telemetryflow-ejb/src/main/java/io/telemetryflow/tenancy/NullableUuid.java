package io.telemetryflow.tenancy;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.UUID;

/**
 * Passes a nullable {@code uuid} column through unchanged. EclipseLink 4.0's built-in UUID conversion throws a
 * NullPointerException on reading SQL NULL, which organization- and workspace-scoped keys have in workspace_id
 * and tenant_id; a JPA converter replaces it, and the PostgreSQL driver already maps uuid to {@link UUID}.
 */
@Converter
public class NullableUuid implements AttributeConverter<UUID, Object> {

    @Override
    public Object convertToDatabaseColumn(UUID value) {
        return value;
    }

    @Override
    public UUID convertToEntityAttribute(Object column) {
        return column == null ? null : column instanceof UUID uuid ? uuid : UUID.fromString(column.toString());
    }
}
