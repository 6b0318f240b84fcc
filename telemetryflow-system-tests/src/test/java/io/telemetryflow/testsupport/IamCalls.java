package io.telemetryflow.testsupport;

import static io.telemetryflow.testsupport.TestEnvironment.call;
import static io.telemetryflow.testsupport.TestEnvironment.json;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

/** IAM API calls of one signed-in user, for the IAM system tests. */
public final class IamCalls {

    public final String token;

    public IamCalls(String token) {
        this.token = token;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return call("GET", path, token, null);
    }

    public HttpResponse<String> post(String path, JsonObjectBuilder body) throws IOException, InterruptedException {
        return call("POST", path, token, body == null ? null : body.build().toString());
    }

    public HttpResponse<String> put(String path, JsonObjectBuilder body) throws IOException, InterruptedException {
        return call("PUT", path, token, body.build().toString());
    }

    public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return call("DELETE", path, token, null);
    }

    /** POSTs and expects 201 with a Location ending in the new id; returns the body. */
    public JsonObject create(String path, JsonObjectBuilder body) throws IOException, InterruptedException {
        HttpResponse<String> response = post(path, body);
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(201);
        JsonObject created = json(response.body());
        String id = created.containsKey("id") ? created.getString("id") : created.getString("userId");
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/" + id));
        return created;
    }

    /** The ids of a list answer's items (only the first page: tests ask with a large limit). */
    public List<String> ids(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return json(response.body()).getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(item -> item.getString("id")).toList();
    }

    public long total(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return json(response.body()).getJsonNumber("total").longValue();
    }

    /** The id of a system role by its name. */
    public String systemRole(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/iam/roles?system=true&limit=200");
        return json(response.body()).getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(role -> role.getString("name").equals(name)).findFirst().orElseThrow().getString("id");
    }

    public static JsonObjectBuilder object() {
        return Json.createObjectBuilder();
    }

    public static JsonArrayBuilder array(String... values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }

    public static JsonObjectBuilder user(String email, String password) {
        JsonObjectBuilder user = object().add("email", email).add("firstName", "Test").add("lastName", "User");
        return password == null ? user : user.add("password", password);
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static List<String> strings(JsonObject object, String member) {
        return object.getJsonArray(member).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    public static String problemField(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonObject problem = json(response.body());
        return problem.containsKey("field") ? problem.getString("field") : null;
    }
}
