package dev.blackbox.app.security;

import java.util.Locale;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Tells a caller which token it is using. Operators check a bot's configuration with it, and the
 * benchmark uses it as the cheapest authenticated request: the ceiling that commands are compared to.
 */
@RestController
@Tag(name = "Caller", description = "Who the presented token belongs to")
class CallerController {

    /** The token's name (recorded as the sender when a command has no {@code by}) and its role. */
    record CallerView(String name, String role) {
    }

    private static final String ROLE_PREFIX = "ROLE_";

    @GetMapping("/api/v1/me")
    @Operation(summary = "The name and role of the presented token")
    CallerView me(Authentication authentication) {
        String role = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length()).toLowerCase(Locale.ROOT))
                .findFirst()
                .orElseThrow();
        return new CallerView(authentication.getName(), role);
    }
}
