package io.telemetryflow.system;

import static io.telemetryflow.testsupport.IamCalls.object;
import static io.telemetryflow.testsupport.IamCalls.unique;
import static io.telemetryflow.testsupport.IamCalls.uniqueEmail;
import static io.telemetryflow.testsupport.IamCalls.user;
import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.telemetryflow.testsupport.AuditRows;
import io.telemetryflow.testsupport.DeployedEar;
import io.telemetryflow.testsupport.IamCalls;
import io.telemetryflow.testsupport.TestEnvironment;
import io.telemetryflow.testsupport.TestEnvironment.DemoUser;
import io.telemetryflow.testsupport.TestUsers;
import io.telemetryflow.testsupport.WebhookReceiver;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Notification channels on the running server: each webhook-shaped type's test send reaches a local receiver (on a
 * port the test server's allow-list opens) in its vendor's documented shape; email reaches GreenMail; CRUD keeps
 * secrets sealed in PostgreSQL and masked in answers; bad input is a 400 naming the field and changes nothing; a
 * channel of a tenant the caller cannot reach is a 404; changes are audited.
 */
class NotificationChannelIT extends DeployedEar {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(3125, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private static final int PORT = 18491;
    private static final String PASSWORD = "Channel-Test-Passphrase-9";
    private static final String TEST_TITLE = "[TEST] [FIRING:1] TelemetryFlow test notification (info)";
    private static final String TEST_RULE = "00000000-0000-0000-0000-000000000000";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static WebhookReceiver receiver;
    private String admin;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = WebhookReceiver.start(PORT);
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void signIn() throws Exception {
        receiver.reset();
        admin = DemoUser.ADMINISTRATOR.login();
    }

    // --- payloads, one per vendor ------------------------------------------------------------------------

    @Test
    void slackGetsFallbackTextAndBlocks() throws Exception {
        JsonObject result = testSend(channel("slack", object().add("webhookUrl", receiver.url("/services/T000/B000/XXXX"))));
        assertDelivered(result, 200);
        WebhookReceiver.Received request = receiver.next(WAIT);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.target()).isEqualTo("/services/T000/B000/XXXX");
        assertThat(request.header("Content-Type")).hasValue("application/json");
        JsonObject body = json(request.body());
        assertThat(body.getString("text")).isEqualTo(TEST_TITLE);
        assertThat(body.getJsonArray("blocks").getJsonObject(0).getString("type")).isEqualTo("header");
        JsonObject section = body.getJsonArray("blocks").getJsonObject(1).getJsonObject("text");
        assertThat(section.getString("type")).isEqualTo("mrkdwn");
        assertThat(section.getString("text")).contains("This is a test notification from TelemetryFlow.", "Severity: info", "Status: firing");
        JsonObject button = body.getJsonArray("blocks").getJsonObject(3).getJsonArray("elements").getJsonObject(0);
        assertThat(button.getString("url")).isEqualTo("http://127.0.0.1:8180/alerts");
    }

    @Test
    void teamsGetsAnAdaptiveCardMessage() throws Exception {
        assertDelivered(testSend(channel("teams", object().add("webhookUrl", receiver.url("/workflows/abc/triggers/manual/paths/invoke?sig=s1")))), 200);
        WebhookReceiver.Received request = receiver.next(WAIT);
        assertThat(request.target()).isEqualTo("/workflows/abc/triggers/manual/paths/invoke?sig=s1");
        JsonObject body = json(request.body());
        assertThat(body.getString("type")).isEqualTo("message");
        JsonObject attachment = body.getJsonArray("attachments").getJsonObject(0);
        assertThat(attachment.getString("contentType")).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonObject card = attachment.getJsonObject("content");
        assertThat(card.getString("type")).isEqualTo("AdaptiveCard");
        assertThat(card.getJsonArray("body").getJsonObject(0).getString("text")).isEqualTo(TEST_TITLE);
        assertThat(card.getJsonArray("actions").getJsonObject(0).getString("type")).isEqualTo("Action.OpenUrl");
    }

