package io.aihub.web;

import io.aihub.common.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Errors of UI pages render as an HTML page with the API's status: 404 for another organization's
 * ids (no existence leak), 403 for a missing permission or CSRF token. Form validation errors never
 * get here: the pages catch them and show them next to their field.
 */
@ControllerAdvice(basePackageClasses = UiErrorAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class UiErrorAdvice {

    @ExceptionHandler(ApiException.class)
    String apiError(ApiException e, HttpServletResponse response, Model model) {
        int status = e.error().status().value();
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("message", status == 404 ? "Not found." : e.error().detail());
        return "error";
    }
}
