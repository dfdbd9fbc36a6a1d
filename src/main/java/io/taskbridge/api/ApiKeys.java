package io.taskbridge.api;

import io.taskbridge.workspace.KeyRole;
import io.taskbridge.platform.Secret;
import io.taskbridge.platform.WorkspaceId;
import java.util.function.Predicate;
import java.util.function.Supplier;
import io.taskbridge.api.ApiKeyDao;
import io.taskbridge.api.ApiKeyRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The API keys: issued by admins, stored as SHA-256 hashes, looked up by hash, revoked. A key is
 * {@code tb_} and 32 random bytes in base64url; with that much entropy a plain SHA-256 is enough
 * (nobody can guess back from the hash, so a slow password hash would only slow every request).
 * {@code TASKBRIDGE_ADMIN_KEY} is one more admin key that lives only in the environment.
 */
public final class ApiKeys {
    /** The id and principal of the environment's admin key. */
    public static final String ENV_ADMIN_ID = "env";
    public static final String ENV_ADMIN_PRINCIPAL = "admin";
    private static final String PREFIX = "tb_";
    private static final int KEY_BYTES = 32;

    private final Jdbi jdbi;
    private final Clock clock;
    private final Optional<byte[]> adminKeyHash;
    private final SecureRandom random;
    private final Supplier<WorkspaceId> home;
    private final Predicate<WorkspaceId> known;

    /**
     * {@code home}: the workspace of the environment's admin key (the single workspace's, when there is
     * one); {@code known}: the workspaces keys may be issued for (installed ones).
     */
    public ApiKeys(Jdbi jdbi, Clock clock, Optional<Secret> adminKey, SecureRandom random, Supplier<WorkspaceId> home,
                   Predicate<WorkspaceId> known) {
        this.home = home;
        this.known = known;
        this.jdbi = jdbi;
        this.clock = clock;
        this.adminKeyHash = adminKey.map(k -> sha256(k.value()));
        this.random = random;
    }

    /** A key as listed: everything but the secret. */
    public record ApiKey(String id, String name, KeyRole role, String principal, Instant createdAt, WorkspaceId workspace) {}

    /** A role's name on the wire and in the store: {@code admin}, {@code manager}, {@code member}. */
    public static String wireName(KeyRole role) {
        return role.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The role with that wire name, if any. */
    public static Optional<KeyRole> role(String wire) {
        return java.util.Arrays.stream(KeyRole.values()).filter(r -> wireName(r).equals(wire)).findFirst();
    }

    /** A key just issued, with its secret: shown once, never stored. {@code toString} hides the secret. */
    public record Issued(ApiKey key, String secret) {
        public Issued {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "Issued[key=" + key + ", secret=****]";
        }
    }

    /** A key for {@code workspace}: it sees that workspace's tasks and keys, and nothing else. */
    public Issued issue(String name, KeyRole role, String principal, WorkspaceId workspace) {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        long id = jdbi.withExtension(ApiKeyDao.class, dao -> dao.insert(name, wireName(role), principal,
                hex(sha256(secret)), now.toEpochMilli(), workspace.value()));
        return new Issued(new ApiKey(Long.toString(id), name, role, principal, Instant.ofEpochMilli(now.toEpochMilli()),
                workspace),
                secret);
    }

    /**
     * The caller a presented key stands for, or empty when it is unknown or revoked. The environment's
     * admin key is compared in constant time; a stored key is found by its hash (an index lookup that
     * can only reveal hashes of guesses, which say nothing about real keys) and the hashes compared in
     * constant time once more.
     */
    public Optional<ApiCaller> authenticate(String presented) {
        byte[] hash = sha256(presented);
        if (adminKeyHash.isPresent() && MessageDigest.isEqual(adminKeyHash.get(), hash)) {
            return Optional.of(new ApiCaller(ENV_ADMIN_ID, ENV_ADMIN_PRINCIPAL, KeyRole.ADMIN, home.get()));
        }
        if (!presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hexHash = hex(hash);
        return jdbi.withExtension(ApiKeyDao.class, dao -> dao.active(hexHash))
                .filter(row -> MessageDigest.isEqual(row.secretHash().getBytes(StandardCharsets.US_ASCII),
                        hexHash.getBytes(StandardCharsets.US_ASCII)))
                .flatMap(row -> role(row.role()).map(role -> new ApiCaller(Long.toString(row.id()), row.principal(), role,
                        new WorkspaceId(row.workspace()))));
    }

    /**
     * The admin an {@code Authorization} header's key stands for ({@code Bearer <key>}, the
     * environment's or a stored one with the admin role): the check of the admin endpoints. Empty
     * when it carries no admin key.
     */
    public Optional<ApiCaller> admin(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String[] parts = authorization.strip().split("\\s+", 2);
        return parts.length == 2 && parts[0].equalsIgnoreCase("Bearer")
                ? authenticate(parts[1]).filter(c -> c.role() == KeyRole.ADMIN) : Optional.empty();
    }

    /** Whether keys may be issued for {@code workspace}: it has Taskbridge installed. */
    public boolean known(WorkspaceId workspace) {
        return known.test(workspace);
    }

    /** False when {@code workspace} has no active key with that id. */
    public boolean revoke(String id, WorkspaceId workspace) {
        Optional<Long> number = parseId(id);
        return number.isPresent() && jdbi.withExtension(ApiKeyDao.class,
                dao -> dao.revoke(number.get(), clock.millis(), workspace.value())) == 1;
    }

    /** The active keys of {@code workspace}. */
    public List<ApiKey> active(WorkspaceId workspace) {
        return jdbi.withExtension(ApiKeyDao.class, dao -> dao.allActive(workspace.value())).stream()
                .flatMap(row -> role(row.role()).map(role -> toKey(row, role)).stream())
                .toList();
    }

    private static ApiKey toKey(ApiKeyRow row, KeyRole role) {
        return new ApiKey(Long.toString(row.id()), row.name(), role, row.principal(), row.createdAt(),
                new WorkspaceId(row.workspace()));
    }

    private static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
