package io.telemetryflow.platform.migration;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Whether the ClickHouse schema is current, as the migration last found it; read by readiness. */
@ApplicationScoped
public class ClickHouseSchemaStatus {

    private volatile String problem = "ClickHouse schema not migrated yet";
    private volatile boolean needsPerson;

    public void current() {
        problem = null;
        needsPerson = false;
    }

    /** Migration could not finish; {@code needsPerson} when retrying cannot help (history contradicts files). */
    public void failed(String problem, boolean needsPerson) {
        this.problem = problem;
        this.needsPerson = needsPerson;
    }

    /** Empty when the schema is current; otherwise what is wrong. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    public boolean needsPerson() {
        return needsPerson;
    }
}
