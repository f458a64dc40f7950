package io.aihub.keys;

import io.aihub.access.Principal;
import io.aihub.common.Page;
import io.aihub.common.PageRequest;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@Tag(name = "api-keys")
@RestController
@RequestMapping("/api/v1")
class ApiKeyController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    record RegenerateBody(Integer gracePeriodSeconds) {
    }

    @PostMapping("/organizations/{orgId}/api-keys")
    ResponseEntity<ApiKeyView> create(Principal caller, @PathVariable String orgId, @RequestBody KeyInput body,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        return issued(HttpStatus.CREATED, keys.create(caller, orgId, body, idempotencyKey));
    }

    @GetMapping("/organizations/{orgId}/api-keys")
    Page<ApiKeyView> list(Principal caller, @PathVariable String orgId, @RequestParam(required = false) String status,
            @RequestParam(name = "team_id", required = false) String teamId,
            @RequestParam(name = "created_by", required = false) String createdBy,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return keys.list(caller, orgId, status, teamId, createdBy, PageRequest.of(limit, cursor));
    }

    @GetMapping("/organizations/{orgId}/api-keys/summary")
    KeyReports.Summary summary(Principal caller, @PathVariable String orgId) {
        return keys.summary(caller, orgId);
    }

    @PostMapping("/organizations/{orgId}/api-keys/batch-operations")
    KeyReports.BatchResult batch(Principal caller, @PathVariable String orgId,
            @RequestBody ApiKeyService.BatchRequest body) {
        return keys.batch(caller, orgId, body);
    }

    @GetMapping("/api-keys/{keyId}")
    ApiKeyView get(Principal caller, @PathVariable String keyId) {
        return keys.get(caller, keyId);
    }

    /** Partial: fields left out stay as they are; an explicit null clears a limit, the team or the expiry. */
    @PutMapping("/api-keys/{keyId}")
    ApiKeyView update(Principal caller, @PathVariable String keyId, @RequestBody JsonNode body) {
        return keys.update(caller, keyId, body);
    }

    @PostMapping("/api-keys/{keyId}/revoke")
    ApiKeyView revoke(Principal caller, @PathVariable String keyId) {
        return keys.revoke(caller, keyId);
    }

    @PostMapping("/api-keys/{keyId}/regenerate")
    ResponseEntity<ApiKeyView> regenerate(Principal caller, @PathVariable String keyId,
            @RequestBody(required = false) RegenerateBody body,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        return issued(HttpStatus.OK, keys.regenerate(caller, keyId, body == null ? null : body.gracePeriodSeconds(),
                idempotencyKey));
    }

    @GetMapping("/api-keys/{keyId}/usage")
    KeyReports.KeyUsage usage(Principal caller, @PathVariable String keyId, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to, @RequestParam(required = false) String bucket) {
        return keys.usage(caller, keyId, from, to, bucket);
    }

    private static ResponseEntity<ApiKeyView> issued(HttpStatus status, ApiKeyService.Issued issued) {
        return ResponseEntity.status(status).header(REPLAYED, Boolean.toString(issued.replayed()))
                // The body holds a secret shown once: no cache along the way may keep it.
                .header("Cache-Control", "no-store").body(issued.key());
    }
}
