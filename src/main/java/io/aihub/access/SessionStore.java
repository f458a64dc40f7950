package io.aihub.access;

import io.aihub.common.Hashing;
import io.aihub.common.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** User sessions: random bearer tokens stored as SHA-256 hashes, expiring and revocable. */
@Repository
class SessionStore {

    static final String TOKEN_PREFIX = "ses_";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration ttl;

    SessionStore(JdbcClient jdbc, Clock clock, @Value("${aihub.auth.session-ttl:12h}") Duration ttl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ttl = ttl;
    }

    record Issued(String token, Instant expiresAt) {
    }

    Issued open(String userId) {
        String token = Hashing.randomSecret(TOKEN_PREFIX, 32);
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        jdbc.sql("insert into auth_sessions (token_hash, user_id, created_at, expires_at) values (?, ?, ?, ?)")
                .params(Hashing.sha256Hex(token), userId, Timestamps.toDb(now), Timestamps.toDb(expires))
                .update();
        return new Issued(token, expires);
    }

    /** The user id of a live session. */
    Optional<String> userOf(String token) {
        return jdbc.sql("""
                        select user_id from auth_sessions
                        where token_hash = ? and revoked_at is null and expires_at > ?""")
                .params(Hashing.sha256Hex(token), Timestamps.toDb(clock.instant()))
                .query(String.class).optional();
    }

    void revoke(String token) {
        jdbc.sql("update auth_sessions set revoked_at = ? where token_hash = ? and revoked_at is null")
                .params(Timestamps.toDb(clock.instant()), Hashing.sha256Hex(token)).update();
    }
}
