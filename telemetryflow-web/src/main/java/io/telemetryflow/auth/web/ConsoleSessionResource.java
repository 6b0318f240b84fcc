package io.telemetryflow.auth.web;

import io.telemetryflow.auth.LoginService;
import io.telemetryflow.auth.web.AuthResource.TokenResponse;
import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.http.ClientAddresses;
import io.telemetryflow.platform.web.Anonymous;
import io.telemetryflow.platform.web.Authenticated;
import io.telemetryflow.platform.web.RejectedMapper;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The web console's sign-in: the answers of {@link AuthResource}, but the refresh token travels in an HttpOnly cookie
 * ({@link RefreshCookie}) instead of the body, so no script in the console, nor one injected into it, can read it
 * and keep the session alive elsewhere; the access token lives in the console's memory. A browser attaches the cookie
 * by itself, so only this server's own pages may call these endpoints ({@link SameOriginOnly}).
 */
@Path("auth/session")
@Produces(MediaType.APPLICATION_JSON)
@SameOriginOnly
public class ConsoleSessionResource {

    @Inject
    LoginService login;

    @Inject
    CurrentCaller current;

    @Inject
    CurrentAccessToken token;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    @ConfigProperty(name = "telemetryflow.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    @Context
    HttpServletRequest http;

    @Context
    UriInfo uri;

    @POST
    @Path("login")
    @Anonymous
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Console sign-in with email and password: as /auth/login, but the refresh token is set as the HttpOnly "
            + "cookie tf_refresh (needs X-TelemetryFlow-CSRF: 1)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    public Response login(@Valid @NotNull AuthResource.LoginRequest request) {
        return answer(login.login(request.email(), request.password(), client()));
    }

    @POST
    @Path("validate-mfa")
    @Anonymous
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Complete a console sign-in with MFA: as /auth/validate-mfa, the refresh token set as the cookie tf_refresh")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    public Response validateMfa(@Valid @NotNull AuthResource.ValidateMfaRequest request) {
        return answer(login.validateMfa(request.mfaToken(), request.code().strip(), client()));
    }

    @POST
    @Path("complete-password-change")
    @Anonymous
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Complete a console sign-in whose password an administrator chose: as /auth/complete-password-change, the "
            + "refresh token set as the cookie tf_refresh")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    public Response completePasswordChange(@Valid @NotNull AuthResource.CompletePasswordChangeRequest request) {
        return signedIn(login.completePasswordChange(request.passwordChangeToken(), request.newPassword(), client()));
    }

    @POST
    @Path("refresh")
    @Anonymous
    @Operation(summary = "New tokens for the console's session, from its cookie tf_refresh (used up and replaced; reusing one ends the "
            + "session); 401 and the cookie cleared when it is missing or no longer valid")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    public Response refresh(@CookieParam(RefreshCookie.NAME) String refreshToken) {
        if (!RefreshCookie.wellFormed(refreshToken)) {
            return refused(Rejected.unauthorized("no session cookie; sign in again"));
        }
        try {
            return signedIn(login.refresh(refreshToken, client()));
        } catch (Rejected rejected) {
            if (rejected.reason() != Rejected.Reason.UNAUTHORIZED) {
                throw rejected;
            }
            return refused(rejected);
        }
    }

    @POST
    @Path("logout")
    @Authenticated
    @Operation(summary = "End the console's session, as /auth/logout, and clear its cookie")
    public Response logout() {
        login.logout(current.get(), token.get().tokenId(), token.get().expiresAt(), client());
        return Response.noContent().header(HttpHeaders.SET_COOKIE, cookie().cleared()).build();
    }

    /** A session (its refresh token as the cookie), or the ticket of the step still to do (no cookie). */
    private Response answer(LoginService.LoginResult result) {
        return result.session().map(this::signedIn)
                .orElseGet(() -> Response.ok(TokenResponse.pending(result.pending().orElseThrow())).build());
    }

    private Response signedIn(LoginService.Session session) {
        String cookie = cookie().holding(session.refreshToken(), AuthResource.secondsUntil(session.refreshTokenExpiresAt()));
        return Response.ok(AuthResource.tokens(session).withoutRefreshToken())
                .header(HttpHeaders.SET_COOKIE, cookie)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /** The 401 problem of a refresh that failed; the browser drops the cookie, which can no longer serve. */
    private Response refused(Rejected rejected) {
        return Response.fromResponse(new RejectedMapper().toResponse(rejected)).header(HttpHeaders.SET_COOKIE, cookie().cleared()).build();
    }

    private RefreshCookie cookie() {
        // the base URI's path ends with the application's path and a slash: /api/v2/
        return RefreshCookie.forRequest(uri.getBaseUri().getRawPath() + "auth/session", http.isSecure(), publicUrl);
    }

    private LoginService.Client client() {
        return new LoginService.Client(clientAddresses.of(http), http.getHeader(HttpHeaders.USER_AGENT));
    }
}
