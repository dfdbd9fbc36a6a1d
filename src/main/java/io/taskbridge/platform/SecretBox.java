package io.taskbridge.platform;

import io.taskbridge.platform.Secret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals credentials kept in the database with AES-GCM under {@code TASKBRIDGE_ENCRYPTION_KEY}
 * (base64 of a 16, 24 or 32 byte key). A sealed value is {@code v1:} + base64(12-byte nonce ||
 * ciphertext || tag); {@code aad} (the connection and secret name) binds it to its row, so a value
 * copied to another row does not open.
 */
public final class SecretBox {
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    public SecretBox(Secret base64Key, SecureRandom random) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.value().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TASKBRIDGE_ENCRYPTION_KEY must be base64");
        }
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
            throw new IllegalArgumentException("TASKBRIDGE_ENCRYPTION_KEY must decode to 16, 24 or 32 bytes");
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.random = random;
    }

    public String seal(Secret plain, String aad) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plain.value().getBytes(StandardCharsets.UTF_8));
            return "v1:" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Opens a sealed value; a tampered value, another key or another row's value is refused. */
    public Secret open(String sealed, String aad) {
        if (!sealed.startsWith("v1:")) {
            throw new IllegalArgumentException("not a sealed value");
        }
        byte[] all = Base64.getDecoder().decode(sealed.substring(3));
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
            c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            return new Secret(new String(c.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the sealed value does not open with this key");
        }
    }
}
