package io.aihub.gateway;

import io.aihub.pricing.Deployment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The order in which a call tries a model's deployments: a weighted random permutation
 * (Efraimidis–Spirakis: sort by {@code u^(1/weight)}), so the first choice follows the weights
 * and the failover order is weighted too. Weight-0 deployments come last, in catalog order: they
 * are pure fallbacks.
 */
final class DeploymentOrder {

    private DeploymentOrder() {
    }

    static List<Deployment> of(List<Deployment> deployments, RandomGenerator random) {
        if (deployments.size() <= 1) {
            return deployments;
        }
        record Keyed(Deployment deployment, double key) {
        }
        List<Keyed> keyed = new ArrayList<>(deployments.size());
        for (Deployment d : deployments) {
            double key = d.weight() <= 0 ? -1 - d.position() * 1e-6 : Math.pow(random.nextDouble(), 1.0 / d.weight());
            keyed.add(new Keyed(d, key));
        }
        keyed.sort(Comparator.comparingDouble(Keyed::key).reversed());
        return keyed.stream().map(Keyed::deployment).toList();
    }
}
