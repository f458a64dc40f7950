/**
 * The admin web UI under {@code /ui}: server-rendered jte pages (templates in {@code src/main/jte}) with
 * htmx and uPlot from webjars. Controllers call the feature services with the signed-in user's
 * {@link io.aihub.access.Principal}, so roles, 403 and 404 behave exactly as on the management API.
 */
package io.aihub.web;
