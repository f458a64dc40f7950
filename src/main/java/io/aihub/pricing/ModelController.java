package io.aihub.pricing;

import io.aihub.access.AccessControl;
import io.aihub.access.Principal;
import io.aihub.common.Page;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The model catalog (master key only). Names may contain slashes ({@code openai/gpt-4o}): the
 * routes capture the rest of the path, so both {@code /api/v1/models/openai/gpt-4o} and
 * {@code /api/v1/models/openai%2Fgpt-4o} address the same model.
 */
@Tag(name = "models")
@RestController
@RequestMapping("/api/v1/models")
class ModelController {

    private final ModelAdministration models;
    private final AccessControl access;

    ModelController(ModelAdministration models, AccessControl access) {
        this.models = models;
        this.access = access;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ModelView create(Principal caller, @RequestBody ModelBody body) {
        access.requireMaster(caller);
        return models.create(body);
    }

    @GetMapping
    Page<ModelView> list(Principal caller, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        access.requireMaster(caller);
        return models.list(limit, cursor);
    }

    @GetMapping("/{*name}")
    ModelView get(Principal caller, @PathVariable String name) {
        access.requireMaster(caller);
        return models.get(strip(name));
    }

    @PutMapping("/{*name}")
    ModelView put(Principal caller, @PathVariable String name, @RequestBody ModelBody body) {
        access.requireMaster(caller);
        return models.put(strip(name), body);
    }

    @DeleteMapping("/{*name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Principal caller, @PathVariable String name) {
        access.requireMaster(caller);
        models.delete(strip(name));
    }

    /** The capture-all variable starts with the separating slash. */
    private static String strip(String captured) {
        return captured.startsWith("/") ? captured.substring(1) : captured;
    }
}
