package io.telemetryflow.tenancy;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A geographic/legal area whose data stays together (e.g. eu-west for GDPR); its slug is called a code. */
@Entity
@Table(name = "regions")
@AttributeOverride(name = "slug", column = @Column(name = "code", nullable = false))
public class Region extends TenancyNode {

    protected Region() {
    }

    public Region(Slug code, String name, String actor, Instant now) {
        super(code, name, actor, now);
    }
}
