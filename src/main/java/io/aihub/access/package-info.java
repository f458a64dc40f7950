/**
 * Who is calling and what they may do: the platform master key, user sessions (login/logout),
 * the role → action table, and {@link io.aihub.access.AccessControl}, the one place that turns
 * "this caller, this organization, this action" into allow, 403 or 404.
 */
package io.aihub.access;
