package io.aihub.tenancy;

import io.aihub.access.AccessControl;
import io.aihub.access.Action;
import io.aihub.access.OrgAccess;
import io.aihub.access.Principal;
import io.aihub.access.Role;
import io.aihub.common.ApiException;
import io.aihub.common.Ids;
import io.aihub.common.Page;
import io.aihub.common.PageRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The tenancy module's entry point: organizations, teams, users and memberships. */
@Service
public class TenancyService {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

    private final TenancyRepository repository;
    private final AccessControl access;
    private final Clock clock;
    private final PasswordEncoder passwords;

    TenancyService(TenancyRepository repository, AccessControl access, Clock clock, PasswordEncoder passwords) {
        this.repository = repository;
        this.access = access;
        this.clock = clock;
        this.passwords = passwords;
    }

    // organizations

    /** A user creating an organization becomes its owner; the master key may name an owner. */
    @Transactional
    public Organization createOrganization(Principal caller, String name, String timezone, String ownerUserId) {
        String validName = requireName("name", name);
        String zone = timezone == null ? "UTC" : validTimezone(timezone);
        String owner = switch (caller) {
            case Principal.User user -> {
                if (ownerUserId != null && !ownerUserId.equals(user.userId())) {
                    throw ApiException.invalid("owner_user_id", "only the master key may name another owner");
                }
                yield user.userId();
            }
            case Principal.Master master -> {
                if (ownerUserId != null && repository.user(ownerUserId).isEmpty()) {
                    throw ApiException.invalid("owner_user_id", "no user with this id");
                }
                yield ownerUserId;
            }
        };
        Instant now = clock.instant();
        Organization org = new Organization(Ids.next("org", clock), validName, zone, caller.id(), now, now);
        repository.insert(org);
        if (owner != null) {
            repository.insertMembership(org.id(), owner, Role.OWNER, now);
        }
        return org;
    }

    public Page<Organization> organizations(Principal caller, PageRequest page) {
        var rows = switch (caller) {
            case Principal.Master master -> repository.allOrganizations(page);
            case Principal.User user -> repository.organizationsOf(user.userId(), page);
        };
        return Page.of(rows, page, Organization::id);
    }

    public Organization organization(Principal caller, String organizationId) {
        access.require(caller, organizationId, Action.ORG_READ);
        return organization(organizationId);
    }

    /** For other modules, after they authorized the caller. */
    public Organization organization(String organizationId) {
        return repository.organization(organizationId).orElseThrow(() -> ApiException.notFound("organization"));
    }

    public ZoneId timezoneOf(String organizationId) {
        return ZoneId.of(organization(organizationId).timezone());
    }

    @Transactional
    public Organization updateOrganization(Principal caller, String organizationId, String name, String timezone) {
        access.require(caller, organizationId, Action.ORG_UPDATE);
        Organization current = organization(organizationId);
        Organization updated = new Organization(current.id(),
                name == null ? current.name() : requireName("name", name),
                timezone == null ? current.timezone() : validTimezone(timezone),
                current.createdBy(), current.createdAt(), clock.instant());
        repository.update(updated);
        return updated;
    }

    // teams

    @Transactional
    public Team createTeam(Principal caller, String organizationId, String name) {
        access.require(caller, organizationId, Action.TEAM_MANAGE);
        Team team = new Team(Ids.next("team", clock), organizationId, requireName("name", name), clock.instant());
        try {
            repository.insert(team);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw ApiException.conflict("a team named '" + team.name() + "' already exists in this organization");
        }
        return team;
    }

    public Page<Team> teams(Principal caller, String organizationId, PageRequest page) {
        access.require(caller, organizationId, Action.TEAM_READ);
        return Page.of(repository.teams(organizationId, page), page, Team::id);
    }

    public Team team(Principal caller, String organizationId, String teamId) {
        access.require(caller, organizationId, Action.TEAM_READ);
        return team(organizationId, teamId);
    }

    /** For other modules: the team, if it belongs to the organization (404 otherwise). */
    public Team team(String organizationId, String teamId) {
        return repository.team(organizationId, teamId).orElseThrow(() -> ApiException.notFound("team"));
    }

    public Optional<Team> findTeam(String organizationId, String teamId) {
        return teamId == null ? Optional.empty() : repository.team(organizationId, teamId);
    }

    @Transactional
    public Team renameTeam(Principal caller, String organizationId, String teamId, String name) {
        access.require(caller, organizationId, Action.TEAM_MANAGE);
        Team team = team(organizationId, teamId);
        String validName = requireName("name", name);
        try {
            repository.rename(teamId, validName);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw ApiException.conflict("a team named '" + validName + "' already exists in this organization");
        }
        return new Team(team.id(), team.organizationId(), validName, team.createdAt());
    }

