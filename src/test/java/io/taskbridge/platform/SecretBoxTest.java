package io.taskbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskbridge.platform.Secret;
import io.taskbridge.platform.Database;
import io.taskbridge.sync.ConnectionSecrets;
import io.taskbridge.testing.Databases;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Credentials kept in the database are sealed with AES-GCM and bound to their row. */
class SecretBoxTest {
    static final Secret KEY = new Secret(Base64.getEncoder().encodeToString(new byte[32]));

    @Test
    void sealsOpensAndRefusesTamperingOtherRowsAndOtherKeys() {
        SecretBox box = new SecretBox(KEY, new SecureRandom());
        String sealed = box.seal(new Secret("hook-value-42"), "awork/webhook");
        assertThat(sealed).startsWith("v1:").doesNotContain("hook-value-42");
        assertThat(box.seal(new Secret("hook-value-42"), "awork/webhook")).isNotEqualTo(sealed);
        assertThat(box.open(sealed, "awork/webhook").value()).isEqualTo("hook-value-42");
        assertThatThrownBy(() -> box.open(sealed, "taskapi/webhook")).isInstanceOf(IllegalArgumentException.class);
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open("v1:" + Base64.getEncoder().encodeToString(raw), "awork/webhook"))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] other = new byte[32];
        other[0] = 1;
        assertThatThrownBy(() -> new SecretBox(new Secret(Base64.getEncoder().encodeToString(other)), new SecureRandom())
                .open(sealed, "awork/webhook")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretBox(new Secret("c2hvcnQ="), new SecureRandom()))
                .hasMessageContaining("16, 24 or 32 bytes");
    }

    @Test
    void theDatabaseHoldsOnlySealedValues() {
        try (Database db = Databases.open(Databases.Kind.SQLITE)) {
            ConnectionSecrets secrets = new ConnectionSecrets(db.jdbi(), Optional.of(new SecretBox(KEY, new SecureRandom())));
            secrets.put("taskapi", "webhook_hmac", new Secret("whsec-123"));
            String row = db.jdbi().withHandle(h -> h.createQuery("SELECT sealed FROM connection_secrets").mapTo(String.class).one());
            assertThat(row).doesNotContain("whsec-123");
            assertThat(secrets.get("taskapi", "webhook_hmac")).map(Secret::value).contains("whsec-123");
            assertThat(new ConnectionSecrets(db.jdbi(), Optional.empty()).get("taskapi", "webhook_hmac")).isEmpty();
        }
    }
}
