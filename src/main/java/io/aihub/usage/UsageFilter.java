package io.aihub.usage;

/** Which records of one organization to aggregate; null fields do not filter. */
public record UsageFilter(String organizationId, String apiKeyId, String teamId, String model) {

    public static UsageFilter organization(String organizationId) {
        return new UsageFilter(organizationId, null, null, null);
    }

    public static UsageFilter apiKey(String organizationId, String apiKeyId) {
        return new UsageFilter(organizationId, apiKeyId, null, null);
    }

    public static UsageFilter team(String organizationId, String teamId) {
        return new UsageFilter(organizationId, null, teamId, null);
    }
}
