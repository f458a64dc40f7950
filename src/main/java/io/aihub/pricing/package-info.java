/**
 * The model catalog and what calls cost: public model names mapped to upstream deployments,
 * prices per million tokens with effective dates, token counting (JTokkit) and worst-case cost
 * estimation. {@link io.aihub.pricing.ModelCatalog} is the entry point; it serves every lookup
 * from memory and reloads on each catalog write.
 */
package io.aihub.pricing;
