package io.telemetryflow.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A geographic/legal area whose data stays together (e.g. eu-west for GDPR). */
@Entity
@Table(name = "regions")
public class Region extends AuditedEntity {

    @Column(nullable = false)
    private String code;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private boolean active = true;

    protected Region() {
    }

    public Region(Slug code, String name, String actor, Instant now) {
        super(actor, now);
        this.code = code.value();
        this.name = name;
    }

    public Slug getCode() {
        return new Slug(code);
    }

    public String getName() {
        return name;
    }

    public boolean isActive() {
        return active;
    }
}
