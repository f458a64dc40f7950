package io.aihub.web;

import io.aihub.access.BrowserSessions;
import io.aihub.access.Principal;
import io.aihub.common.PageRequest;
import io.aihub.tenancy.TenancyService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign in (email + password, the API's users), sign out, and the landing redirect to an organization. */
@Controller
class SignInPages {

    private final BrowserSessions sessions;
    private final TenancyService tenancy;
    private final ShellBuilder shells;
    private final Clock clock;

    SignInPages(BrowserSessions sessions, TenancyService tenancy, ShellBuilder shells, Clock clock) {
        this.sessions = sessions;
        this.tenancy = tenancy;
        this.shells = shells;
        this.clock = clock;
    }

    @GetMapping("/ui/sign-in")
    String form(Model model) {
        model.addAttribute("email", "");
        model.addAttribute("error", null);
        return "signin";
    }

    @PostMapping("/ui/sign-in")
    String signIn(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        if (crossSite(request)) {
            // No session yet, so no CSRF token: a sign-in posted from another site (login CSRF) is refused by origin.
            throw io.aihub.common.ApiException.forbidden("sign in from the AI Hub page itself");
        }
        var opened = sessions.signIn(email.trim(), password);
        if (opened.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            model.addAttribute("email", email);
            model.addAttribute("error", "Invalid email or password.");
            return "signin";
        }
        SessionCookie.write(request, response, opened.get().token(), clock.instant(), opened.get().expiresAt());
        return "redirect:/ui";
    }

    @PostMapping("/ui/sign-out")
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        sessions.signOut(ShellBuilder.sessionToken(request));
        SessionCookie.clear(request, response);
        return "redirect:/ui/sign-in";
    }

    /** The first organization's dashboard, or a page saying the user belongs to none yet. */
    @GetMapping({"/ui", "/ui/"})
    String landing(Principal principal, HttpServletRequest request, Model model) {
        var orgs = tenancy.organizations(principal, PageRequest.of(1, null)).data();
        if (!orgs.isEmpty()) {
            return "redirect:/ui/orgs/" + orgs.getFirst().id();
        }
        model.addAttribute("shell", shells.build(request, principal, null, "", "No organization"));
        return "no-org";
    }

    /** The organization switcher's target (a plain GET form, so it works without JavaScript). */
    @GetMapping("/ui/switch")
    String switchTo(@RequestParam String org) {
        return "redirect:/ui/orgs/" + org.replaceAll("[^A-Za-z0-9_-]", "");
    }

    private static boolean crossSite(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false; // non-browser clients and old browsers send no Origin
        }
        String host = request.getHeader("Host");
        return host == null || !(origin.equals("http://" + host) || origin.equals("https://" + host));
    }
}
