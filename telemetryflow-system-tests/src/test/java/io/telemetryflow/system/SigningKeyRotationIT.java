package io.telemetryflow.system;

import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rotation of the JWT signing key against the deployed EAR (docs/iam.md, "Rotating the signing key"): the standby
 * key, trusted since it was created, signs new tokens at once; tokens signed before stay valid; a second rotation is
 * refused while the new standby key is younger than the time every node needs to read it. Only one test rotates.
 */
class SigningKeyRotationIT extends DeployedEar {

    private static final String ROTATE = "/auth/signing-keys/rotate";

    @Test
    void aRotationSignsNewTokensWithTheStandbyKeyAndEarlierTokensStayValid() throws Exception {
        String superBefore = DemoUser.SUPER_ADMINISTRATOR.login();
        String viewerBefore = DemoUser.VIEWER.login();
        String previousKid = kid(superBefore);
        assertThat(states()).as("ACTIVE and NEXT keys at start").containsEntry(previousKid, "ACTIVE").containsValue("NEXT");
        awaitStandbyKeyKnownEverywhere();

        HttpResponse<String> rotated = call("POST", ROTATE, superBefore, null);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        JsonObject rotation = json(rotated.body());
        String active = rotation.getString("activeKeyId");
        String next = rotation.getString("nextKeyId");
        assertThat(rotation.getString("retiredKeyId")).isEqualTo(previousKid);

        String superAfter = DemoUser.SUPER_ADMINISTRATOR.login();
        assertThat(kid(superAfter)).isEqualTo(active).isNotEqualTo(previousKid);
        assertThat(me(superAfter)).as("a token of the promoted key").isEqualTo(200);
        assertThat(me(superBefore)).as("a token of the retired key").isEqualTo(200);
        assertThat(me(viewerBefore)).as("another user's token of the retired key").isEqualTo(200);
        assertThat(states()).containsEntry(active, "ACTIVE").containsEntry(next, "NEXT").containsEntry(previousKid, "RETIRED");

        // the new standby key is seconds old: a node may not have read it yet, so promoting it now could break sign-in there
        HttpResponse<String> again = call("POST", ROTATE, superAfter, null);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains(next).contains("not yet trusted by every node");
        assertThat(kid(DemoUser.SUPER_ADMINISTRATOR.login())).as("the refused rotation changed nothing").isEqualTo(active);
        assertThat(states()).containsEntry(active, "ACTIVE").containsEntry(next, "NEXT");
    }

    @Test
    void onlyASuperAdministratorRotates() throws Exception {
        Map<String, String> before = states();
        for (DemoUser user : List.of(DemoUser.ADMINISTRATOR, DemoUser.DEVELOPER, DemoUser.VIEWER, DemoUser.DEMO)) {
            assertThat(call("POST", ROTATE, user.login(), null).statusCode()).as(user.name()).isEqualTo(403);
        }
        assertThat(call("POST", ROTATE, null, null).statusCode()).as("anonymous").isEqualTo(401);
        assertThat(states()).as("nothing rotated").isEqualTo(before);
    }

    private static int me(String token) throws Exception {
        return call("GET", "/auth/me", token, null).statusCode();
    }

    private static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    /**
     * Waits until the NEXT key, created at the deployment's start, may be promoted: the key refresh (10 s) plus the
     * clock skew (30 s) after its creation.
     */
    private static void awaitStandbyKeyKnownEverywhere() throws Exception {
        try (Connection db = TestEnvironment.postgres();
             PreparedStatement query = db.prepareStatement(
                     "SELECT ceil(extract(epoch FROM created_at + interval '41 seconds' - now()) * 1000)::bigint FROM signing_keys WHERE state = 'NEXT'");
             ResultSet row = query.executeQuery()) {
            assertThat(row.next()).as("a NEXT key").isTrue();
            Thread.sleep(Math.max(0, row.getLong(1)));
        }
    }

    /** Each stored key's state, by key id. */
    private static Map<String, String> states() throws Exception {
        Map<String, String> states = new HashMap<>();
        try (Connection db = TestEnvironment.postgres();
             PreparedStatement query = db.prepareStatement("SELECT key_id, state FROM signing_keys");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                states.put(rows.getString(1), rows.getString(2));
            }
        }
        return states;
    }
}
