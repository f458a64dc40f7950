package io.aihub.keys;

import io.aihub.common.CredentialCipher;
import io.aihub.common.Hashing;
import io.aihub.common.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * Responses of create/regenerate calls that carried an {@code Idempotency-Key}, replayed to a
 * retry by the same caller for the same operation and target. Sealed with {@link io.aihub.common.CredentialCipher}
 * because they contain a plaintext secret. The row is written in the same transaction as the key,
 * so a concurrent duplicate fails on the primary key and replays the winner's response.
 */
@Repository
class IdempotencyStore {

    record Stored(String requestHash, String response) {
    }

    private final JdbcClient jdbc;
    private final CredentialCipher box;
    private final Clock clock;

    IdempotencyStore(JdbcClient jdbc, CredentialCipher box, Clock clock) {
        this.jdbc = jdbc;
        this.box = box;
        this.clock = clock;
    }

    static String id(String callerId, String operation, String targetId, String idempotencyKey) {
        return Hashing.sha256Hex(callerId + "\n" + operation + "\n" + targetId + "\n" + idempotencyKey);
    }

    Optional<Stored> find(String id) {
        return jdbc.sql("select request_hash, sealed_response from api_key_idempotency where id = ? and expires_at > ?")
                .params(id, Timestamps.toDb(clock.instant()))
                .query((rs, n) -> new Stored(rs.getString("request_hash"), box.open(rs.getString("sealed_response"))))
                .optional();
    }

    /** Throws DuplicateKeyException when a live row with this id exists. */
    void insert(String id, String requestHash, String response, Instant expiresAt) {
        Instant now = clock.instant();
        jdbc.sql("delete from api_key_idempotency where id = ? and expires_at <= ?").params(id, Timestamps.toDb(now)).update();
        jdbc.sql("""
                insert into api_key_idempotency (id, request_hash, sealed_response, created_at, expires_at)
                values (?, ?, ?, ?, ?)""")
                .params(id, requestHash, box.seal(response), Timestamps.toDb(now), Timestamps.toDb(expiresAt))
                .update();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void deleteExpired() {
        jdbc.sql("delete from api_key_idempotency where expires_at <= ?").param(Timestamps.toDb(clock.instant())).update();
    }
}
