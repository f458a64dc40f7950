package io.aihub.access;

import io.aihub.common.ApiException;
import org.springframework.stereotype.Service;

/** Turns a management-API bearer token into a {@link Principal}, or 401. */
@Service
public class Authenticator {

    private final MasterKey masterKey;
    private final SessionStore sessions;
    private final UserEmailLookup users;

    Authenticator(MasterKey masterKey, SessionStore sessions, UserEmailLookup users) {
        this.masterKey = masterKey;
        this.sessions = sessions;
        this.users = users;
    }

    public Principal authenticate(String authorizationHeader) {
        String token = bearerToken(authorizationHeader);
        if (token == null) {
            throw ApiException.unauthorized("send 'Authorization: Bearer <token>' (the master key or a login access token)");
        }
        if (token.startsWith(SessionStore.TOKEN_PREFIX)) {
            return sessions.userOf(token)
                    .flatMap(id -> users.emailOf(id).map(email -> (Principal) new Principal.User(id, email)))
                    .orElseThrow(() -> ApiException.unauthorized("the access token is unknown, expired or logged out"));
        }
        if (masterKey.matches(token)) {
            return new Principal.Master();
        }
        throw ApiException.unauthorized("the bearer token is not valid for the management API");
    }

    static String bearerToken(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() || token.length() > 512 ? null : token;
    }
}