    @Test
    void pagerDutyGetsAnEventsApiV2Trigger() throws Exception {
        receiver.answer(request -> WebhookReceiver.Answer.of(202, "{\"status\":\"success\",\"message\":\"Event processed\"}"));
        assertDelivered(testSend(channel("pagerduty", object().add("routingKey", "R0UTINGKEY0123456789abcdef012345")
                .add("apiUrl", receiver.url("/v2/enqueue")))), 202);
        WebhookReceiver.Received request = receiver.next(WAIT);
        assertThat(request.target()).isEqualTo("/v2/enqueue");
        JsonObject event = json(request.body());
        assertThat(event.getString("routing_key")).isEqualTo("R0UTINGKEY0123456789abcdef012345");
        assertThat(event.getString("event_action")).isEqualTo("trigger");
        assertThat(event.getString("dedup_key")).isEqualTo(TEST_RULE + "/test");
        JsonObject payload = event.getJsonObject("payload");
        assertThat(payload.getString("summary")).isEqualTo(TEST_TITLE);
        assertThat(payload.getString("severity")).isEqualTo("info");
        assertThat(payload.getString("source")).isEqualTo("TelemetryFlow");
        assertThat(Instant.parse(payload.getString("timestamp"))).isBefore(Instant.now().plusSeconds(1));
        assertThat(payload.getJsonObject("custom_details").getJsonObject("labels").getString("alertname")).isEqualTo("TelemetryFlow test");
    }

    @Test
    void opsgenieGetsAnAlertWithAnAliasAndItsGenieKey() throws Exception {
        receiver.answer(request -> WebhookReceiver.Answer.of(202, "{\"result\":\"Request will be processed\",\"requestId\":\"r1\"}"));
        assertDelivered(testSend(channel("opsgenie", object().add("apiKey", "eb243592-faa2-4ba2-a551q-1afdf565c889")
                .add("region", "eu").add("apiUrl", receiver.url("")))), 202);
        WebhookReceiver.Received request = receiver.next(WAIT);
        assertThat(request.target()).isEqualTo("/v2/alerts");
        assertThat(request.header("Authorization")).hasValue("GenieKey eb243592-faa2-4ba2-a551q-1afdf565c889");
        JsonObject alert = json(request.body());
        assertThat(alert.getString("message")).isEqualTo(TEST_TITLE);
        assertThat(alert.getString("alias")).isEqualTo(TEST_RULE + "/test");
        assertThat(alert.getString("priority")).isEqualTo("P5");
        assertThat(alert.getString("description")).contains("This is a test notification from TelemetryFlow.");
    }

    @Test
    void telegramGetsSendMessageInHtmlMode() throws Exception {
        assertDelivered(testSend(channel("telegram", object().add("botToken", "123456789:AAFakeTokenForTheTest_x")
                .add("chatId", "-1001234567890").add("apiUrl", receiver.url("/")))), 200);
        WebhookReceiver.Received request = receiver.next(WAIT);
        assertThat(request.target()).isEqualTo("/bot123456789:AAFakeTokenForTheTest_x/sendMessage");
        JsonObject body = json(request.body());
        assertThat(body.getString("chat_id")).isEqualTo("-1001234567890");
        assertThat(body.getString("parse_mode")).isEqualTo("HTML");
        assertThat(body.getString("text")).startsWith("<b>" + TEST_TITLE + "</b>\n\n").contains("to check the channel 'telegram channel-");
    }

    @Test
    void discordGetsAnEmbedAndNoMentions() throws Exception {
        receiver.answer(request -> new WebhookReceiver.Answer(204, java.util.Map.of(), ""));
        assertDelivered(testSend(channel("discord", object().add("webhookUrl", receiver.url("/api/webhooks/123/token-abc")))), 204);
        JsonObject body = json(receiver.next(WAIT).body());
        assertThat(body.getJsonObject("allowed_mentions").getJsonArray("parse")).isEmpty();
        JsonObject embed = body.getJsonArray("embeds").getJsonObject(0);
        assertThat(embed.getString("title")).isEqualTo(TEST_TITLE);
        assertThat(embed.getString("url")).isEqualTo("http://127.0.0.1:8180/alerts");
        assertThat(embed.getJsonArray("fields").getJsonObject(0).getString("name")).isEqualTo("Severity");
    }

