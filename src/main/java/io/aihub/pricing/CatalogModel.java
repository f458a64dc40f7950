package io.aihub.pricing;

import java.util.List;

/** A public model name and the deployments that serve it. {@code builtIn}: the offline demo models. */
public record CatalogModel(String name, List<Deployment> deployments, int maxOutputTokens, boolean builtIn) {

    public CatalogModel {
        deployments = List.copyOf(deployments);
    }

    /** The model name the tokenizer should recognise: the first deployment's upstream model. */
    public String tokenizerModel() {
        return deployments.isEmpty() ? name : deployments.getFirst().upstreamModel();
    }
}
