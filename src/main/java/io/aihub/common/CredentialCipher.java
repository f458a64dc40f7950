package io.aihub.common;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Encrypts upstream provider credentials at rest with AES-256-GCM under {@code AIHUB_SECRET_KEY}
 * (base64 of 32 bytes). Without it, a key is generated on first start and kept in
 * {@code platform_settings} so an embedded install works out of the box; that protects a leaked
 * backup of one table only, hence the warning to set the variable in production.
 *
 * <p>Sealed form: {@code v1:} + base64(12-byte random nonce || ciphertext || 16-byte tag). The
 * version prefix leaves room for key rotation.
 */
@Component
public class CredentialCipher {

    private static final Logger log = LoggerFactory.getLogger(CredentialCipher.class);
    private static final String SETTING = "secret_key";
    private static final String VERSION = "v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    @Autowired
    CredentialCipher(@Value("${aihub.secret-key:}") String configured, JdbcClient jdbc, Clock clock) {
        this.key = new SecretKeySpec(resolve(configured, jdbc, clock), "AES");
    }

    /** A cipher with a given key: for tests and tools outside the application context. */
    public static CredentialCipher withKey(byte[] key32) {
        return new CredentialCipher(key32);
    }

    private CredentialCipher(byte[] key32) {
        if (key32.length != 32) {
            throw new IllegalArgumentException("the secret key must be 32 bytes");
        }
        this.key = new SecretKeySpec(key32, "AES");
    }

    public String seal(String plaintext) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every JDK", e);
        }
    }

    /** Fails (without echoing the input) when the value was sealed under another key or altered. */
    public String open(String sealed) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new IllegalStateException("not a sealed credential");
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
            return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored credential cannot be decrypted: was AIHUB_SECRET_KEY changed?");
        }
    }

    private static byte[] resolve(String configured, JdbcClient jdbc, Clock clock) {
        if (configured != null && !configured.isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(configured.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("AIHUB_SECRET_KEY (aihub.secret-key) must be base64");
            }
            if (key.length != 32) {
                throw new IllegalStateException("AIHUB_SECRET_KEY (aihub.secret-key) must be the base64 of 32 bytes, e.g. `openssl rand -base64 32`");
            }
            return key;
        }
        var stored = jdbc.sql("select setting_value from platform_settings where name = ?").param(SETTING)
                .query(String.class).optional();
        if (stored.isPresent()) {
            log.warn("Credential encryption: using the key generated on first start and stored in the database. "
                    + "Set AIHUB_SECRET_KEY (base64 of 32 bytes) in production.");
            return Base64.getDecoder().decode(stored.get());
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        try {
            jdbc.sql("insert into platform_settings (name, setting_value, updated_at) values (?, ?, ?)")
                    .params(SETTING, Base64.getEncoder().encodeToString(key), Timestamps.toDb(clock.instant())).update();
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            // Another instance sharing this database stored one first: everyone must use the same key.
            return Base64.getDecoder().decode(jdbc.sql("select setting_value from platform_settings where name = ?")
                    .param(SETTING).query(String.class).single());
        }
        log.warn("Credential encryption: AIHUB_SECRET_KEY is not set; generated a key and stored it in "
                + "platform_settings ('secret_key'). Set AIHUB_SECRET_KEY (base64 of 32 bytes) in production.");
        return key;
    }
}
