package io.telemetryflow.audit;

import io.telemetryflow.iam.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Reads the audit trail for the audit API, within the caller's reach ({@link AuditLogSql#scope}). */
@ApplicationScoped
public class AuditLogs {

    @Inject
    AuditLogStore store;

    public AuditLogPage find(Caller caller, AuditLogFilter filter) {
        List<AuditLogEntry> rows = store.find(AuditLogSql.page(caller, filter));
        boolean more = rows.size() > filter.limit();
        return new AuditLogPage(more ? List.copyOf(rows.subList(0, filter.limit())) : rows, filter.limit(), filter.offset(), more,
                filter.from(), filter.to());
    }
}
