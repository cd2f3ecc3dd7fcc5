package org.ssobroker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Static checks of the Kubernetes manifests under {@code deploy/k8s} (kustomize base and overlays).
 * A plain JUnit test: no Quarkus, no database, no cluster. When {@code kubectl} is on the PATH,
 * {@link #overlaysAdaptTheBaseAndRender()} also renders every kustomization with
 * {@code kubectl kustomize} (offline) and checks the result; without kubectl that extra step is
 * skipped and everything else still runs.
 */
class DeployManifestsTest {

    private static final Path K8S = Path.of("deploy", "k8s");
    private static final Path BASE = K8S.resolve("base");
    private static final Path OVERLAYS = K8S.resolve("overlays");
    private static final String KUSTOMIZATION = "kustomization.yaml";

    private static final ObjectMapper YAML = new YAMLMapper();

    /** Env var names that must never carry a literal value. */
    private static final Pattern SECRET_ENV = Pattern.compile("SECRET|KEY|PASSWORD|USERNAME");
    /** ConfigMap keys that look like secrets. */
    private static final Pattern SECRET_CONFIG_KEY =
            Pattern.compile("SECRET|KEY|PASSWORD|PASSWD|USERNAME|TOKEN|CREDENTIAL", Pattern.CASE_INSENSITIVE);
    /** The one secret-named env var with a literal value: the path of the mounted signing key. */
    private static final String SIGNING_KEY_PATH_ENV = "SSO_BROKER_TOKEN_SIGNING_KEY";

    private static final Map<String, String> PROBE_PATHS = Map.of(
            "startupProbe", "/q/health/started",
            "livenessProbe", "/q/health/live",
            "readinessProbe", "/q/health/ready");

    private record Doc(Path file, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.at("/metadata/name").asText();
        }

        @Override
        public String toString() {
            return file + " (" + kind() + " " + name() + ")";
        }
    }

    // ------------------------------------------------------------------ every file and document

    @Test
    void everyDocumentParsesAndNamesItself() throws IOException {
        List<Path> files = yamlFiles(K8S);
        assertThat(files).as("YAML files under %s", K8S.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(10);

        for (Path file : files) {
            List<Doc> docs = read(file);
            assertThat(docs).as("documents of %s", file).isNotEmpty();
            for (Doc doc : docs) {
                assertThat(doc.node().isObject()).as("%s is a mapping", file).isTrue();
                if (isKustomization(file)) {
                    assertThat(doc.node().path("apiVersion").asText()).as("%s apiVersion", file)
                            .isEqualTo("kustomize.config.k8s.io/v1beta1");
                    assertThat(doc.kind()).as("%s kind", file).isEqualTo("Kustomization");
                    continue;
                }
                assertThat(doc.node().path("apiVersion").asText()).as("%s apiVersion", doc).isNotBlank();
                assertThat(doc.kind()).as("%s kind", doc).isNotBlank();
                assertThat(doc.name()).as("%s metadata.name", doc).isNotBlank();
                // Secrets are created out of band (README); none may be committed, not even empty ones.
                assertThat(doc.kind()).as("%s: no Secret in the repository", doc).isNotEqualTo("Secret");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(text).as("%s holds no key material", file).doesNotContain("-----BEGIN");
        }
    }

    // ------------------------------------------------------------------ the Deployment

    @Test
    void baseDeploymentIsHighlyAvailableProbedLimitedAndHardened() {
        JsonNode deployment = one(BASE, "Deployment").node();
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = mainContainer(deployment);

        assertThat(deployment.at("/spec/replicas").asInt()).as("base replicas").isGreaterThanOrEqualTo(2);

        PROBE_PATHS.forEach((probe, path) -> {
            JsonNode http = container.path(probe).path("httpGet");
            assertThat(http.path("path").asText()).as("%s path", probe).isEqualTo(path);
            assertThat(resolvePort(http.path("port"), container)).as("%s port (management)", probe).isEqualTo(9000);
        });
        assertThat(container.path("ports").findValuesAsText("containerPort")).contains("8080", "9000");
        // Prometheus scrapes the management port; the public port serves no /q/*.
        JsonNode annotations = deployment.at("/spec/template/metadata/annotations");
        assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo("9000");
        assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/q/metrics");

        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertThat(container.at("/resources/" + bound + "/" + resource).asText())
                        .as("resources.%s.%s", bound, resource).isNotBlank();
            }
        }

        JsonNode podSecurity = pod.path("securityContext");
        JsonNode security = container.path("securityContext");
        assertThat(podSecurity.path("runAsNonRoot").asBoolean()).as("pod runAsNonRoot").isTrue();
        assertThat(podSecurity.at("/seccompProfile/type").asText()).as("pod seccomp").isEqualTo("RuntimeDefault");
        assertThat(security.path("runAsNonRoot").asBoolean(podSecurity.path("runAsNonRoot").asBoolean()))
                .as("container runAsNonRoot").isTrue();
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as("readOnlyRootFilesystem").isTrue();
        assertThat(security.has("allowPrivilegeEscalation")).as("allowPrivilegeEscalation set").isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as("allowPrivilegeEscalation").isFalse();
        assertThat(texts(security.at("/capabilities/drop"))).as("capabilities.drop").contains("ALL");
        assertThat(security.path("privileged").asBoolean(false)).as("privileged").isFalse();

        // The read-only root filesystem needs a writable /tmp.
        String tmpVolume = volumeMountedAt(container, "/tmp");
        assertThat(tmpVolume).as("a volume mounted at /tmp").isNotNull();
        assertThat(volume(pod, tmpVolume).has("emptyDir")).as("/tmp is an emptyDir").isTrue();

        // Graceful shutdown: a preStop pause well inside the grace period.
        int grace = pod.path("terminationGracePeriodSeconds").asInt();
        assertThat(grace).as("terminationGracePeriodSeconds").isGreaterThanOrEqualTo(30);
        JsonNode preStop = container.at("/lifecycle/preStop");
        assertThat(preStop.isObject()).as("lifecycle.preStop").isTrue();
        int pause = preStop.has("sleep") ? preStop.at("/sleep/seconds").asInt() : preStopExecSleep(preStop);
        assertThat(pause).as("preStop sleep seconds").isBetween(1, grace - 10);
    }

    @Test
    void secretsAreReferencedNeverWritten() {
        List<Doc> workloads = allDocs().stream().filter(d -> d.node().at("/spec/template/spec").isObject()).toList();
        assertThat(workloads).as("workloads (Deployments and their patches)").isNotEmpty();
        JsonNode basePod = one(BASE, "Deployment").node().at("/spec/template/spec");
        JsonNode baseContainer = mainContainer(one(BASE, "Deployment").node());

        Set<String> checked = new HashSet<>();
        for (Doc doc : workloads) {
            JsonNode pod = doc.node().at("/spec/template/spec");
            for (JsonNode container : iterable(pod.path("containers"))) {
                for (JsonNode env : iterable(container.path("env"))) {
                    String name = env.path("name").asText();
                    if (!SECRET_ENV.matcher(name).find()) {
                        continue;
                    }
                    checked.add(name);
                    if (name.equals(SIGNING_KEY_PATH_ENV)) {
                        // A path into the read-only mount of the Secret sso-broker-signing-key, not the key.
                        JsonNode podWithVolumes = pod.has("volumes") ? pod : basePod;
                        JsonNode containerWithMounts = container.has("volumeMounts") ? container : baseContainer;
                        assertSecretFilePath(doc, env.path("value").asText(), podWithVolumes, containerWithMounts);
                        continue;
                    }
                    JsonNode ref = env.at("/valueFrom/secretKeyRef");
                    assertThat(env.has("value")).as("%s: env %s has a literal value", doc, name).isFalse();
                    assertThat(ref.path("name").asText()).as("%s: env %s secretKeyRef.name", doc, name).isNotBlank();
                    assertThat(ref.path("key").asText()).as("%s: env %s secretKeyRef.key", doc, name).isNotBlank();
                }
                for (JsonNode from : iterable(container.path("envFrom"))) {
                    assertThat(from.has("configMapRef") || from.has("secretRef")).as("%s envFrom %s", doc, from).isTrue();
                }
            }
        }
        assertThat(checked).as("secret settings of the broker").contains(
                "SSO_BROKER_ENCRYPTION_KEY", SIGNING_KEY_PATH_ENV, "SSO_BROKER_SESSION_SECRET",
                "SSO_BROKER_PLATFORM_ADMIN_CLIENT_SECRET", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");

        // The database credentials are the ones CloudNativePG generates for the owner of "app".
        assertThat(secretRef(baseContainer, "QUARKUS_DATASOURCE_USERNAME")).isEqualTo("sso-broker-db-app/username");
        assertThat(secretRef(baseContainer, "QUARKUS_DATASOURCE_PASSWORD")).isEqualTo("sso-broker-db-app/password");
    }

    @Test
    void configMapsHoldNoSecrets() {
        List<Doc> configMaps = allDocs().stream().filter(d -> d.kind().equals("ConfigMap")).toList();
        assertThat(configMaps).isNotEmpty();
        for (Doc doc : configMaps) {
            assertThat(doc.node().has("binaryData")).as("%s binaryData", doc).isFalse();
            doc.node().path("data").fields().forEachRemaining(e -> {
                assertThat(e.getKey()).as("%s: secret-looking key", doc).doesNotContainPattern(SECRET_CONFIG_KEY);
                assertThat(e.getValue().asText().toLowerCase())
                        .as("%s: %s carries no credentials", doc, e.getKey())
                        .doesNotContain("password=", "-----begin")
                        .doesNotContainPattern("://[^/@\\s]+:[^/@\\s]+@");
            });
        }
        JsonNode data = one(BASE, "ConfigMap").node().path("data");
        assertThat(data.path("QUARKUS_DATASOURCE_JDBC_URL").asText()).isEqualTo("jdbc:postgresql://sso-broker-db-rw:5432/app");
        assertThat(data.path("SSO_BROKER_PUBLIC_BASE_URL").asText()).startsWith("https://");
    }

    // ------------------------------------------------------------------ the other base resources

    @Test
    void serviceTargetsPort8080OfThePods() {
        JsonNode deployment = one(BASE, "Deployment").node();
        JsonNode service = one(BASE, "Service").node();
        assertThat(selects(service.at("/spec/selector"), podLabels(deployment))).as("Service selector").isTrue();
        List<Integer> targets = stream(service.at("/spec/ports"))
                .map(p -> resolvePort(p.has("targetPort") ? p.path("targetPort") : p.path("port"), mainContainer(deployment)))
                .toList();
        assertThat(targets).as("Service target ports").containsOnly(8080);
    }

    @Test
    void autoscalerDisruptionBudgetNetworkPolicyAndDatabaseExist() {
        JsonNode deployment = one(BASE, "Deployment").node();
        JsonNode podLabels = podLabels(deployment);

        Doc hpa = one(BASE, "HorizontalPodAutoscaler");
        assertThat(hpa.node().path("apiVersion").asText()).isEqualTo("autoscaling/v2");
        assertThat(hpa.node().at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
        assertThat(hpa.node().at("/spec/scaleTargetRef/name").asText()).isEqualTo(deployment.at("/metadata/name").asText());
        int min = hpa.node().at("/spec/minReplicas").asInt();
        assertThat(min).as("HPA minReplicas").isGreaterThanOrEqualTo(2);
        assertThat(hpa.node().at("/spec/maxReplicas").asInt()).as("HPA maxReplicas").isGreaterThan(min);
        JsonNode cpu = stream(hpa.node().at("/spec/metrics"))
                .filter(m -> m.at("/resource/name").asText().equals("cpu")).findFirst().orElseThrow();
        assertThat(cpu.at("/resource/target/type").asText()).isEqualTo("Utilization");
        assertThat(cpu.at("/resource/target/averageUtilization").asInt()).isEqualTo(70);

        Doc pdb = one(BASE, "PodDisruptionBudget");
        assertThat(pdb.node().path("apiVersion").asText()).isEqualTo("policy/v1");
        assertThat(pdb.node().at("/spec/minAvailable").asInt()).isEqualTo(1);
        assertThat(selects(pdb.node().at("/spec/selector/matchLabels"), podLabels)).as("PDB selector").isTrue();

        JsonNode policy = one(BASE, "NetworkPolicy").node();
        assertThat(selects(policy.at("/spec/podSelector/matchLabels"), podLabels)).as("NetworkPolicy podSelector").isTrue();
        assertThat(texts(policy.at("/spec/policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
        List<JsonNode> ingress = stream(policy.at("/spec/ingress")).toList();
        assertThat(ingress).isNotEmpty();
        for (JsonNode rule : ingress) {
            assertThat(portsOf(rule)).as("ingress ports of %s", rule).hasSize(1).containsAnyOf("TCP/8080", "TCP/9000");
            assertThat(rule.path("from").size()).as("ingress sources of %s", rule).isPositive();
        }
        // The management port (metrics, health, OpenAPI) is reachable from the monitoring namespace only.
        List<JsonNode> management = ingress.stream().filter(r -> portsOf(r).contains("TCP/9000")).toList();
        assertThat(management).hasSize(1);
        JsonNode sources = management.get(0).path("from");
        assertThat(sources.size()).isEqualTo(1);
        assertThat(sources.get(0).has("podSelector")).as("any pod of the monitoring namespace, no other").isFalse();
        assertThat(sources.get(0).at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                .isEqualTo("monitoring");
        List<JsonNode> egress = stream(policy.at("/spec/egress")).toList();
        assertThat(egress).anySatisfy(rule -> {
            assertThat(portsOf(rule)).containsExactly("TCP/5432");
            assertThat(rule.at("/to/0/podSelector/matchLabels/cnpg.io~1cluster").asText()).isEqualTo("sso-broker-db");
        });
        assertThat(egress.stream().flatMap(r -> portsOf(r).stream()))
                .as("egress ports").contains("UDP/53", "TCP/53", "TCP/443", "TCP/5432");
        assertThat(egress).as("HTTPS to anywhere").anySatisfy(rule -> {
            assertThat(portsOf(rule)).contains("TCP/443");
            assertThat(rule.path("to").isMissingNode() || rule.path("to").isEmpty()
                    || rule.findValuesAsText("cidr").contains("0.0.0.0/0")).isTrue();
        });

        Doc cluster = one(BASE, "Cluster");
        assertThat(cluster.node().path("apiVersion").asText()).isEqualTo("postgresql.cnpg.io/v1");
        assertThat(cluster.name()).isEqualTo("sso-broker-db");
        assertThat(cluster.node().at("/spec/instances").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(cluster.node().at("/spec/storage/size").asText()).isNotBlank();
        assertThat(cluster.node().at("/spec/bootstrap/initdb/database").asText()).isEqualTo("app");
        assertThat(cluster.node().at("/spec/bootstrap/initdb/owner").asText()).isEqualTo("app");
    }

    // ------------------------------------------------------------------ kustomizations

    @Test
    void kustomizationsReferenceExistingFilesAndResolvableTargets() {
        List<Path> kustomizations = yamlFiles(K8S).stream().filter(DeployManifestsTest::isKustomization).toList();
        assertThat(kustomizations).as("kustomizations").contains(
                BASE.resolve(KUSTOMIZATION), OVERLAYS.resolve("dev").resolve(KUSTOMIZATION),
                OVERLAYS.resolve("prod").resolve(KUSTOMIZATION));

        Set<Path> referenced = new HashSet<>();
        for (Path kustomization : kustomizations) {
            referenced.add(kustomization.normalize());
            Path dir = kustomization.getParent();
            JsonNode k = read(kustomization).get(0).node();

            for (String resource : texts(k.path("resources"))) {
                Path target = dir.resolve(resource).normalize();
                assertThat(Files.exists(target)).as("%s: resource %s exists", kustomization, resource).isTrue();
                if (Files.isDirectory(target)) {
                    assertThat(target.resolve(KUSTOMIZATION)).as("%s: %s is a kustomization", kustomization, resource).exists();
                } else {
                    referenced.add(target);
                }
            }

            // Patches must exist and hit a resource the kustomization actually pulls in.
            List<Doc> inputs = inputs(dir);
            List<JsonNode> patches = new ArrayList<>(stream(k.path("patches")).toList());
            k.path("patchesStrategicMerge").forEach(p -> patches.add(YAML.createObjectNode().put("path", p.asText())));
            for (JsonNode patch : patches) {
                JsonNode target = patch.path("target");
                if (patch.has("path")) {
                    Path file = dir.resolve(patch.path("path").asText()).normalize();
                    assertThat(file).as("%s: patch file", kustomization).exists();
                    referenced.add(file);
                    if (target.isMissingNode()) {
                        for (Doc doc : read(file)) {
                            assertThat(inputs).as("%s: target of patch %s", kustomization, doc)
                                    .anyMatch(in -> in.kind().equals(doc.kind()) && in.name().equals(doc.name()));
                        }
                    }
                }
                if (!target.isMissingNode()) {
                    assertThat(inputs).as("%s: patch target %s", kustomization, target).anyMatch(in ->
                            (!target.has("kind") || in.kind().equals(target.path("kind").asText()))
                                    && (!target.has("name") || in.name().equals(target.path("name").asText())));
                }
            }

            // `images:` must name an image the resources use.
            Set<String> imageNames = inputs.stream()
                    .flatMap(d -> d.node().findValuesAsText("image").stream())
                    .map(DeployManifestsTest::imageName)
                    .collect(Collectors.toSet());
            for (JsonNode image : iterable(k.path("images"))) {
                assertThat(imageNames).as("%s: images entry %s", kustomization, image).contains(image.path("name").asText());
            }
        }

        // No stray manifest that no kustomization uses.
        assertThat(yamlFiles(K8S).stream().map(Path::normalize).toList())
                .as("YAML files referenced by a kustomization").allMatch(referenced::contains);
    }

    @Test
    void overlaysAdaptTheBaseAndRender() throws Exception {
        Path dev = OVERLAYS.resolve("dev");
        Path prod = OVERLAYS.resolve("prod");
        for (Path overlay : List.of(dev, prod)) {
            JsonNode k = read(overlay.resolve(KUSTOMIZATION)).get(0).node();
            assertThat(texts(k.path("resources"))).as("%s resources", overlay).contains("../../base");
        }
        JsonNode baseDeployment = one(BASE, "Deployment").node();
        JsonNode baseCluster = one(BASE, "Cluster").node();

        // dev: one pod, one PostgreSQL instance, HPA from 1, smaller resources than the base.
        assertThat(patched(dev, "Deployment").at("/spec/replicas").asInt()).as("dev replicas").isEqualTo(1);
        assertThat(patched(dev, "HorizontalPodAutoscaler").at("/spec/minReplicas").asInt()).as("dev HPA min").isEqualTo(1);
        assertThat(patched(dev, "Cluster").at("/spec/instances").asInt()).as("dev CNPG instances").isEqualTo(1);
        JsonNode devResources = mainContainer(patched(dev, "Deployment")).path("resources");
        JsonNode baseResources = mainContainer(baseDeployment).path("resources");
        for (String bound : List.of("requests", "limits")) {
            assertThat(cpu(devResources.at("/" + bound + "/cpu").asText()))
                    .as("dev %s.cpu", bound).isLessThan(cpu(baseResources.at("/" + bound + "/cpu").asText()));
            assertThat(bytes(devResources.at("/" + bound + "/memory").asText()))
                    .as("dev %s.memory", bound).isLessThan(bytes(baseResources.at("/" + bound + "/memory").asText()));
        }

        // prod: at least 2 pods, 3 PostgreSQL instances, a pinned image, its own public URL.
        int prodReplicas = patched(prod, "Deployment").at("/spec/replicas").asInt(baseDeployment.at("/spec/replicas").asInt());
        assertThat(prodReplicas).as("prod replicas").isGreaterThanOrEqualTo(2);
        assertThat(patched(prod, "Cluster").at("/spec/instances").asInt(baseCluster.at("/spec/instances").asInt()))
                .as("prod CNPG instances").isEqualTo(3);
        JsonNode prodHpa = patched(prod, "HorizontalPodAutoscaler");
        assertThat(prodHpa.at("/spec/minReplicas").asInt(2)).as("prod HPA min").isGreaterThanOrEqualTo(2);
        JsonNode images = read(prod.resolve(KUSTOMIZATION)).get(0).node().path("images");
        assertThat(images).as("prod images").anySatisfy(image -> {
            assertThat(image.path("name").asText()).isEqualTo("sso-broker");
            String pin = image.path("newTag").asText(image.path("digest").asText());
            assertThat(pin).as("prod image tag or digest").isNotBlank().isNotEqualTo("latest");
        });
        for (Path overlay : List.of(dev, prod)) {
            assertPublicBaseUrl(patched(overlay, "ConfigMap"), overlay);
            assertForwardedHeadersOnlyFromTrustedProxies(patched(overlay, "ConfigMap"), overlay);
        }
        assertThat(one(BASE, "ConfigMap").node().at("/data/QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING").asText("false"))
                .as("the base trusts no forwarded header (no proxy list there)").isEqualTo("false");

        // Extra check, only where kubectl is installed (it is not a build requirement): render
        // every kustomization offline and check the result. Everything above runs regardless.
        Optional<Path> kubectl = onPath("kubectl");
        if (kubectl.isEmpty()) {
            System.out.println("DeployManifestsTest: kubectl not on PATH, skipping `kubectl kustomize`");
            return;
        }
        Set<String> kinds = Set.of("ConfigMap", "Service", "Deployment", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "NetworkPolicy", "Cluster");
        for (Path dir : List.of(BASE, dev, prod)) {
            String out = kustomize(kubectl.get(), dir);
            assertThat(out).as("kubectl kustomize %s", dir).contains("kind: Deployment");
            List<Doc> rendered = parse(dir, out);
            assertThat(rendered.stream().map(Doc::kind).collect(Collectors.toSet())).as("kinds of %s", dir).isEqualTo(kinds);
            JsonNode deployment = only(rendered, "Deployment").node();
            String image = mainContainer(deployment).path("image").asText();
            JsonNode cluster = only(rendered, "Cluster").node();
            if (!dir.equals(BASE)) {
                assertPublicBaseUrl(only(rendered, "ConfigMap").node(), dir);
            }
            if (dir.equals(dev)) {
                assertThat(deployment.at("/spec/replicas").asInt()).as("rendered dev replicas").isEqualTo(1);
                assertThat(cluster.at("/spec/instances").asInt()).as("rendered dev instances").isEqualTo(1);
            } else if (dir.equals(prod)) {
                assertThat(deployment.at("/spec/replicas").asInt()).as("rendered prod replicas").isGreaterThanOrEqualTo(2);
                assertThat(cluster.at("/spec/instances").asInt()).as("rendered prod instances").isEqualTo(3);
                assertThat(image).as("rendered prod image").contains(":").doesNotEndWith(":latest");
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The overlay sets a real https URL (the base has a .invalid placeholder). */
    private static void assertPublicBaseUrl(JsonNode configMap, Path where) {
        assertThat(configMap.at("/data/SSO_BROKER_PUBLIC_BASE_URL").asText())
                .as("SSO_BROKER_PUBLIC_BASE_URL of %s", where).startsWith("https://").doesNotContain(".invalid");
    }

    private static String kustomize(Path kubectl, Path dir) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("kustomize", ".err");
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                    .redirectError(stderr.toFile())
                    .start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("kubectl kustomize %s finished", dir).isTrue();
            assertThat(process.exitValue()).as("kubectl kustomize %s exit code; stderr: %s", dir, Files.readString(stderr))
                    .isZero();
            return out;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(Pattern.quote(File.pathSeparator)))
                .filter(p -> !p.isBlank())
                .map(p -> Path.of(p, program))
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                .findFirst();
    }

    /** The overlay's strategic-merge patch of the one resource of that kind, or a missing node. */
    private static JsonNode patched(Path overlay, String kind) {
        JsonNode k = read(overlay.resolve(KUSTOMIZATION)).get(0).node();
        return stream(k.path("patches"))
                .filter(p -> p.has("path"))
                .flatMap(p -> read(overlay.resolve(p.path("path").asText())).stream())
                .filter(d -> d.kind().equals(kind))
                .map(Doc::node)
                .findFirst()
                .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }

    /** The resources a kustomization pulls in (before patches), following directories recursively. */
    private static List<Doc> inputs(Path kustomizationDir) {
        JsonNode k = read(kustomizationDir.resolve(KUSTOMIZATION)).get(0).node();
        List<Doc> docs = new ArrayList<>();
        for (String resource : texts(k.path("resources"))) {
            Path target = kustomizationDir.resolve(resource).normalize();
            docs.addAll(Files.isDirectory(target) ? inputs(target) : read(target));
        }
        return docs;
    }

    private static void assertSecretFilePath(Doc doc, String value, JsonNode pod, JsonNode container) {
        assertThat(value).as("%s: %s is a file path", doc, SIGNING_KEY_PATH_ENV).startsWith("/");
        JsonNode mount = stream(container.path("volumeMounts"))
                .filter(m -> value.startsWith(m.path("mountPath").asText() + "/"))
                .findFirst().orElse(null);
        assertThat(mount).as("%s: a volume mounted above %s", doc, value).isNotNull();
        assertThat(mount.path("readOnly").asBoolean()).as("signing key mount read-only").isTrue();
        JsonNode volume = volume(pod, mount.path("name").asText());
        assertThat(volume.at("/secret/secretName").asText()).as("%s: %s comes from a Secret", doc, value).isNotBlank();
    }

    private static String secretRef(JsonNode container, String env) {
        JsonNode ref = stream(container.path("env"))
                .filter(e -> e.path("name").asText().equals(env))
                .findFirst().orElseThrow()
                .at("/valueFrom/secretKeyRef");
        return ref.path("name").asText() + "/" + ref.path("key").asText();
    }

    private static JsonNode mainContainer(JsonNode workload) {
        JsonNode containers = workload.at("/spec/template/spec/containers");
        return stream(containers).filter(c -> c.path("name").asText().equals("sso-broker")).findFirst()
                .orElseThrow(() -> new AssertionError("no container sso-broker in " + workload.at("/metadata/name")));
    }

    private static JsonNode podLabels(JsonNode deployment) {
        JsonNode labels = deployment.at("/spec/template/metadata/labels");
        assertThat(selects(deployment.at("/spec/selector/matchLabels"), labels)).as("Deployment selector").isTrue();
        return labels;
    }

    /** Whether a non-empty matchLabels-style selector matches the labels. */
    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> it = selector.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!labels.path(e.getKey()).asText("\0").equals(e.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    private static int resolvePort(JsonNode port, JsonNode container) {
        if (port.isInt()) {
            return port.asInt();
        }
        String name = port.asText();
        return stream(container.path("ports"))
                .filter(p -> p.path("name").asText().equals(name))
                .map(p -> p.path("containerPort").asInt())
                .findFirst()
                .orElse(-1);
    }

    private static List<String> portsOf(JsonNode rule) {
        return stream(rule.path("ports"))
                .map(p -> p.path("protocol").asText("TCP") + "/" + p.path("port").asText())
                .toList();
    }

    private static String volumeMountedAt(JsonNode container, String path) {
        return stream(container.path("volumeMounts"))
                .filter(m -> m.path("mountPath").asText().equals(path))
                .map(m -> m.path("name").asText())
                .findFirst().orElse(null);
    }

    private static JsonNode volume(JsonNode pod, String name) {
        return stream(pod.path("volumes")).filter(v -> v.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static int preStopExecSleep(JsonNode preStop) {
        List<String> command = texts(preStop.at("/exec/command"));
        return command.size() == 2 && command.get(0).endsWith("sleep") ? Integer.parseInt(command.get(1)) : 0;
    }

    private static double cpu(String quantity) {
        assertThat(quantity).as("cpu quantity").isNotBlank();
        return quantity.endsWith("m")
                ? Double.parseDouble(quantity.substring(0, quantity.length() - 1)) / 1000
                : Double.parseDouble(quantity);
    }

    private static double bytes(String quantity) {
        assertThat(quantity).as("memory quantity").isNotBlank();
        String[][] units = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
                {"k", "1000"}, {"M", "1000000"}, {"G", "1000000000"}, {"T", "1000000000000"}};
        for (String[] unit : units) {
            if (quantity.endsWith(unit[0])) {
                return Double.parseDouble(quantity.substring(0, quantity.length() - unit[0].length()))
                        * Double.parseDouble(unit[1]);
            }
        }
        return Double.parseDouble(quantity);
    }

    private static String imageName(String image) {
        String withoutDigest = image.split("@")[0];
        int slash = withoutDigest.lastIndexOf('/');
        int colon = withoutDigest.lastIndexOf(':');
        return colon > slash ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    private static boolean isKustomization(Path file) {
        return file.getFileName().toString().equals(KUSTOMIZATION);
    }

    private static Doc one(Path dir, String kind) {
        List<Doc> docs = yamlFiles(dir).stream()
                .filter(f -> f.getParent().equals(dir) && !isKustomization(f))
                .flatMap(f -> read(f).stream())
                .toList();
        return only(docs, kind);
    }

    private static Doc only(List<Doc> docs, String kind) {
        List<Doc> matching = docs.stream().filter(d -> d.kind().equals(kind)).toList();
        assertThat(matching).as("exactly one %s", kind).hasSize(1);
        return matching.get(0);
    }

    private static List<Doc> allDocs() {
        return yamlFiles(K8S).stream().filter(f -> !isKustomization(f)).flatMap(f -> read(f).stream()).toList();
    }

    private static List<Path> yamlFiles(Path root) {
        assertThat(root).as("%s (tests run from the project directory)", root.toAbsolutePath()).isDirectory();
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Doc> read(Path file) {
        try {
            return parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All documents of a (multi-document) YAML text; empty documents are dropped. */
    private static List<Doc> parse(Path source, String yaml) {
        List<Doc> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                if (node != null && !node.isNull() && !node.isMissingNode() && !(node.isObject() && node.isEmpty())) {
                    docs.add(new Doc(source, node));
                }
            }
        } catch (IOException e) {
            throw new AssertionError(source + " is not valid YAML: " + e.getMessage(), e);
        }
        return docs;
    }

    /** Forwarding on only with a list of trusted proxies: without one Quarkus would trust every peer. */
    private static void assertForwardedHeadersOnlyFromTrustedProxies(JsonNode configMap, Path overlay) {
        JsonNode data = configMap.path("data");
        if (!data.path("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING").asText("false").equals("true")) {
            return;
        }
        String trusted = data.path("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES").asText("");
        assertThat(trusted).as("%s: trusted proxies", overlay).isNotBlank()
                .doesNotContain("0.0.0.0/0").doesNotContain("::/0");
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        return array::iterator;
    }

    private static List<String> texts(JsonNode array) {
        return stream(array).map(JsonNode::asText).collect(Collectors.toCollection(ArrayList::new));
    }
}