    @Test
    void theGenericWebhookIsSignedWithTheChannelsSecret() throws Exception {
        String secret = "whsec-" + UUID.randomUUID();
        assertDelivered(testSend(channel("webhook", object().add("url", receiver.url("/hooks/telemetryflow")).add("secret", secret))), 200);
        WebhookReceiver.Received request = receiver.next(WAIT);
        String signature = request.header("X-TelemetryFlow-Signature").orElseThrow();
        assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
        long timestamp = Long.parseLong(signature.substring(2, signature.indexOf(',')));
        assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(60);
        assertThat(signature.substring(signature.indexOf("v1=") + 3)).isEqualTo(hmac(secret, timestamp + "." + request.body()));
        JsonObject body = json(request.body());
        assertThat(body.getString("status")).isEqualTo("firing");
        assertThat(body.getBoolean("test")).isTrue();
        assertThat(body.getString("ruleName")).isEqualTo("TelemetryFlow test notification");
        assertThat(body.getJsonArray("alerts").getJsonObject(0).getJsonObject("labels").getString("alertname")).isEqualTo("TelemetryFlow test");
    }

    @Test
    void emailGoesToEveryRecipientThroughSmtp() throws Exception {
        assertDelivered(testSend(channel("email", object().add("to", Json.createArrayBuilder().add("oncall@example.com").add("lead@example.org")))),
                null);
        assertThat(SMTP.waitForIncomingEmail(10_000, 2)).isTrue();
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo(TEST_TITLE);
        assertThat(List.of(mail.getRecipients(Message.RecipientType.TO)).stream().map(Object::toString))
                .containsExactlyInAnyOrder("oncall@example.com", "lead@example.org");
        assertThat(mail.getContent().toString()).contains("Rule: TelemetryFlow test notification", "Open in TelemetryFlow: http://127.0.0.1:8180/alerts");
    }

    @Test
    void aReceiversAnswerDecidesWhetherTheFailureIsRetryable() throws Exception {
        String slack = channel("slack", object().add("webhookUrl", receiver.url("/services/fail"))).build().toString();
        receiver.answer(request -> WebhookReceiver.Answer.of(503, "busy"));
        JsonObject unavailable = testSend(slack);
        assertThat(unavailable.getBoolean("delivered")).isFalse();
        assertThat(unavailable.getBoolean("retryable")).isTrue();
        assertThat(unavailable.getInt("statusCode")).isEqualTo(503);
        receiver.answer(request -> WebhookReceiver.Answer.of(400, "invalid_payload"));
        JsonObject refused = testSend(slack);
        assertThat(refused.getBoolean("retryable")).isFalse();
        assertThat(refused.getString("error")).isEqualTo("the receiver answered 400: invalid_payload");
    }

    // --- CRUD, secrets, validation, isolation ----------------------------------------------------------

    @Test
    void secretsAreSealedAtRestMaskedInAnswersAndKeptByAnUpdate() throws Exception {
        String token = "T0KEN-" + UUID.randomUUID();
        String secret = "whsec-" + UUID.randomUUID();
        String name = unique("ops webhook");
        HttpResponse<String> created = call("POST", "/notification-channels", admin, channel("webhook",
                object().add("url", receiver.url("/hooks/" + token)).add("secret", secret)).add("name", name)
                .add("templates", object().add("title", "{{ruleName}} is {{status}}")).build().toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject channel = json(created.body());
        String id = channel.getString("id");
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/notification-channels/" + id));
        assertThat(channel.getJsonObject("config").getString("url")).isEqualTo("********");
        assertThat(channel.getJsonObject("config").getString("secret")).isEqualTo("********");
        assertThat(channel.getString("type")).isEqualTo("webhook");
        assertThat(channel.getJsonObject("templates").getString("title")).isEqualTo("{{ruleName}} is {{status}}");
        assertThat(channel.getBoolean("enabled")).isTrue();
        assertThat(created.body()).doesNotContain(token, secret);
        HttpResponse<String> read = call("GET", "/notification-channels/" + id, admin, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).doesNotContain(token, secret).contains("\"url\":\"********\"");
        assertThat(json(call("GET", "/notification-channels?limit=200", admin, null).body()).getJsonArray("items").toString())
                .contains(id).doesNotContain(token, secret);
        try (Connection db = TestEnvironment.postgres();
             PreparedStatement query = db.prepareStatement("SELECT settings, secrets_sealed FROM notification_channels WHERE id = ?")) {
            query.setObject(1, UUID.fromString(id));
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).doesNotContain(token, secret);
                assertThat(row.getString(2)).startsWith("v1:").doesNotContain(token, secret);
            }
        }

