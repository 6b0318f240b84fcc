package io.telemetryflow.auth.web;

import io.telemetryflow.auth.LoginService;
import io.telemetryflow.auth.SignInStep;
import io.telemetryflow.iam.AccessDirectory;
import io.telemetryflow.iam.Caller;
import io.telemetryflow.iam.Permission;
import io.telemetryflow.iam.UserAccess;
import io.telemetryflow.iam.UserAdministration;
import io.telemetryflow.iam.web.CurrentCaller;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.http.ClientAddresses;
import io.telemetryflow.platform.web.Anonymous;
import io.telemetryflow.platform.web.Authenticated;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Sign-in, token refresh, sign-out and the signed-in user's profile. */
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    public record LoginRequest(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 1024) String password) {
    }

    public record ValidateMfaRequest(@NotBlank @Size(max = 4096) String mfaToken, @NotBlank @Size(max = 32) String code) {
    }

    public record RefreshRequest(@NotBlank @Size(max = 100) String refreshToken) {
    }

    public record CompletePasswordChangeRequest(@NotBlank @Size(max = 4096) String passwordChangeToken,
                                                @NotBlank @Size(max = 1024) String newPassword) {
    }

    /**
     * A finished sign-in, or the ticket for the step still to do: the second factor (mfaRequired), or the user's own
     * password (passwordChangeRequired). Absent fields are left out of the JSON.
     */
    public record TokenResponse(String tokenType, String accessToken, Long expiresIn, String refreshToken, Instant refreshTokenExpiresAt,
                                String sessionId, Boolean mfaRequired, String mfaToken, Long mfaTokenExpiresIn,
                                Boolean passwordChangeRequired, String passwordChangeToken, Long passwordChangeTokenExpiresIn, Profile user) {

        /** A finished sign-in: bearer tokens and the user; the ticket fields stay absent. */
        static TokenResponse signedIn(String accessToken, Long expiresIn, String refreshToken, Instant refreshTokenExpiresAt,
                                      String sessionId, Profile user) {
            return new TokenResponse("Bearer", accessToken, expiresIn, refreshToken, refreshTokenExpiresAt, sessionId, null, null, null,
                    null, null, null, user);
        }

        /** The ticket for the second factor, and nothing else. */
        static TokenResponse mfaRequired(String mfaToken, Long mfaTokenExpiresIn) {
            return new TokenResponse(null, null, null, null, null, null, true, mfaToken, mfaTokenExpiresIn, null, null, null, null);
        }

        /** The ticket for choosing one's own password, and nothing else. */
        static TokenResponse passwordChangeRequired(String passwordChangeToken, Long passwordChangeTokenExpiresIn) {
            return new TokenResponse(null, null, null, null, null, null, null, null, null, true, passwordChangeToken,
                    passwordChangeTokenExpiresIn, null);
        }

        /** The ticket of a sign-in step still to do. */
        static TokenResponse pending(LoginService.PendingStep pending) {
            long expiresIn = secondsUntil(pending.expiresAt());
            return pending.step() == SignInStep.MFA ? mfaRequired(pending.token(), expiresIn)
                    : passwordChangeRequired(pending.token(), expiresIn);
        }

        /** The answer without the refresh token, which the console gets as a cookie instead. */
        TokenResponse withoutRefreshToken() {
            return new TokenResponse(tokenType, accessToken, expiresIn, null, refreshTokenExpiresAt, sessionId, mfaRequired, mfaToken,
                    mfaTokenExpiresIn, passwordChangeRequired, passwordChangeToken, passwordChangeTokenExpiresIn, user);
        }
    }

    /**
     * The user; {@code roles} and {@code permissions} hold organization-wide, {@code scopedGrants} only in their place.
     * {@code emailVerified} and {@code mfaEnabled} are in the answer of {@code /auth/me} (the sign-in answers leave them out).
     */
    public record Profile(UUID id, String email, String firstName, String lastName, UUID organizationId, UUID workspaceId,
                          UUID tenantId, List<String> roles, List<String> permissions, List<Grant> scopedGrants,
                          Boolean emailVerified, Boolean mfaEnabled) {
        static Profile of(UserAccess user) {
            return new Profile(user.userId(), user.email(), user.firstName(), user.lastName(), user.organizationId(),
                    user.workspaceId(), user.tenantId(), user.roles().stream().sorted().toList(), names(user.permissions()),
                    user.scopedGrants().stream().map(g -> new Grant(g.workspaceId(), g.tenantId(), names(g.permissions()))).toList(),
                    null, null);
        }

        Profile withAccount(UserAdministration.UserView account) {
            return new Profile(id, email, firstName, lastName, organizationId, workspaceId, tenantId, roles, permissions, scopedGrants,
                    account.emailVerified(), account.mfaEnabled());
        }

        private static List<String> names(Set<Permission> permissions) {
            return permissions.stream().map(Object::toString).sorted().toList();
        }
    }

    /** Permissions held in one workspace (and everything in it) or one tenant, through a narrowed role. */
    public record Grant(UUID workspaceId, UUID tenantId, List<String> permissions) {
    }

    @Inject
    LoginService login;

    @Inject
    AccessDirectory access;

    @Inject
    UserAdministration users;

    @Inject
    CurrentCaller current;

    @Inject
    CurrentAccessToken token;

    @Inject
    ClientAddresses clientAddresses;

    @Context
    HttpServletRequest http;

    @POST
    @Path("login")
    @Anonymous
    @Operation(summary = "Sign in with email and password; returns tokens, or mfaRequired with an MFA ticket, or "
            + "passwordChangeRequired with a password-change ticket (the password was chosen by an administrator)")
    public TokenResponse login(@Valid @NotNull LoginRequest request) {
        return answer(login.login(request.email(), request.password(), client()));
    }

    @POST
    @Path("validate-mfa")
    @Anonymous
    @Operation(summary = "Complete a sign-in with MFA: the mfaToken from login and a TOTP or recovery code; returns tokens, or "
            + "passwordChangeRequired with a password-change ticket")
    public TokenResponse validateMfa(@Valid @NotNull ValidateMfaRequest request) {
        return answer(login.validateMfa(request.mfaToken(), request.code().strip(), client()));
    }

    @POST
    @Path("complete-password-change")
    @Anonymous
    @Operation(summary = "Complete a sign-in whose password an administrator chose: the passwordChangeToken from login or "
            + "validate-mfa and the user's own new password (policy applies, must differ from the current one); returns tokens")
    public TokenResponse completePasswordChange(@Valid @NotNull CompletePasswordChangeRequest request) {
        return tokens(login.completePasswordChange(request.passwordChangeToken(), request.newPassword(), client()));
    }

    @POST
    @Path("refresh")
    @Anonymous
    @Operation(summary = "Exchange a refresh token for new tokens (the presented one is used up; reusing it ends the session)")
    public TokenResponse refresh(@Valid @NotNull RefreshRequest request) {
        return tokens(login.refresh(request.refreshToken(), client()));
    }

    @POST
    @Path("logout")
    @Authenticated
    @Operation(summary = "End this session: the refresh token stops working and the access token is denied until it expires")
    public Response logout() {
        login.logout(current.get(), token.get().tokenId(), token.get().expiresAt(), client());
        return Response.noContent().build();
    }

    @GET
    @Path("me")
    @Authenticated
    @Operation(summary = "The signed-in user, with roles and effective permissions, and whether the email is verified and MFA on")
    public Profile me() {
        Caller caller = current.get();
        Profile profile = access.find(caller.userId()).map(Profile::of).orElseThrow(() -> Rejected.unauthorized("the account no longer exists"));
        return profile.withAccount(users.user(caller, caller.userId()));
    }

    private static TokenResponse answer(LoginService.LoginResult result) {
        return result.session().map(AuthResource::tokens).orElseGet(() -> TokenResponse.pending(result.pending().orElseThrow()));
    }

    static TokenResponse tokens(LoginService.Session session) {
        return TokenResponse.signedIn(session.accessToken(), secondsUntil(session.accessTokenExpiresAt()), session.refreshToken(),
                session.refreshTokenExpiresAt(), session.sessionId().toString(), Profile.of(session.user()));
    }

    private LoginService.Client client() {
        return new LoginService.Client(clientAddresses.of(http), http.getHeader(HttpHeaders.USER_AGENT));
    }

    static long secondsUntil(Instant instant) {
        return Math.max(0, instant.getEpochSecond() - Instant.now().getEpochSecond());
    }
}
