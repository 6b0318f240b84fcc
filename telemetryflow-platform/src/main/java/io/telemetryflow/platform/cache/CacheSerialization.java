package io.telemetryflow.platform.cache;

import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.JavaSerializationFilterConfig;
import java.io.ObjectInputFilter;
import java.util.HashSet;
import java.util.Set;

/**
 * Which classes may be Java-deserialized from the cache cluster, which anyone who can reach a member may write to. The
 * list names exactly our classes that travel there and the JDK classes they are made of; everything else, the JDK's
 * gadget-friendly collections included, is refused. Hazelcast applies it to whatever it deserializes; {@link CacheSeal}
 * applies the value part to the payloads of sealed entries, after their MAC verified.
 */
public final class CacheSerialization {

    /** The values {@link TwoLevelCache} holds (sealed) and what they contain. */
    static final Set<String> VALUE_CLASSES = Set.of(
            "io.telemetryflow.iam.UserAccess", "io.telemetryflow.iam.UserStatus", "io.telemetryflow.iam.Permission",
            "io.telemetryflow.iam.ScopedGrant",
            "io.telemetryflow.apikey.ApiKeyVerdict", "io.telemetryflow.apikey.ApiKeyPrincipal", "io.telemetryflow.apikey.ApiKeyId",
            "io.telemetryflow.apikey.ApiKeyScope",
            "io.telemetryflow.tenancy.TenantPlacement", "io.telemetryflow.tenancy.TenantPlacement$Lookup",
            // UUID fields; Instant (written as java.time.Ser); Set.copyOf/List.copyOf (written as CollSer over an Object[]);
            // the filter sees both the written class and what it resolves to
            "java.util.UUID", "java.time.Ser", "java.time.Instant", "java.util.CollSer", "[Ljava.lang.Object;",
            "java.util.ImmutableCollections$List12", "java.util.ImmutableCollections$ListN",
            "java.util.ImmutableCollections$Set12", "java.util.ImmutableCollections$SetN", "java.lang.Enum");

    /**
     * Also deserialized by Hazelcast: the rate limiter's entry processor (sent to the counter's owner) and the
     * exceptions members answer each other's operations with (Hazelcast's own, with these JDK superclasses and parts).
     */
    static final Set<String> CLUSTER_CLASSES = Set.of(
            "io.telemetryflow.platform.ratelimit.RateLimiter$Increment",
            "java.lang.Throwable", "java.lang.Exception", "java.lang.RuntimeException", "java.lang.IllegalStateException",
            "java.lang.IllegalArgumentException", "java.lang.StackTraceElement", "[Ljava.lang.StackTraceElement;",
            "java.util.Collections$EmptyList", "java.util.Collections$UnmodifiableRandomAccessList", "java.util.ArrayList");

    static final String HAZELCAST_PREFIX = "com.hazelcast.";

    private CacheSerialization() {
    }

    /** Hazelcast's filter: the lists above and Hazelcast's own classes; its default allow-list (all of java*) is off. */
    public static JavaSerializationFilterConfig hazelcastFilter() {
        Set<String> classes = new HashSet<>(VALUE_CLASSES);
        classes.addAll(CLUSTER_CLASSES);
        ClassFilter allowed = new ClassFilter().addClasses(classes.toArray(String[]::new)).addPrefixes(HAZELCAST_PREFIX);
        return new JavaSerializationFilterConfig().setDefaultsDisabled(true).setWhitelist(allowed);
    }

    /** The filter for a sealed entry's payload: the value classes only. */
    static ObjectInputFilter valueFilter() {
        return info -> {
            Class<?> type = info.serialClass();
            if (type == null) {
                return ObjectInputFilter.Status.UNDECIDED;
            }
            return VALUE_CLASSES.contains(type.getName()) ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
        };
    }
}
