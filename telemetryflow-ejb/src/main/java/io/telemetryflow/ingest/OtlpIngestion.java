package io.telemetryflow.ingest;

import io.telemetryflow.apikey.ApiKeyId;
import io.telemetryflow.apikey.ApiKeyPrincipal;
import io.telemetryflow.apikey.ApiKeyUsage;
import io.telemetryflow.apikey.ApiKeyVerdict;
import io.telemetryflow.apikey.ApiKeyVerifier;
import io.telemetryflow.iam.Permission;
import io.telemetryflow.ingest.IngestionMetrics.RequestOutcome;
import io.telemetryflow.ingest.otlp.OtlpAttributeLimits;
import io.telemetryflow.ingest.otlp.OtlpCodec;
import io.telemetryflow.ingest.otlp.OtlpEncoding;
import io.telemetryflow.ingest.otlp.OtlpException;
import io.telemetryflow.ingest.otlp.OtlpItems;
import io.telemetryflow.ingest.otlp.OtlpRequest;
import io.telemetryflow.ingest.otlp.OtlpSignal;
import io.telemetryflow.ingest.otlp.OtlpValidation;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.messaging.PlatformQueue;
import io.telemetryflow.platform.messaging.QueueStatsService;
import io.telemetryflow.platform.ratelimit.RateLimiter;
import io.telemetryflow.tenancy.TenantDirectory;
import io.telemetryflow.tenancy.TenantPlacement;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One OTLP export request: authenticate the key, check its permission for the signal, decode and
 * validate the payload, keep only what the key may write (see {@link TenantNarrowing}), and put the
 * accepted part on the persistent {@code otlp-ingestion} queue, one message per tenant. The sends are
 * part of this method's transaction, so the caller answers 200 only after the broker has every batch
 * on disk, and a failure queues none of them.
 */
@Stateless
public class OtlpIngestion {

    private static final Logger LOG = Logger.getLogger(OtlpIngestion.class.getName());
    private static final int RETRY_AFTER_SECONDS = 5;

    @Inject
    ApiKeyVerifier keys;

    @Inject
    ApiKeyUsage keyUsage;

    @Inject
    QueueStatsService queues;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    IngestionMetrics metrics;

    @Inject
    TenantDirectory tenants;

    @Inject
    IngestQueues ingestQueues;

    @Inject
    @ConfigProperty(name = "telemetryflow.ingest.max-body-bytes", defaultValue = "20971520")
    long maxBodyBytes;

    /**
     * Bytes queued for storage (otlp-ingestion and otlp-batches, paged to disk beyond their memory share) beyond which
     * new requests get 503 instead of growing the backlog.
     */
    @Inject
    @ConfigProperty(name = "telemetryflow.ingest.max-backlog-bytes", defaultValue = "1073741824")
    long maxBacklogBytes;

    /** Shape limits on what a request carries (docs/configuration.md). */
    @Inject
    @ConfigProperty(name = "telemetryflow.ingest.max-items-per-request", defaultValue = "100000")
    long maxItemsPerRequest;

    @Inject
    @ConfigProperty(name = "telemetryflow.ingest.max-attributes", defaultValue = "128")
    int maxAttributes;

    @Inject
    @ConfigProperty(name = "telemetryflow.ingest.max-attribute-key-length", defaultValue = "256")
    int maxAttributeKeyLength;

    @Inject
    @ConfigProperty(name = "telemetryflow.ingest.max-attribute-value-length", defaultValue = "65536")
    int maxAttributeValueLength;

    /** How far in the future an item's timestamps may lie (senders' clocks drift). */
    @Inject
    @ConfigProperty(name = "telemetryflow.ingest.max-future-skew", defaultValue = "PT1H")
    Duration maxFutureSkew;

    /** Requests per API key and minute, counted across the cluster. */
    @Inject
    @ConfigProperty(name = "telemetryflow.ingest.rate-limit-per-minute", defaultValue = "1000")
    long rateLimitPerMinute;

    private OtlpCodec codec;
    private OtlpAttributeLimits attributeLimits;

    @PostConstruct
    void init() {
        codec = new OtlpCodec(maxBodyBytes);
        attributeLimits = new OtlpAttributeLimits(maxAttributes, maxAttributeKeyLength, maxAttributeValueLength);
    }

