package io.taskbridge.sync;

import io.taskbridge.platform.Secret;
import io.taskbridge.platform.SecretBox;
import io.taskbridge.sync.ConnectionDao;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Credentials kept in the database ({@code connection_secrets}), sealed by a {@link SecretBox}.
 * Without {@code TASKBRIDGE_ENCRYPTION_KEY} nothing is stored or read: a credential is never
 * written in the clear.
 */
public final class ConnectionSecrets {
    private final Jdbi jdbi;
    private final Optional<SecretBox> box;

    public ConnectionSecrets(Jdbi jdbi, Optional<SecretBox> box) {
        this.jdbi = jdbi;
        this.box = box;
    }

    public void put(String connection, String name, Secret value) {
        SecretBox b = box.orElseThrow(() -> new IllegalStateException(
                "set TASKBRIDGE_ENCRYPTION_KEY to keep credentials in the database"));
        String sealed = b.seal(value, connection + "/" + name);
        jdbi.useExtension(ConnectionDao.class, dao -> dao.storeSecret(connection, name, sealed));
    }

    public Optional<Secret> get(String connection, String name) {
        if (box.isEmpty()) {
            return Optional.empty();
        }
        return jdbi.withExtension(ConnectionDao.class, dao -> dao.sealedSecret(connection, name))
                .map(sealed -> box.get().open(sealed, connection + "/" + name));
    }
}
