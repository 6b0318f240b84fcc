package io.telemetryflow.apikey;

import static io.telemetryflow.platform.json.Jsonp.JSON;

import io.telemetryflow.iam.Permission;
import io.telemetryflow.platform.security.Argon2idHasher;
import io.telemetryflow.platform.security.PrivateFile;
import io.telemetryflow.tenancy.DefaultTenancy;
import io.telemetryflow.tenancy.TenancyBootstrap.DefaultTenancyIds;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * For the one-command local run only: when {@code telemetryflow.bootstrap.api-key-file} names a
 * file, makes sure it holds a working ingest key for the default tenant, creating one if the file
 * is missing or its key no longer works. The secret exists only in that file (mode 600) and as a
 * hash; it is never logged. Without the setting (production) nothing happens.
 */
@Stateless
public class ApiKeyBootstrap {

    private static final Logger LOG = Logger.getLogger(ApiKeyBootstrap.class.getName());
    static final List<Permission> INGEST = List.of(Permission.METRICS_WRITE, Permission.LOGS_WRITE, Permission.TRACES_WRITE);

    @Inject
    @ConfigProperty(name = "telemetryflow.bootstrap.api-key-file")
    Optional<String> keyFile;

    @Inject
    ApiKeyStore store;

    @Inject
    ApiKeyVerifier verifier;

    public void ensureBootstrapKey(DefaultTenancyIds tenancy) {
        if (keyFile.isEmpty() || keyFile.get().isBlank()) {
            return;
        }
        Path file = Path.of(keyFile.get());
        if (existingKeyWorks(file)) {
            return;
        }
        SecureRandom random = new SecureRandom();
        ApiKeyId id = ApiKeyId.generate(random);
        ApiKeySecret secret = ApiKeySecret.generate(random);
        store.create(new ApiKey(id, "bootstrap ingest key", Argon2idHasher.owaspDefaults().hash(secret.reveal()),
                ApiKeyScope.tenant(tenancy.organizationId(), tenancy.workspaceId(), tenancy.tenantId()), INGEST, null,
                DefaultTenancy.SYSTEM_ACTOR, Instant.now()));
        PrivateFile.write(file, JSON.createObjectBuilder().add("apiKeyId", id.value()).add("apiKeySecret", secret.reveal()).build().toString());
        LOG.info(() -> "Created bootstrap ingest API key " + id + " for the default tenant; credentials in " + file);
    }

    private boolean existingKeyWorks(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(Files.readString(file, StandardCharsets.UTF_8)))) {
            JsonObject json = reader.readObject();
            // the node checking its own file: "bootstrap" stands in for a client address in the failure budget
            return verifier.verify(json.getString("apiKeyId", null), json.getString("apiKeySecret", null), "bootstrap")
                    .accepted().isPresent();
        } catch (IOException | RuntimeException e) {
            LOG.warning("Bootstrap API key file " + file + " is unreadable (" + e.getClass().getSimpleName() + "); creating a new key");
            return false;
        }
    }
}