    /**
     * @param declaredLength the request's Content-Length, -1 when it is chunked: a body declared larger than the limit
     *        is refused without reading it
     * @param clientAddress the client's address ({@code ClientAddresses}), whose failed authentications are limited
     */
    public IngestResponse ingest(OtlpSignal signal, String contentType, String contentEncoding, long declaredLength,
                                 String clientAddress, String keyId, String keySecret, InputStream body) throws IOException {
        OtlpEncoding encoding = OtlpEncoding.ofResponseTo(contentType);
        ApiKeyVerdict verdict;
        try {
            verdict = keys.verify(keyId, keySecret, clientAddress);
        } catch (Rejected busyOrThrottled) {
            // too many failures from the address (429) or no Argon2id permit in time (503): the key was not judged
            metrics.request(signal, "", busyOrThrottled.reason() == Rejected.Reason.TOO_MANY_REQUESTS
                    ? RequestOutcome.THROTTLED : RequestOutcome.BUSY);
            return IngestResponse.refused(encoding, busyOrThrottled);
        }
        if (verdict.accepted().isEmpty()) {
            LOG.fine(() -> "OTLP request rejected: " + verdict.failure());
            metrics.request(signal, "", RequestOutcome.UNAUTHORIZED);
            return IngestResponse.error(encoding, 401, 16, "missing or invalid API key (X-API-Key-ID, X-API-Key-Secret)");
        }
        ApiKeyPrincipal principal = verdict.accepted().get();
        keyUsage.record(principal.id());   // in memory; written in batches
        // the key's own tenant labels its requests and the items it has rejected; org/workspace keys have none
        String keyTenant = principal.scope().tenantId() == null ? "" : principal.scope().tenantId().toString();
        Permission needed = permissionFor(signal);
        if (!principal.has(needed)) {
            metrics.request(signal, keyTenant, RequestOutcome.FORBIDDEN);
            return IngestResponse.error(encoding, 403, 7, "API key lacks permission " + needed);
        }
        RateLimiter.Decision rate = rateLimiter.tryAcquire("otlp:" + principal.keyId(), rateLimitPerMinute);
        if (!rate.allowed()) {
            metrics.request(signal, keyTenant, RequestOutcome.THROTTLED);
            return IngestResponse.error(encoding, 429, 8, "rate limit of " + rateLimitPerMinute + " requests per minute exceeded for API key "
                    + principal.keyId()).retryAfter(rate.retryAfterSeconds());
        }
        if (backlogBytes() > maxBacklogBytes) {
            metrics.request(signal, keyTenant, RequestOutcome.BACKLOG);
            return IngestResponse.error(encoding, 503, IngestResponse.UNAVAILABLE, "ingestion backlog is full, retry later").retryAfter(RETRY_AFTER_SECONDS);
        }
        OtlpRequest request;
        try {
            request = codec.decode(signal, contentType, contentEncoding, declaredLength, body);
            OtlpItems.requireAtMost(maxItemsPerRequest, request);
        } catch (OtlpException e) {
            metrics.request(signal, keyTenant, RequestOutcome.INVALID);
            return IngestResponse.of(e.httpStatus(), e.responseEncoding().mediaType(), codec.encodeError(e));
        }
        OtlpValidation.Result valid = OtlpValidation.validate(request, oldestStorableNanos(signal),
                epochNanos(Instant.now().plus(maxFutureSkew)), attributeLimits);
        TenantNarrowing.Result scoped = TenantNarrowing.apply(valid.accepted(), principal.scope(), tenants::findActive);
        long rejected = valid.rejected() + scoped.rejected();
        String message = Stream.of(valid.errorMessage(), scoped.errorMessage())
                .filter(text -> !text.isEmpty()).collect(Collectors.joining("; "));
        scoped.byTenant().forEach((tenant, part) -> {
            long items = OtlpItems.count(part);
            if (items > 0) {
                enqueue(part, tenant, principal.keyId());
                metrics.items(signal, tenant.tenantId().toString(), items, 0);
            }
        });
        metrics.items(signal, keyTenant, 0, rejected); // rejected items may name no tenant at all
        metrics.request(signal, keyTenant, RequestOutcome.ACCEPTED);
        return IngestResponse.of(200, request.encoding().mediaType(),
                OtlpCodec.encode(request.encoding(), signal.response(rejected, message)));
    }

    private void enqueue(OtlpRequest request, TenantPlacement tenant, ApiKeyId keyId) {
        try {
            ingestQueues.sendRequest(request, tenant, keyId);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot build the ingestion message", e);
        }
    }

    private long backlogBytes() {
        return queues.persistentSize(PlatformQueue.OTLP_INGESTION).orElse(0) + queues.persistentSize(PlatformQueue.OTLP_BATCHES).orElse(0);
    }

    /**
     * The oldest item time the store keeps: the tables' TTLs (30 days for traces and logs, 90 for metrics, in
     * the V2-V4 ClickHouse migrations) less an hour, so that nothing accepted now has expired by the time it is
     * inserted. ClickHouse drops expired rows silently, so they are rejected here, where the client hears of it.
     */
    static long oldestStorableNanos(OtlpSignal signal) {
        Duration retention = signal == OtlpSignal.METRICS ? Duration.ofDays(90) : Duration.ofDays(30);
        return epochNanos(Instant.now().minus(retention).plus(Duration.ofHours(1)));
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    static Permission permissionFor(OtlpSignal signal) {
        return switch (signal) {
            case TRACES -> Permission.TRACES_WRITE;
            case METRICS -> Permission.METRICS_WRITE;
            case LOGS -> Permission.LOGS_WRITE;
        };
    }
}
