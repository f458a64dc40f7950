package io.aihub.usage;

/** Requests and upstream errors of one deployment over a window. */
public record DeploymentHealth(String deployment, long requests, long errors) {

    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }
}
