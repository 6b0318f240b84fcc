package io.telemetryflow.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The names the four levels answer with (404s, audit actions, 409s, permissions) stay those of the API. */
class TenancyKindTest {

    @Test
    void namesAndPermissionsPerLevel() {
        assertThat(TenancyKind.REGION.what).isEqualTo("region");
        assertThat(TenancyKind.ORGANIZATION.plural).isEqualTo("organizations");
        assertThat(TenancyKind.ORGANIZATION.article()).isEqualTo("an");
        assertThat(TenancyKind.WORKSPACE.article()).isEqualTo("a");
        assertThat(TenancyKind.TENANT.permission("create")).isEqualTo(Permission.parse("tenants:create"));
        assertThat(TenancyKind.REGION.slugField).isEqualTo("code");
        assertThat(TenancyKind.TENANT.slugField).isEqualTo("slug");
    }

    @Test
    void placeChecksFollowTheEndpointsBelowTheOrganization() {
        assertThat(TenancyKind.REGION.inPlace).isEmpty();
        assertThat(TenancyKind.ORGANIZATION.inPlace).isEmpty();
        assertThat(TenancyKind.WORKSPACE.inPlace).isEqualTo(Set.of("read", "update"));
        assertThat(TenancyKind.TENANT.inPlace).isEqualTo(Set.of("read", "create", "update", "delete"));
    }

    @Test
    void regionsAnnounceNothing() {
        assertThat(TenancyKind.REGION.announced()).isNull();
        assertThat(TenancyKind.ORGANIZATION.announced()).isEqualTo(TenancyNodeChanged.Level.ORGANIZATION);
        assertThat(TenancyKind.TENANT.announced()).isEqualTo(TenancyNodeChanged.Level.TENANT);
    }
}
