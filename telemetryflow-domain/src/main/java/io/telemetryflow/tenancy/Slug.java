package io.telemetryflow.tenancy;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * URL-safe identifier of a region, organization, workspace or tenant, unique among its siblings.
 * Lower-case letters, digits and single hyphens, 1 to 63 characters (a DNS label), so a slug can
 * appear in host names, paths and ClickHouse partition names without escaping.
 */
public record Slug(String value) {

    public static final int MAX_LENGTH = 63;
    private static final Pattern VALID = Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,62}");

    public Slug {
        Objects.requireNonNull(value, "slug");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid slug '" + value
                    + "': use 1-63 lower-case letters, digits and single hyphens, not starting or ending with a hyphen");
        }
    }

    /** Derives a slug from a display name: "Backend Team (EU)" becomes "backend-team-eu". */
    public static Slug fromName(String name) {
        Objects.requireNonNull(name, "name");
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        if (slug.isEmpty()) {
            throw new IllegalArgumentException("cannot derive a slug from '" + name + "': it has no letters or digits");
        }
        return new Slug(slug);
    }

    @Override
    public String toString() {
        return value;
    }
}
