package dev.blackbox.ui;

import dev.blackbox.app.web.Failures;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page needs: who is signed in and what they may do, and a page (not a problem document)
 * for a failed request, be it a refused read such as an unknown incident or the store out of reach.
 * Ahead of the API's advice, for the interface only.
 */
@ControllerAdvice(basePackages = "dev.blackbox.ui")
@Order(Ordered.HIGHEST_PRECEDENCE)
class PagesAdvice {

    private final RoleHierarchy roles;
    private final Failures failures;

    PagesAdvice(RoleHierarchy roles, Failures failures) {
        this.roles = roles;
        this.failures = failures;
    }

    @ModelAttribute("caller")
    Caller caller(Authentication authentication) {
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return Caller.NOBODY;
        }
        Collection<? extends GrantedAuthority> reachable =
                roles.getReachableGrantedAuthorities(authentication.getAuthorities());
        return new Caller(authentication.getName(), has(reachable, "ROLE_RESPONDER"), has(reachable, "ROLE_ADMIN"));
    }

    /**
     * Any failure as a page: a refusal (Spring's or Blackbox's) with its own words, anything else as
     * {@link Failures} judges it for the API, with the same status and headers ({@code Retry-After} while
     * the store is out of reach).
     */
    @ExceptionHandler(Exception.class)
    ModelAndView failed(Exception failure, HttpServletResponse response) {
        if (failure instanceof AsyncRequestNotUsableException) {
            // A reader who left a live timeline: nobody is there to be told, and nothing failed.
            return null;
        }
        ErrorResponse problem = failure instanceof ErrorResponse refusal ? refusal : failures.problem(failure);
        if (response.isCommitted()) {
            // A live timeline's stream that failed or timed out after it began: no page can follow it.
            return null;
        }
        problem.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        ModelAndView page = new ModelAndView("problem");
        page.setStatus(problem.getStatusCode());
        page.addObject("title", problem.getBody().getTitle());
        page.addObject("detail", problem.getBody().getDetail());
        // A failed handler's model is dropped, the caller with it.
        page.addObject("caller", caller(SecurityContextHolder.getContext().getAuthentication()));
        return page;
    }

    private static boolean has(Collection<? extends GrantedAuthority> authorities, String authority) {
        return authorities.stream().anyMatch(granted -> authority.equals(granted.getAuthority()));
    }
}
