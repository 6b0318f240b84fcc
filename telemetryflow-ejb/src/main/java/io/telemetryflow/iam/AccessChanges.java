package io.telemetryflow.iam;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Drops users' cached access when an IAM change affects them: at once and again when the transaction
 * has ended, so a request that re-reads the access while the change is being committed cannot leave
 * the old answer in the cache.
 */
@ApplicationScoped
public class AccessChanges {

    @Inject
    AccessDirectory access;

    @Resource
    TransactionSynchronizationRegistry transactions;

    public void forget(UUID userId) {
        forget(List.of(userId));
    }

    public void forget(Collection<UUID> userIds) {
        List<UUID> users = List.copyOf(userIds);
        users.forEach(access::forget);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                users.forEach(access::forget);
            }
        });
    }
}
