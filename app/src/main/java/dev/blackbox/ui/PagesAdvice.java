package dev.blackbox.ui;

import java.util.Collection;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page needs: who is signed in and what they may do, and a page (not a problem document)
 * for a refused read such as an unknown incident. Ahead of the API's advice, for the interface only.
 */
@ControllerAdvice(basePackages = "dev.blackbox.ui")
@Order(Ordered.HIGHEST_PRECEDENCE)
class PagesAdvice {

    private final RoleHierarchy roles;

    PagesAdvice(RoleHierarchy roles) {
        this.roles = roles;
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

    @ExceptionHandler(ErrorResponseException.class)
    ModelAndView refused(ErrorResponseException refusal) {
        ProblemDetail problem = refusal.getBody();
        ModelAndView page = new ModelAndView("problem");
        page.setStatus(refusal.getStatusCode());
        page.addObject("title", problem.getTitle());
        page.addObject("detail", problem.getDetail());
        // A failed handler's model is dropped, the caller with it.
        page.addObject("caller", caller(SecurityContextHolder.getContext().getAuthentication()));
        return page;
    }

    private static boolean has(Collection<? extends GrantedAuthority> authorities, String authority) {
        return authorities.stream().anyMatch(granted -> authority.equals(granted.getAuthority()));
    }
}
