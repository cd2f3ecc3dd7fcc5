package org.ssobroker.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import org.ssobroker.support.TestApi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The service's own OpenAPI document: its operations and schemas, from which the fuzz requests are made. */
final class OpenApi {

    record Parameter(String name, String in, String type, String pattern) {
    }

    record Operation(String method, String path, List<Parameter> parameters, Map<String, JsonNode> bodies) {

        String id() {
            return method + " " + path;
        }

        List<Parameter> in(String where) {
            return parameters.stream().filter(p -> p.in().equals(where)).toList();
        }
    }

    private final JsonNode document;

    OpenApi(JsonNode document) {
        this.document = document;
    }

    /** The one place that knows where the document is served: the management interface. */
    static OpenApi load() {
        String json = RestAssured.given().accept("application/json").get(TestApi.management("/q/openapi?format=json"))
                .then().statusCode(200).extract().asString();
        try {
            return new OpenApi(new ObjectMapper().readTree(json));
        } catch (Exception e) {
            throw new IllegalStateException("the OpenAPI document is not JSON", e);
        }
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<Parameter> shared = parameters(path.getValue().path("parameters"));
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                List<Parameter> parameters = new ArrayList<>(shared);
                parameters.addAll(parameters(op.getValue().path("parameters")));
                Map<String, JsonNode> bodies = new LinkedHashMap<>();
                op.getValue().path("requestBody").path("content").fields()
                        .forEachRemaining(c -> bodies.put(c.getKey(), c.getValue().path("schema")));
                operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), parameters, bodies));
            }
        }
        operations.sort(Comparator.comparing(Operation::id));
        return operations;
    }

    /** The schema behind a {@code $ref}, or the schema itself. */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText();
            current = document.at(ref.substring(1));
        }
        return current;
    }

    /** The object schemas of the document: what an untyped JSON body (Jackson's JsonNode) is filled from. */
    List<JsonNode> objectSchemas() {
        List<JsonNode> schemas = new ArrayList<>();
        document.path("components").path("schemas").fields().forEachRemaining(s -> {
            if (s.getValue().has("properties") && !s.getKey().endsWith("Node") && !s.getKey().endsWith("View")) {
                schemas.add(s.getValue());
            }
        });
        return schemas;
    }

    /** Every property name of every schema: field names worth sending anywhere. */
    List<String> propertyNames() {
        TreeSet<String> names = new TreeSet<>();
        document.path("components").path("schemas").forEach(s -> s.path("properties").fieldNames()
                .forEachRemaining(names::add));
        return List.copyOf(names);
    }

    private static List<Parameter> parameters(JsonNode list) {
        List<Parameter> parameters = new ArrayList<>();
        list.forEach(p -> parameters.add(new Parameter(p.path("name").asText(), p.path("in").asText(),
                p.path("schema").path("type").asText("string"),
                p.path("schema").hasNonNull("pattern") ? p.path("schema").path("pattern").asText() : null)));
        return parameters;
    }
}
