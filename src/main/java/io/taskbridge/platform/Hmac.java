package io.taskbridge.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over a prefix and a body, as hex, and the constant-time check of a signature: Slack's
 * request signing ({@code v0:ts:body}) and the generic webhook's ({@code ts.body}) both use it.
 */
public final class Hmac {
    /** Keyed once and never used itself: each signature starts from a copy of it. */
    private final Mac keyed;

    private Hmac(Mac keyed) {
        this.keyed = keyed;
    }

    /**
     * An HMAC keyed with {@code secret}, for a secret that signs many requests: looking the algorithm
     * up and keying it cost as much as hashing a request, so it is done here once.
     */
    public static Hmac keyed(Secret secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.value().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return new Hmac(mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** {@code hex(HMAC-SHA256(secret, prefix + body))}, the prefix as UTF-8; safe from any thread. */
    public String hex(String prefix, byte[] body) {
        Mac mac;
        try {
            mac = (Mac) keyed.clone(); // reads the keyed state only, so copies may be made side by side
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 cannot be copied", e);
        }
        mac.update(prefix.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** {@code hex(HMAC-SHA256(secret, prefix + body))}, for a signature made once. */
    public static String sha256Hex(Secret secret, String prefix, byte[] body) {
        return keyed(secret).hex(prefix, body);
    }

    /** Whether two signatures are equal, in time that does not depend on where they differ. */
    public static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
