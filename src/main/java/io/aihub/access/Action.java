package io.aihub.access;

/** Everything a caller may try to do inside an organization; {@link Permissions} says which role may. */
public enum Action {
    ORG_READ,
    ORG_UPDATE,
    TEAM_READ,
    TEAM_MANAGE,
    MEMBER_READ,
    MEMBER_MANAGE,
    /** Grant, change or remove the owner role. */
    OWNER_MANAGE,
    BUDGET_READ,
    BUDGET_MANAGE,
    KEY_READ,
    KEY_CREATE,
    /** Revoke, regenerate, update keys the caller created. */
    KEY_MANAGE_OWN,
    /** Revoke, regenerate, update any key of the organization. */
    KEY_MANAGE_ANY,
    USAGE_READ,
    ALERT_READ,
    /** Create platform users (granted to owners and admins of any organization). */
    USER_CREATE
}
