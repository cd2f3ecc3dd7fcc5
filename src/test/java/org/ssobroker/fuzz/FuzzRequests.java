package org.ssobroker.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.jose4j.base64url.Base64Url;
import org.ssobroker.support.RawHttp;
import org.ssobroker.support.TestApi;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Makes one hostile request for an operation of the OpenAPI document: its path parameters
 * valid or hostile, hostile query strings, a JSON body from the operation's schema with fields
 * replaced by wrong types, nulls, huge, deep and control-character values, broken bodies, wrong
 * media types, multipart and form bodies, and every kind of credential. A "clean" request
 * changes nothing but the credential: its expected answer is known exactly.
 */
final class FuzzRequests {

    /** Who is calling. */
    enum Credential {
        ADMIN, APP, USER, NONE, GARBAGE, FORGED;

        boolean valid() {
            return this == ADMIN || this == APP || this == USER;
        }
    }

    /** A request to send, and what is known about it. */
    record Fuzzed(OpenApi.Operation operation, Credential credential, boolean clean, RawHttp.Request request) {
    }

    private static final ObjectMapper JSON = TestApi.JSON;
    private static final String BOUNDARY = "fuzzboundary";
    private static final int MAX_TARGET = 3800;
    private static final List<String> FORM_FIELDS = List.of("grant_type", "client_id", "client_secret", "scope",
            "code", "redirect_uri", "refresh_token", "subject_token", "subject_token_type", "audience",
            "requested_token_type", "email");
    private static final List<String> GRANT_TYPES = List.of("client_credentials", "refresh_token",
            "authorization_code", "urn:ietf:params:oauth:grant-type:token-exchange", "password", "implicit");

    private final OpenApi api;
    private final FuzzFixture fixture;
    private final List<JsonNode> objectSchemas;
    private final List<String> fieldNames;

    FuzzRequests(OpenApi api, FuzzFixture fixture) {
        this.api = api;
        this.fixture = fixture;
        this.objectSchemas = api.objectSchemas();
        this.fieldNames = api.propertyNames();
    }

    Fuzzed make(OpenApi.Operation operation, Credential credential, boolean clean, Random random) {
        boolean hostilePath = !clean && random.nextInt(3) == 0;
        boolean hostileQuery = !clean && random.nextInt(4) == 0;
        boolean hostileBody = !clean && random.nextInt(2) == 0;
        boolean hostileHeaders = !clean && random.nextInt(8) == 0;

        String path = operation.path();
        List<OpenApi.Parameter> pathParameters = new ArrayList<>(operation.in("path"));
        // The valid name of a catalog entry depends on the catalog: choose that first.
        pathParameters.sort(java.util.Comparator.comparing(p -> !p.name().equals("catalog")));
        String catalog = null;
        int hostileIndex = hostilePath ? random.nextInt(Math.max(1, pathParameters.size())) : -1;
        for (int i = 0; i < pathParameters.size(); i++) {
            OpenApi.Parameter parameter = pathParameters.get(i);
            String value = fixture.valid(parameter, catalog, random);
            if (parameter.name().equals("catalog")) {
                catalog = value;
            }
            String segment = i == hostileIndex ? Hostile.pick(random, Hostile.SEGMENTS) : encode(value);
            path = path.replace("{" + parameter.name() + "}", segment);
        }
        String query = query(operation, hostileQuery, random);
        // The request line stays under the server's 4 KB limit: beyond it the answer is a 414 followed by
        // a reset connection (the unread rest of the line), which loses the answer and tests nothing here.
        String target = path + (path.length() + query.length() > MAX_TARGET ? "" : query);

        RawHttp.Request request = RawHttp.Request.of(operation.method(), target);
        request = credentials(request, operation, credential, random);
        if (!operation.bodies().isEmpty()) {
            request = body(request, operation, hostileBody, random);
        }
        if (hostileHeaders) {
            request = random.nextBoolean() ? request.header("Accept", Hostile.pick(random, Hostile.ACCEPTS))
                    : request.header("Content-Type", Hostile.pick(random, Hostile.CONTENT_TYPES));
        }
        return new Fuzzed(operation, credential, clean, request);
    }

    // ------------------------------------------------------------------ query strings

    private String query(OpenApi.Operation operation, boolean hostile, Random random) {
        if (!hostile) {
            return "";
        }
        List<OpenApi.Parameter> declared = operation.in("query");
        if (!declared.isEmpty() && random.nextBoolean()) {
            StringBuilder query = new StringBuilder("?");
            for (OpenApi.Parameter parameter : declared) {
                if (random.nextBoolean()) {
                    String value = encode(Hostile.pick(random, Hostile.STRINGS));
                    query.append(parameter.name()).append('=')
                            .append(value, 0, Math.min(value.length(), 1500)).append('&');
                }
            }
            return query.toString();
        }
        return "?" + Hostile.pick(random, Hostile.QUERIES);
    }

