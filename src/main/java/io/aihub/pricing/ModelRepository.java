package io.aihub.pricing;

import io.aihub.common.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The catalog tables. Stores what it is given; credentials arrive already sealed. */
@Repository
class ModelRepository {

    record ModelRow(String name, int maxOutputTokens, Instant createdAt, Instant updatedAt) {
    }

    record DeploymentRow(String modelName, int position, String provider, String baseUrl, String upstreamModel,
            String sealedApiKey, String authHeader, int weight, Map<String, String> extraHeaders,
            Map<String, String> extraQuery) {
    }

    record PriceRow(String modelName, ModelPrice price) {
    }

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ModelRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    boolean exists(String name) {
        return jdbc.sql("select count(*) from models where name = ?").param(name).query(Long.class).single() > 0;
    }

    void insertModel(String name, int maxOutputTokens, Instant now) {
        jdbc.sql("insert into models (name, max_output_tokens, created_at, updated_at) values (?, ?, ?, ?)")
                .params(name, maxOutputTokens, Timestamps.toDb(now), Timestamps.toDb(now)).update();
    }

    void updateModel(String name, int maxOutputTokens, Instant now) {
        jdbc.sql("update models set max_output_tokens = ?, updated_at = ? where name = ?")
                .params(maxOutputTokens, Timestamps.toDb(now), name).update();
    }

    boolean deleteModel(String name) {
        jdbc.sql("delete from model_deployments where model_name = ?").param(name).update();
        return jdbc.sql("delete from models where name = ?").param(name).update() > 0;
    }

    void replaceDeployments(String name, List<DeploymentRow> rows) {
        jdbc.sql("delete from model_deployments where model_name = ?").param(name).update();
        for (DeploymentRow d : rows) {
            jdbc.sql("""
                    insert into model_deployments (model_name, position, provider, base_url, upstream_model,
                        api_key_sealed, auth_header, weight, extra_headers, extra_query)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(name, d.position(), d.provider(), d.baseUrl(), d.upstreamModel(), d.sealedApiKey(),
                            d.authHeader(), d.weight(), writeMap(d.extraHeaders()), writeMap(d.extraQuery()))
                    .update();
        }
    }

    /** Adds a price, or replaces the one with the same effective date. */
    void putPrice(String name, ModelPrice price) {
        int updated = jdbc.sql("""
                update model_prices set input_per_million = ?, cached_input_per_million = ?, output_per_million = ?
                where model_name = ? and effective_from = ?""")
                .params(price.inputPerMillion(), price.cachedInputPerMillion(), price.outputPerMillion(), name,
                        Timestamps.toDb(price.effectiveFrom()))
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into model_prices (model_name, effective_from, input_per_million, cached_input_per_million,
                        output_per_million) values (?, ?, ?, ?, ?)""")
                    .params(name, Timestamps.toDb(price.effectiveFrom()), price.inputPerMillion(),
                            price.cachedInputPerMillion(), price.outputPerMillion())
                    .update();
        }
    }

    List<ModelRow> models() {
        return jdbc.sql("select name, max_output_tokens, created_at, updated_at from models order by name")
                .query((rs, i) -> new ModelRow(rs.getString("name"), rs.getInt("max_output_tokens"),
                        Timestamps.fromDb(rs, "created_at"), Timestamps.fromDb(rs, "updated_at")))
                .list();
    }

    List<DeploymentRow> deployments() {
        return jdbc.sql("""
                select model_name, position, provider, base_url, upstream_model, api_key_sealed, auth_header, weight,
                       extra_headers, extra_query
                from model_deployments order by model_name, position""")
                .query(this::deployment).list();
    }

    List<PriceRow> prices() {
        return jdbc.sql("""
                select model_name, effective_from, input_per_million, cached_input_per_million, output_per_million
                from model_prices order by model_name, effective_from""")
                .query((rs, i) -> new PriceRow(rs.getString("model_name"), new ModelPrice(
                        rs.getBigDecimal("input_per_million"), rs.getBigDecimal("cached_input_per_million"),
                        rs.getBigDecimal("output_per_million"), Timestamps.fromDb(rs, "effective_from"))))
                .list();
    }

    private DeploymentRow deployment(ResultSet rs, int row) throws SQLException {
        return new DeploymentRow(rs.getString("model_name"), rs.getInt("position"), rs.getString("provider"),
                rs.getString("base_url"), rs.getString("upstream_model"), rs.getString("api_key_sealed"),
                rs.getString("auth_header"), rs.getInt("weight"), readMap(rs.getString("extra_headers")),
                readMap(rs.getString("extra_query")));
    }

    private String writeMap(Map<String, String> map) {
        return map == null || map.isEmpty() ? null : json.writeValueAsString(map);
    }

    private Map<String, String> readMap(String text) {
        return text == null ? Map.of() : json.readValue(text, STRING_MAP);
    }
}
