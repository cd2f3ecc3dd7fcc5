package org.ssobroker.saml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A real Keycloak 26 (the {@code keycloak-quarkus-dist} zip from Maven Central, unpacked by the
 * build into {@code target/}), started in dev mode with an in-memory database on free ports, and
 * configured through its admin REST API. It needs Java 21+ ({@code keycloak.java.home}, Temurin 25
 * on the project's machines); the broker's own build stays on Java 17.
 */
final class KeycloakServer implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-it-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KeycloakServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts Keycloak and waits until it answers (a few tens of seconds). */
    static KeycloakServer start() throws Exception {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak"));
        Path javaHome = Path.of(System.getProperty("keycloak.java.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home.toAbsolutePath() + " (the build "
                    + "unpacks org.keycloak:keycloak-quarkus-dist into target/ before the integration tests)");
        }
        if (!Files.isExecutable(javaHome.resolve("bin/java"))) {
            throw new IllegalStateException("Keycloak 26 needs Java 21+; none at " + javaHome + " (set "
                    + "-Dkeycloak.java.home)");
        }
        int port = freePort();
        int management = freePort();
        Path log = Files.createTempFile("keycloak-it", ".log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--db=dev-mem", "--http-port=" + port, "--http-management-port=" + management,
                "--http-host=127.0.0.1", "--hostname=http://localhost:" + port, "--cache=local")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("JAVA_OPTS_APPEND", "-Xms64m -Xmx512m");
        KeycloakServer server = new KeycloakServer(builder.start(), port, log);
        server.awaitReady(Duration.ofSeconds(180));
        return server;
    }

    String base() {
        return "http://localhost:" + port;
    }

    String samlDescriptor(String realm) {
        return base() + "/realms/" + realm + "/protocol/saml/descriptor";
    }

    private void awaitReady(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited: " + tail());
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + "/realms/master"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.onSpinWait();
            process.waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("Keycloak did not start within " + timeout + ": " + tail());
    }

    /** A realm whose users may carry unmanaged attributes (the access right). */
    void createRealm(String realm) throws Exception {
        admin("POST", "/admin/realms", JSON.writeValueAsString(Map.of("realm", realm, "enabled", true)), 201);
        ObjectNode profile = (ObjectNode) JSON.readTree(admin("GET", "/admin/realms/" + realm + "/users/profile", null,
                200));
        profile.put("unmanagedAttributePolicy", "ENABLED");
        admin("PUT", "/admin/realms/" + realm + "/users/profile", profile.toString(), 200);
    }

    void createGroup(String realm, String name) throws Exception {
        admin("POST", "/admin/realms/" + realm + "/groups", JSON.writeValueAsString(Map.of("name", name)), 201);
    }

    void createUser(String realm, String username, String password, String email, String firstName,
            Map<String, List<String>> attributes, List<String> groups) throws Exception {
        ObjectNode user = JSON.createObjectNode();
        user.put("username", username).put("email", email).put("emailVerified", true).put("firstName", firstName)
                .put("lastName", "Doe").put("enabled", true);
        user.set("attributes", JSON.valueToTree(attributes));
        ArrayNode paths = user.putArray("groups");
        groups.forEach(group -> paths.add("/" + group));
        user.putArray("credentials").addObject().put("type", "password").put("value", password)
                .put("temporary", false);
        admin("POST", "/admin/realms/" + realm + "/users", user.toString(), 201);
    }

    /**
     * A SAML client made the way an admin does it: Keycloak reads the broker's SP metadata (entity
     * id, ACS, signing and encryption certificates), then protocol mappers release the attributes.
     */
    void createSamlClient(String realm, String spMetadata, List<Map<String, Object>> mappers) throws Exception {
        ObjectNode client = (ObjectNode) JSON.readTree(admin("POST", "/admin/realms/" + realm
                + "/client-description-converter", spMetadata, 200, "application/xml"));
        client.set("protocolMappers", JSON.valueToTree(mappers));
        admin("POST", "/admin/realms/" + realm + "/clients", client.toString(), 201);
    }

    /** A SAML protocol mapper of this type and config. */
    static Map<String, Object> mapper(String name, String type, Map<String, String> config) {
        return Map.of("name", name, "protocol", "saml", "protocolMapper", type, "config", config);
    }

    private String admin(String method, String path, String body, int expected) throws Exception {
        return admin(method, path, body, expected, "application/json");
    }

    private String admin(String method, String path, String body, int expected, String contentType)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + token()).timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected && !(expected == 200 && answer.statusCode() == 204)) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        return answer.body();
    }

    /** A fresh admin token per call: they live a minute. */
    private String token() throws Exception {
        String form = "client_id=admin-cli&grant_type=password&username=" + ADMIN + "&password="
                + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base()
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode token = JSON.readTree(answer.body());
        return token.path("access_token").asText();
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        Files.deleteIfExists(log);
    }
}