    // ------------------------------------------------------------------ credentials

    private RawHttp.Request credentials(RawHttp.Request request, OpenApi.Operation operation, Credential credential,
            Random random) {
        boolean tokenEndpoint = operation.path().startsWith("/oauth/");
        String value = switch (credential) {
            case ADMIN -> tokenEndpoint ? basic(org.ssobroker.support.TestApi.PLATFORM_CLIENT,
                    org.ssobroker.support.TestApi.PLATFORM_SECRET) : "Bearer " + fixture.platformToken;
            case APP -> tokenEndpoint ? basic(FuzzFixture.APP, fixture.appSecret) : "Bearer " + fixture.appToken;
            case USER -> "Bearer " + fixture.userToken;
            case NONE -> null;
            case GARBAGE -> Hostile.pick(random, List.of("Bearer", "Bearer ", "Bearer x", "Bearer a.b.c",
                    "Bearer " + "A".repeat(9000), "Basic !!!", basic("a", "b"), "Digest x", "Bearer\tx",
                    "Bearer " + fixture.platformToken + "x", "Bearer " + fixture.platformToken.substring(1),
                    "bearer " + fixture.platformToken.replace('.', '_'), "Basic " + "=".repeat(10), "Bearer ...."));
            case FORGED -> forged(random, tokenEndpoint);
        };
        return value == null ? request : request.header("Authorization", value);
    }

    /** Tokens that look right and are not: unsigned, signed by another key, or another client's secret. */
    private String forged(Random random, boolean tokenEndpoint) {
        if (tokenEndpoint) {
            return basic(random.nextBoolean() ? FuzzFixture.APP : TestApi.PLATFORM_CLIENT, "wrong-secret");
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", TestApi.publicBase());
        claims.put("sub", "platform-admin");
        claims.put("client_id", "platform-admin");
        claims.put("jti", "forged-" + random.nextInt(1000));
        claims.put("exp", System.currentTimeMillis() / 1000 + 3600);
        claims.put("scope", "platform_admin site_" + fixture.site + "_admin site_" + fixture.site + "_internalApi");
        claims.put("site", fixture.site);
        if (random.nextBoolean()) {
            String header = Base64Url.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}", "UTF-8");
            String payload = Base64Url.encode(org.jose4j.json.JsonUtil.toJson(claims), "UTF-8");
            return "Bearer " + header + "." + payload + ".";
        }
        return "Bearer " + fixture.idp.signIdToken(claims);
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ bodies

    private RawHttp.Request body(RawHttp.Request request, OpenApi.Operation operation, boolean hostile,
            Random random) {
        List<String> types = new ArrayList<>(operation.bodies().keySet());
        String type = types.get(random.nextInt(types.size()));
        if (hostile && random.nextInt(5) == 0) {
            return request.body(Hostile.pick(random, Hostile.CONTENT_TYPES), Hostile.brokenBody(random));
        }
        if (type.startsWith("multipart/")) {
            return multipart(request, api.resolve(operation.bodies().get(type)), hostile, random);
        }
        if (type.equals("application/x-www-form-urlencoded")) {
            return request.body(type, form(operation, hostile, random));
        }
        if (hostile && random.nextInt(3) == 0) {
            return request.body(type, Hostile.brokenBody(random));
        }
        JsonNode schema = api.resolve(operation.bodies().get(type));
        if (schema.path("properties").has("nodeType")) {
            // Jackson's JsonNode: any JSON; send an object of one of the document's own schemas.
            schema = Hostile.pick(random, objectSchemas);
        }
        Map<String, String> raw = new LinkedHashMap<>();
        JsonNode body = value(schema, "body", 0, random);
        if (hostile) {
            body = mutate(body, raw, random);
        }
        String text = body.toString();
        for (Map.Entry<String, String> replacement : raw.entrySet()) {
            text = text.replace("\"" + replacement.getKey() + "\"", replacement.getValue());
        }
        return request.body(type, text);
    }

    /** A plausible value for a schema: objects with their properties, arrays of one, words for strings. */
    private JsonNode value(JsonNode schema, String name, int depth, Random random) {
        JsonNode resolved = api.resolve(schema);
        String type = resolved.path("type").asText(resolved.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> {
                ObjectNode object = JSON.createObjectNode();
                if (depth < 4) {
                    resolved.path("properties").fields().forEachRemaining(p -> object.set(p.getKey(),
                            value(p.getValue(), p.getKey(), depth + 1, random)));
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = JSON.createArrayNode();
                if (depth < 4) {
                    array.add(value(resolved.path("items"), name, depth + 1, random));
                }
                yield array;
            }
            case "boolean" -> JSON.getNodeFactory().booleanNode(random.nextBoolean());
            case "integer", "number" -> JSON.getNodeFactory().numberNode(random.nextInt(100));
            default -> resolved.has("enum") ? resolved.path("enum").get(random.nextInt(resolved.path("enum").size()))
                    : new TextNode(word(name, random));
        };
    }

    private static String word(String name, Random random) {
        String lower = name.toLowerCase();
        if (lower.endsWith("url") || lower.endsWith("uri") || lower.endsWith("urls") || lower.endsWith("uris")) {
            return "https://app.example.com/after-login";
        }
        return Hostile.pick(random, List.of("x", "main", "Everyone", "Viewer", "openid email", "cognito", "OIDC"));
    }

    /** Replaces one to three places of the document (or adds unknown fields) with hostile values. */
    private JsonNode mutate(JsonNode body, Map<String, String> raw, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(body, containers);
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            JsonNode container = Hostile.pick(random, containers);
            JsonNode replacement;
            if (random.nextBoolean()) {
                replacement = new TextNode(Hostile.pick(random, Hostile.STRINGS));
            } else {
                String placeholder = "__RAW_" + raw.size() + "__";
                raw.put(placeholder, Hostile.pick(random, Hostile.JSON_VALUES));
                replacement = new TextNode(placeholder);
            }
            if (container instanceof ObjectNode object) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                String field = names.isEmpty() || random.nextInt(6) == 0 ? Hostile.pick(random, fieldNames)
                        : Hostile.pick(random, names);
                object.set(field, replacement);
            } else if (container instanceof ArrayNode array) {
                if (array.isEmpty() || random.nextBoolean()) {
                    array.add(replacement);
                } else {
                    array.set(random.nextInt(array.size()), replacement);
                }
            }
        }
        return body;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }

