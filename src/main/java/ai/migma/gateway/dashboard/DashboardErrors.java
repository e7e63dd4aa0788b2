package ai.migma.gateway.dashboard;

import ai.migma.gateway.web.ApiException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** The dashboard's failures as pages (the API's JSON advice serves every other controller). */
@ControllerAdvice(assignableTypes = DashboardController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
final class DashboardErrors {

    @ExceptionHandler(ApiException.class)
    ModelAndView failed(ApiException failure) {
        ModelAndView page = new ModelAndView("dashboard/error");
        page.setStatus(failure.code().status());
        page.addObject("status", failure.code().status().value());
        page.addObject("message", failure.getMessage());
        return page;
    }
}
