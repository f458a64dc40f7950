package io.aihub.tenancy;

import io.aihub.access.MembershipLookup;
import io.aihub.access.PasswordCheck;
import io.aihub.access.Principal;
import io.aihub.access.Role;
import io.aihub.access.UserEmailLookup;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * What the access module needs to know of tenancy, answered from tenancy's own tables. Kept apart
 * from {@link TenancyService} (which itself depends on access) so the two modules do not form a cycle.
 */
@Component
class TenancyDirectory implements MembershipLookup, PasswordCheck, UserEmailLookup {

    private final TenancyRepository repository;
    private final PasswordEncoder passwords;
    /**
     * A real hash for unknown e-mails, so a login takes as long whether or not the user exists. Made on the
     * first sign-in rather than at start-up: one bcrypt hash is a noticeable part of a 2-core start.
     */
    private volatile String dummyHash;

    TenancyDirectory(TenancyRepository repository, PasswordEncoder passwords) {
        this.repository = repository;
        this.passwords = passwords;
    }

    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            hash = passwords.encode("no-such-user-password");
            dummyHash = hash;
        }
        return hash;
    }

    @Override
    public boolean organizationExists(String organizationId) {
        return repository.organization(organizationId).isPresent();
    }

    @Override
    public Optional<Role> roleOf(String userId, String organizationId) {
        return repository.role(userId, organizationId);
    }

    @Override
    public boolean administersAnyOrganization(String userId) {
        return repository.administersAny(userId);
    }

    @Override
    public Optional<Principal.User> verify(String email, String password) {
        Optional<User> user = repository.userByEmail(email.trim().toLowerCase(Locale.ROOT));
        String hash = user.flatMap(u -> repository.passwordHash(u.id())).orElseGet(this::dummyHash);
        boolean matches = passwords.matches(password, hash);
        return user.filter(u -> matches).map(u -> new Principal.User(u.id(), u.email()));
    }

    @Override
    public Optional<String> emailOf(String userId) {
        return repository.user(userId).map(User::email);
    }
}
