package io.telemetryflow.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/** A level of the tenancy hierarchy: a slug unique among its live siblings, a display name, an active flag. */
@MappedSuperclass
public abstract class TenancyNode extends AuditedEntity {

    @Column(nullable = false)
    private String slug;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private boolean active = true;

    protected TenancyNode() {
    }

    protected TenancyNode(Slug slug, String name, String actor, Instant now) {
        super(actor, now);
        this.slug = slug.value();
        this.name = name;
    }

    /** Renames the node and switches it on or off; the slug stays, since paths and keys may name it. */
    public void change(String name, boolean active, String actor, Instant now) {
        this.name = name;
        this.active = active;
        touched(actor, now);
    }

    public Slug getSlug() {
        return new Slug(slug);
    }

    public String getName() {
        return name;
    }

    public boolean isActive() {
        return active;
    }
}