    // ------------------------------------------------------------------ multipart and forms

    private RawHttp.Request multipart(RawHttp.Request request, JsonNode schema, boolean hostile, Random random) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> names = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        int mutation = hostile ? random.nextInt(9) : -1;
        for (String name : names) {
            boolean file = "binary".equals(schema.path("properties").path(name).path("format").asText());
            String content = file ? TestApi.fixture("groups-mapping.xml")
                    : Hostile.pick(random, List.of("cognito:groups", "ExternalSystemAccess", "EncodeGroup"));
            if (hostile && random.nextInt(3) == 0) {
                content = Hostile.pick(random, Hostile.STRINGS);
            }
            String partName = mutation == 0 ? Hostile.pick(random, List.of("", "\u0000", "a\"b", name + "\r\nX: y"))
                    : name;
            write(body, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + partName + "\""
                    + (file ? "; filename=\"" + (mutation == 1 ? "../../etc/passwd" : "mapping.xml") + "\"" : "")
                    + "\r\n" + (mutation == 2 ? "Content-Type: application/x-unknown; charset=bogus\r\n" : "")
                    + "\r\n");
            write(body, mutation == 3 && !file ? "c".repeat(5000) : content);
            write(body, "\r\n");
        }
        if (mutation != 4) {
            write(body, "--" + BOUNDARY + "--\r\n");
        }
        String type = switch (mutation) {
            case 5 -> "multipart/form-data; boundary=";
            case 6 -> "multipart/form-data";
            case 7 -> "multipart/form-data; boundary=other";
            case 8 -> "multipart/form-data; boundary=\"" + BOUNDARY;
            default -> "multipart/form-data; boundary=" + BOUNDARY;
        };
        byte[] bytes = body.toByteArray();
        if (mutation == 4 && bytes.length > 10) {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length - random.nextInt(bytes.length / 2));
        }
        return request.body(type, bytes);
    }

    private String form(OpenApi.Operation operation, boolean hostile, Random random) {
        if (hostile && random.nextInt(4) == 0) {
            return Hostile.pick(random, List.of("%zz", "&&&", "=", "grant_type=%c3%28", "a=1&a=2",
                    "grant_type=client_credentials&grant_type=client_credentials", "email=%", "\u0000",
                    "x".repeat(100_000)));
        }
        StringBuilder form = new StringBuilder();
        for (String field : FORM_FIELDS) {
            if (random.nextInt(3) != 0) {
                continue;
            }
            String value = hostile && random.nextBoolean() ? Hostile.pick(random, Hostile.STRINGS)
                    : validFormValue(field, random);
            form.append(field).append('=').append(encode(value)).append('&');
        }
        return form.toString();
    }

    private String validFormValue(String field, Random random) {
        return switch (field) {
            case "grant_type" -> Hostile.pick(random, GRANT_TYPES);
            case "client_id" -> FuzzFixture.APP;
            case "client_secret" -> fixture.appSecret;
            case "scope" -> "site_" + fixture.site + "_internalApi";
            case "redirect_uri" -> FuzzFixture.REDIRECT;
            case "subject_token" -> fixture.idToken();
            case "subject_token_type" -> "urn:ietf:params:oauth:token-type:id_token";
            case "audience" -> fixture.site + "/" + FuzzFixture.IDP;
            case "requested_token_type" -> "urn:ietf:params:oauth:token-type:access_token";
            case "email" -> "someone@encode.dk";
            default -> "x";
        };
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