        // an update that sends back what it read: masked secrets stay as stored
        JsonObject update = Json.createObjectBuilder(json(read.body())).add("name", name + " renamed").add("enabled", false).build();
        HttpResponse<String> updated = call("PUT", "/notification-channels/" + id, admin, update.toString());
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(json(updated.body()).getString("name")).isEqualTo(name + " renamed");
        assertThat(json(updated.body()).getBoolean("enabled")).isFalse();
        HttpResponse<String> tested = call("POST", "/notification-channels/" + id + "/test", admin, null);
        assertThat(tested.statusCode()).isEqualTo(200);
        assertDelivered(json(tested.body()), 200);
        WebhookReceiver.Received request = receiver.next(WAIT);
        assertThat(request.target()).isEqualTo("/hooks/" + token);
        String signature = request.header("X-TelemetryFlow-Signature").orElseThrow();
        long timestamp = Long.parseLong(signature.substring(2, signature.indexOf(',')));
        assertThat(signature).endsWith("v1=" + hmac(secret, timestamp + "." + request.body()));
        assertThat(json(request.body()).getString("title")).isEqualTo("TelemetryFlow test notification is firing");

        JsonObject audited = AuditRows.awaitNewest(admin, "/audit/logs?eventType=DATA&action=notification-channel.update&resource=notification-channels/" + id);
        assertThat(audited.getJsonObject("metadata").getString("name")).isEqualTo(name + " renamed");
        assertThat(audited.toString()).doesNotContain(token, secret);
        AuditRows.awaitNewest(admin, "/audit/logs?eventType=DATA&action=notification-channel.test&resource=notification-channels/" + id);

