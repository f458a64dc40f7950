package io.aihub.keys;

import io.aihub.common.Timestamps;
import java.nio.ByteBuffer;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM encryption of data that must be stored but not readable from the database alone
 * (an idempotent create's response holds the key's plaintext). The key comes from
 * {@code AIHUB_SECRET_KEY} (base64 of 32 bytes); without it one is generated on first start and
 * kept in {@code platform_settings} — convenient for the embedded default, but then whoever reads
 * the database can decrypt, so production should set the variable.
 */
@Component
class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final String SETTING = "secret_key";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(@Value("${aihub.secret-key:}") String configured, JdbcClient jdbc, Clock clock) {
        this.key = new SecretKeySpec(resolve(configured, jdbc, clock), "AES");
    }

    private static byte[] resolve(String configured, JdbcClient jdbc, Clock clock) {
        if (configured != null && !configured.isBlank()) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(configured.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("AIHUB_SECRET_KEY (aihub.secret-key) must be base64");
            }
            if (bytes.length != 32) {
                throw new IllegalStateException("AIHUB_SECRET_KEY (aihub.secret-key) must be the base64 of 32 bytes");
            }
            return bytes;
        }
        var stored = jdbc.sql("select setting_value from platform_settings where name = ?").param(SETTING)
                .query(String.class).optional();
        if (stored.isPresent()) {
            return Base64.getDecoder().decode(stored.get());
        }
        byte[] generated = new byte[32];
        new SecureRandom().nextBytes(generated);
        try {
            jdbc.sql("insert into platform_settings (name, setting_value, updated_at) values (?, ?, ?)")
                    .params(SETTING, Base64.getEncoder().encodeToString(generated), Timestamps.toDb(clock.instant()))
                    .update();
            log.info("Secret key: generated and stored in platform_settings; set AIHUB_SECRET_KEY in production");
            return generated;
        } catch (DuplicateKeyException raced) {
            // Another module or instance stored one first: use theirs.
            return Base64.getDecoder().decode(jdbc.sql("select setting_value from platform_settings where name = ?")
                    .param(SETTING).query(String.class).single());
        }
    }

    String seal(String plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every JDK", e);
        }
    }

    String open(String sealed) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Wrong key (AIHUB_SECRET_KEY changed) or tampered row: treat as no stored response.
            throw new IllegalStateException("a stored idempotent response cannot be decrypted (was AIHUB_SECRET_KEY changed?)");
        }
    }
}