    @Transactional
    public void deleteTeam(Principal caller, String organizationId, String teamId) {
        access.require(caller, organizationId, Action.TEAM_MANAGE);
        team(organizationId, teamId);
        repository.deleteTeam(teamId);
    }

    // users

    @Transactional
    public User createUser(Principal caller, String email, String password, String name) {
        access.requireUserCreation(caller);
        String normalized = validEmail(email);
        if (password == null || password.length() < 8) {
            throw ApiException.invalid("password", "password must have at least 8 characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw ApiException.invalid("password", "password must be at most 72 bytes");
        }
        User user = new User(Ids.next("user", clock), normalized, name == null ? normalized : requireName("name", name),
                clock.instant());
        if (repository.userByEmail(normalized).isPresent()) {
            throw ApiException.conflict("a user with this email already exists");
        }
        repository.insert(user, passwords.encode(password));
        return user;
    }

    public User user(Principal caller, String userId) {
        boolean self = caller instanceof Principal.User u && u.userId().equals(userId);
        if (!self && !(caller instanceof Principal.Master)) {
            throw ApiException.notFound("user");
        }
        return repository.user(userId).orElseThrow(() -> ApiException.notFound("user"));
    }

    public Page<User> users(Principal caller, PageRequest page) {
        access.requireMaster(caller);
        return Page.of(repository.users(page), page, User::id);
    }

    // memberships

    @Transactional
    public Member addMember(Principal caller, String organizationId, String userId, String roleName) {
        OrgAccess grant = access.require(caller, organizationId, Action.MEMBER_MANAGE);
        Role role = parseRole(roleName);
        if (role == Role.OWNER && !grant.can(Action.OWNER_MANAGE)) {
            throw ApiException.forbidden("only an owner may grant the owner role");
        }
        if (userId == null || repository.user(userId).isEmpty()) {
            throw ApiException.invalid("user_id", "no user with this id");
        }
        if (repository.role(userId, organizationId).isPresent()) {
            throw ApiException.conflict("this user is already a member; change the role with PATCH");
        }
        repository.insertMembership(organizationId, userId, role, clock.instant());
        return repository.member(organizationId, userId).orElseThrow();
    }

    public Page<Member> members(Principal caller, String organizationId, PageRequest page) {
        access.require(caller, organizationId, Action.MEMBER_READ);
        return Page.of(repository.members(organizationId, page), page, Member::userId);
    }

    @Transactional
    public Member changeRole(Principal caller, String organizationId, String userId, String roleName) {
        OrgAccess grant = access.require(caller, organizationId, Action.MEMBER_MANAGE);
        Role role = parseRole(roleName);
        Role current = repository.role(userId, organizationId).orElseThrow(() -> ApiException.notFound("member"));
        if ((role == Role.OWNER || current == Role.OWNER) && !grant.can(Action.OWNER_MANAGE)) {
            throw ApiException.forbidden("only an owner may grant or take away the owner role");
        }
        if (current == Role.OWNER && role != Role.OWNER && repository.countOwners(organizationId) <= 1) {
            throw ApiException.conflict("an organization keeps at least one owner");
        }
        repository.updateRole(organizationId, userId, role);
        return repository.member(organizationId, userId).orElseThrow();
    }

    @Transactional
    public void removeMember(Principal caller, String organizationId, String userId) {
        OrgAccess grant = access.require(caller, organizationId, Action.MEMBER_MANAGE);
        Role current = repository.role(userId, organizationId).orElseThrow(() -> ApiException.notFound("member"));
        if (current == Role.OWNER) {
            if (!grant.can(Action.OWNER_MANAGE)) {
                throw ApiException.forbidden("only an owner may remove an owner");
            }
            if (repository.countOwners(organizationId) <= 1) {
                throw ApiException.conflict("an organization keeps at least one owner");
            }
        }
        repository.deleteMembership(organizationId, userId);
    }

    // validation

    static String requireName(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field, field + " must not be blank");
        }
        String trimmed = value.strip();
        if (trimmed.length() > 200) {
            throw ApiException.invalid(field, field + " must be at most 200 characters");
        }
        return trimmed;
    }

    static String validTimezone(String timezone) {
        try {
            return ZoneId.of(timezone).getId();
        } catch (DateTimeException e) {
            throw ApiException.invalid("timezone", "timezone must be an IANA zone id such as 'Europe/Berlin' or 'UTC'");
        }
    }

    private static String validEmail(String email) {
        if (email == null || email.length() > 320 || !EMAIL.matcher(email.strip()).matches()) {
            throw ApiException.invalid("email", "email must be a valid e-mail address");
        }
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static Role parseRole(String role) {
        return Role.parse(role).orElseThrow(
                () -> ApiException.invalid("role", "role must be one of owner, admin, member, viewer"));
    }
}