        assertThat(call("DELETE", "/notification-channels/" + id, admin, null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/notification-channels/" + id, admin, null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/notification-channels/" + id + "/test", admin, null).statusCode()).isEqualTo(404);
        AuditRows.awaitNewest(admin, "/audit/logs?eventType=DATA&action=notification-channel.delete&resource=notification-channels/" + id);
    }

    @Test
    void badInputIsA400NamingTheFieldAndChangesNothing() throws Exception {
        long before = total(admin);
        String url = receiver.url("/x");
        assertRejected(object().add("type", "slack").add("config", object().add("webhookUrl", url)), "name");
        assertRejected(object().add("name", "n").add("type", "sms"), "type");
        assertRejected(object().add("name", "n").add("type", "slack").add("config", object()), "config.webhookUrl");
        assertRejected(object().add("name", "n").add("type", "slack").add("config", object().add("webhookUrl", "file:///etc/passwd")), "config.webhookUrl");
        assertRejected(object().add("name", "n").add("type", "slack").add("config", object().add("webhookUrl", url).add("channel", "#ops")),
                "config.channel");
        assertRejected(object().add("name", "n").add("type", "email").add("config", object().add("to", "nobody")), "config.to");
        assertRejected(object().add("name", "n").add("type", "slack").add("config", object().add("webhookUrl", url))
                .add("templates", object().add("body", "{{#firing}}never closed")), "templates.body");
        assertRejected(object().add("name", "n").add("type", "slack").add("config", object().add("webhookUrl", url))
                .add("templates", object().add("title", "{{> /etc/passwd}}")), "templates.title");
        assertRejected(object().add("name", "x".repeat(201)).add("type", "slack").add("config", object().add("webhookUrl", url)), "name");
        assertThat(call("POST", "/notification-channels", admin, "{not json").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/notification-channels/test", admin, object().add("name", "n").add("type", "slack").build().toString())
                .statusCode()).isEqualTo(400);
        assertThat(receiver.pending()).as("nothing was sent").isEmpty();

        String name = unique("taken");
        assertThat(call("POST", "/notification-channels", admin, channel("slack", object().add("webhookUrl", url)).add("name", name)
                .build().toString()).statusCode()).isEqualTo(201);
        HttpResponse<String> duplicate = call("POST", "/notification-channels", admin, channel("slack", object().add("webhookUrl", url))
                .add("name", name.toUpperCase()).build().toString());
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(total(admin)).isEqualTo(before + 1);
    }

    @Test
    void aChannelOfATenantTheCallerCannotReachIsA404() throws Exception {
        IamCalls administrator = new IamCalls(admin);
        String workspace = administrator.create("/iam/workspaces", object().add("name", unique("Channels"))).getString("id");
        String mine = administrator.create("/iam/tenants", object().add("workspaceId", workspace).add("name", unique("mine"))).getString("id");
        String theirs = administrator.create("/iam/tenants", object().add("workspaceId", workspace).add("name", unique("theirs"))).getString("id");
        HttpResponse<String> other = call("POST", "/notification-channels?tenantId=" + theirs, admin,
                channel("slack", object().add("webhookUrl", receiver.url("/theirs"))).build().toString());
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
        String theirChannel = json(other.body()).getString("id");
        assertThat(json(other.body()).getString("tenantId")).isEqualTo(theirs);

        String email = uniqueEmail("channels");
        String userId = administrator.create("/iam/users", user(email, PASSWORD)).getString("id");
        administrator.post("/iam/users/" + userId + "/activate", null);
        administrator.create("/iam/users/" + userId + "/roles", object().add("roleId", administrator.systemRole("Developer")).add("tenantId", mine));
        TestUsers.waivePasswordChange(email);
        String developer = TestEnvironment.login(email, PASSWORD);

        assertThat(call("GET", "/notification-channels/" + theirChannel, developer, null).statusCode()).isEqualTo(404);
        assertThat(call("PUT", "/notification-channels/" + theirChannel, developer,
                channel("slack", object().add("webhookUrl", receiver.url("/taken-over"))).build().toString()).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/notification-channels/" + theirChannel + "/test", developer, null).statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/notification-channels/" + theirChannel, developer, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/notification-channels?tenantId=" + theirs, developer, null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/notification-channels?tenantId=" + theirs, developer,
                channel("slack", object().add("webhookUrl", receiver.url("/x"))).build().toString()).statusCode()).isEqualTo(404);
        assertThat(receiver.pending()).as("nothing was sent for the other tenant").isEmpty();

        HttpResponse<String> own = call("POST", "/notification-channels?tenantId=" + mine, developer,
                channel("slack", object().add("webhookUrl", receiver.url("/mine"))).build().toString());
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        assertThat(json(call("GET", "/notification-channels?tenantId=" + mine, developer, null).body()).getJsonArray("items").toString())
                .contains(json(own.body()).getString("id")).doesNotContain(theirChannel);
        assertThat(call("GET", "/notification-channels/" + theirChannel, admin, null).statusCode()).as("still there").isEqualTo(200);
    }

    @Test
    void aViewerReadsChannelsButCannotChangeOrTestThem() throws Exception {
        String viewer = DemoUser.VIEWER.login();
        assertThat(call("GET", "/notification-channels", viewer, null).statusCode()).isEqualTo(200);
        String slack = channel("slack", object().add("webhookUrl", receiver.url("/viewer"))).build().toString();
        assertThat(call("POST", "/notification-channels", viewer, slack).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/notification-channels/test", viewer, slack).statusCode()).isEqualTo(403);
        assertThat(receiver.pending()).isEmpty();
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static JsonObjectBuilder channel(String type, JsonObjectBuilder config) {
        return object().add("name", unique(type + " channel")).add("type", type).add("config", config);
    }

    private JsonObject testSend(JsonObjectBuilder channel) throws Exception {
        return testSend(channel.build().toString());
    }

    private JsonObject testSend(String channel) throws Exception {
        HttpResponse<String> response = call("POST", "/notification-channels/test", admin, channel);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private static void assertDelivered(JsonObject result, Integer status) {
        assertThat(result.getBoolean("delivered")).as(result.toString()).isTrue();
        if (status == null) {
            assertThat(result.containsKey("statusCode")).as("no status for mail (null fields are left out)").isFalse();
        } else {
            assertThat(result.getInt("statusCode")).isEqualTo(status);
        }
    }

    private void assertRejected(JsonObjectBuilder body, String field) throws Exception {
        HttpResponse<String> response = call("POST", "/notification-channels", admin, body.build().toString());
        assertThat(response.statusCode()).as(field + ": " + response.body()).isEqualTo(400);
        assertThat(IamCalls.problemField(response)).isEqualTo(field);
    }

    private static long total(String token) throws Exception {
        return json(call("GET", "/notification-channels?limit=1", token, null).body()).getJsonNumber("total").longValue();
    }

    static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
