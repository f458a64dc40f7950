package io.aihub.tenancy;

import io.aihub.access.Role;
import io.aihub.common.PageRequest;
import io.aihub.common.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores what it is given: ids and timestamps come from {@link TenancyService}. */
@Repository
class TenancyRepository {

    private final JdbcClient jdbc;

    TenancyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // organizations

    void insert(Organization org) {
        jdbc.sql("""
                insert into organizations (id, name, timezone, created_by, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(org.id(), org.name(), org.timezone(), org.createdBy(), Timestamps.toDb(org.createdAt()),
                        Timestamps.toDb(org.updatedAt()))
                .update();
    }

    void update(Organization org) {
        jdbc.sql("update organizations set name = ?, timezone = ?, updated_at = ? where id = ?")
                .params(org.name(), org.timezone(), Timestamps.toDb(org.updatedAt()), org.id()).update();
    }

    Optional<Organization> organization(String id) {
        return jdbc.sql("select * from organizations where id = ?").param(id).query(this::mapOrganization).optional();
    }

    List<Organization> allOrganizations(PageRequest page) {
        return jdbc.sql("select * from organizations where id > ? order by id limit ?")
                .params(page.cursor(), page.fetchSize()).query(this::mapOrganization).list();
    }

    List<Organization> organizationsOf(String userId, PageRequest page) {
        return jdbc.sql("""
                        select o.* from organizations o join memberships m on m.organization_id = o.id
                        where m.user_id = ? and o.id > ? order by o.id limit ?""")
                .params(userId, page.cursor(), page.fetchSize()).query(this::mapOrganization).list();
    }

    private Organization mapOrganization(ResultSet rs, int row) throws SQLException {
        return new Organization(rs.getString("id"), rs.getString("name"), rs.getString("timezone"),
                rs.getString("created_by"), Timestamps.fromDb(rs, "created_at"), Timestamps.fromDb(rs, "updated_at"));
    }

    // teams

    void insert(Team team) {
        jdbc.sql("insert into teams (id, organization_id, name, created_at) values (?, ?, ?, ?)")
                .params(team.id(), team.organizationId(), team.name(), Timestamps.toDb(team.createdAt())).update();
    }

    void rename(String teamId, String name) {
        jdbc.sql("update teams set name = ? where id = ?").params(name, teamId).update();
    }

    void deleteTeam(String teamId) {
        jdbc.sql("delete from teams where id = ?").param(teamId).update();
    }

    Optional<Team> team(String organizationId, String teamId) {
        return jdbc.sql("select * from teams where organization_id = ? and id = ?").params(organizationId, teamId)
                .query(this::mapTeam).optional();
    }

    List<Team> teams(String organizationId, PageRequest page) {
        return jdbc.sql("select * from teams where organization_id = ? and id > ? order by id limit ?")
                .params(organizationId, page.cursor(), page.fetchSize()).query(this::mapTeam).list();
    }

    private Team mapTeam(ResultSet rs, int row) throws SQLException {
        return new Team(rs.getString("id"), rs.getString("organization_id"), rs.getString("name"),
                Timestamps.fromDb(rs, "created_at"));
    }

    // users

    void insert(User user, String passwordHash) {
        jdbc.sql("insert into users (id, email, name, password_hash, created_at) values (?, ?, ?, ?, ?)")
                .params(user.id(), user.email(), user.name(), passwordHash, Timestamps.toDb(user.createdAt())).update();
    }

    Optional<User> user(String id) {
        return jdbc.sql("select * from users where id = ?").param(id).query(this::mapUser).optional();
    }

    Optional<User> userByEmail(String email) {
        return jdbc.sql("select * from users where email = ?").param(email).query(this::mapUser).optional();
    }

    Optional<String> passwordHash(String userId) {
        return jdbc.sql("select password_hash from users where id = ?").param(userId).query(String.class).optional();
    }

    List<User> users(PageRequest page) {
        return jdbc.sql("select * from users where id > ? order by id limit ?")
                .params(page.cursor(), page.fetchSize()).query(this::mapUser).list();
    }

    private User mapUser(ResultSet rs, int row) throws SQLException {
        return new User(rs.getString("id"), rs.getString("email"), rs.getString("name"), Timestamps.fromDb(rs, "created_at"));
    }

    // memberships

    void insertMembership(String organizationId, String userId, Role role, Instant at) {
        jdbc.sql("insert into memberships (organization_id, user_id, role, created_at) values (?, ?, ?, ?)")
                .params(organizationId, userId, role.wireName(), Timestamps.toDb(at)).update();
    }

    void updateRole(String organizationId, String userId, Role role) {
        jdbc.sql("update memberships set role = ? where organization_id = ? and user_id = ?")
                .params(role.wireName(), organizationId, userId).update();
    }

    void deleteMembership(String organizationId, String userId) {
        jdbc.sql("delete from memberships where organization_id = ? and user_id = ?").params(organizationId, userId).update();
    }

    Optional<Role> role(String userId, String organizationId) {
        return jdbc.sql("select role from memberships where user_id = ? and organization_id = ?")
                .params(userId, organizationId).query(String.class).optional().flatMap(Role::parse);
    }

    boolean administersAny(String userId) {
        return jdbc.sql("select count(*) from memberships where user_id = ? and role in ('owner', 'admin')")
                .param(userId).query(Long.class).single() > 0;
    }

    long countOwners(String organizationId) {
        return jdbc.sql("select count(*) from memberships where organization_id = ? and role = 'owner'")
                .param(organizationId).query(Long.class).single();
    }

    Optional<Member> member(String organizationId, String userId) {
        return jdbc.sql("""
                        select u.id, u.email, u.name, m.role, m.created_at from memberships m join users u on u.id = m.user_id
                        where m.organization_id = ? and m.user_id = ?""")
                .params(organizationId, userId).query(this::mapMember).optional();
    }

    List<Member> members(String organizationId, PageRequest page) {
        return jdbc.sql("""
                        select u.id, u.email, u.name, m.role, m.created_at from memberships m join users u on u.id = m.user_id
                        where m.organization_id = ? and u.id > ? order by u.id limit ?""")
                .params(organizationId, page.cursor(), page.fetchSize()).query(this::mapMember).list();
    }

    private Member mapMember(ResultSet rs, int row) throws SQLException {
        return new Member(rs.getString("id"), rs.getString("email"), rs.getString("name"), rs.getString("role"),
                Timestamps.fromDb(rs, "created_at"));
    }
}
