package io.aihub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.pricing.Deployment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeploymentOrderTests {

    private static Deployment d(int position, int weight) {
        return new Deployment(position, "openai", "http://h" + position + "/v1", "m", null, null, weight, null, null);
    }

    @Test
    void theFirstChoiceFollowsTheWeights() {
        List<Deployment> deployments = List.of(d(0, 1), d(1, 3));
        SplittableRandom random = new SplittableRandom(42);
        Map<Integer, Integer> firsts = new HashMap<>();
        int rounds = 20_000;
        for (int i = 0; i < rounds; i++) {
            firsts.merge(DeploymentOrder.of(deployments, random).getFirst().position(), 1, Integer::sum);
        }
        // weight 3 of 4 → 75 % ± 2 % over 20,000 seeded draws
        assertThat(firsts.get(1) / (double) rounds).isBetween(0.73, 0.77);
    }

    @Test
    void everyDeploymentAppearsOnceAndZeroWeightsComeLastInCatalogOrder() {
        List<Deployment> deployments = List.of(d(0, 0), d(1, 5), d(2, 0), d(3, 1));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100; i++) {
            List<Deployment> order = DeploymentOrder.of(deployments, random);
            assertThat(order).containsExactlyInAnyOrderElementsOf(deployments);
            assertThat(order.subList(2, 4)).extracting(Deployment::position).containsExactly(0, 2);
        }
    }
}
