/**
 * Organizations (with their IANA timezone for budget periods), teams inside them, platform users
 * and their memberships with roles. {@link io.aihub.tenancy.TenancyService} is the module's entry point.
 */
package io.aihub.tenancy;
