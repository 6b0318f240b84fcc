package io.telemetryflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlugTest {

    @Test
    void derivesSlugFromDisplayName() {
        assertThat(Slug.fromName("Backend Team (EU)").value()).isEqualTo("backend-team-eu");
        assertThat(Slug.fromName("  Équipe Données ").value()).isEqualTo("equipe-donnees");
    }

    @Test
    void truncatesLongNamesWithoutTrailingHyphen() {
        Slug slug = Slug.fromName("a".repeat(62) + " b");
        assertThat(slug.value()).hasSizeLessThanOrEqualTo(Slug.MAX_LENGTH).doesNotEndWith("-");
    }

    @Test
    void refusesNameWithoutLettersOrDigits() {
        assertThatThrownBy(() -> Slug.fromName("!!! ---")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no letters or digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-prod", "prod-", "Prod", "pro--d", "pro_d", "a b", "x'; DROP TABLE t; --"})
    void rejectsInvalidSlugs(String value) {
        assertThatThrownBy(() -> new Slug(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid slug");
    }

    @Test
    void acceptsDnsLabelShapedSlugs() {
        assertThat(new Slug("production").value()).isEqualTo("production");
        assertThat(new Slug("eu-west-1").value()).isEqualTo("eu-west-1");
        assertThatThrownBy(() -> new Slug("a".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hierarchyLevelsKnowTheirParent() {
        assertThat(TenancyLevel.TENANT.parent()).isEqualTo(TenancyLevel.WORKSPACE);
        assertThat(TenancyLevel.ORGANIZATION.parent()).isEqualTo(TenancyLevel.REGION);
        assertThat(TenancyLevel.REGION.parent()).isNull();
    }
}
