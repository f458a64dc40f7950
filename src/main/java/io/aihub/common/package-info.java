/**
 * Shared value types and cross-cutting plumbing: ids, money, hashing, pagination, the clock,
 * and the one place where management-API errors become RFC 9457 problem JSON.
 */
package io.aihub.common;
