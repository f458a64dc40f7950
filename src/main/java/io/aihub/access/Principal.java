package io.aihub.access;

/**
 * Who is calling the management API. The gateway's caller, an organization API key, is a
 * principal of its own kind ({@code io.aihub.keys}) and never reaches {@code /api/**}.
 */
public sealed interface Principal {

    /** A stable id for audit columns such as {@code created_by}. */
    String id();

    /** The platform master key: may do anything, belongs to no organization. */
    record Master() implements Principal {
        public String id() {
            return "master";
        }
    }

    /** A signed-in user; what it may do depends on its role in each organization. */
    record User(String userId, String email) implements Principal {
        public String id() {
            return userId;
        }
    }
}
