package io.telemetryflow.apikey;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** Reads and writes API keys in PostgreSQL. */
@Stateless
public class ApiKeyStore {

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    public Optional<ApiKey> find(ApiKeyId keyId) {
        return em.createQuery("SELECT k FROM ApiKey k WHERE k.keyId = :keyId", ApiKey.class)
                .setParameter("keyId", keyId.value())
                .getResultStream().findFirst();
    }

    /** The snapshot verification needs, or empty for an unknown id. */
    public Optional<ApiKeyVerifier.StoredKey> findForVerification(ApiKeyId keyId) {
        return find(keyId).map(ApiKey::toStoredKey);
    }

    public ApiKey create(ApiKey key) {
        em.persist(key);
        return key;
    }
}
