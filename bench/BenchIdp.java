import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The benchmark's local fake IdP (JDK only, run as a source file): serves discovery and a JWKS
 * for a key it generates, and writes id_tokens of many distinct users signed with that key.
 * Usage: java BenchIdp.java PORT TOKENS_FILE USERS CLIENT_ID
 */
public class BenchIdp {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path tokensFile = Path.of(args[1]);
        int users = Integer.parseInt(args[2]);
        String clientId = args[3];
        String issuer = "http://localhost:" + port;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();

        String discovery = "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\","
                + "\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/jwks\","
                + "\"userinfo_endpoint\":\"" + issuer + "/userinfo\",\"response_types_supported\":[\"code\"],"
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"alg\":\"RS256\",\"use\":\"sig\",\"kid\":\"bench\",\"n\":\""
                + b64(unsigned(publicKey.getModulus())) + "\",\"e\":\"" + b64(unsigned(publicKey.getPublicExponent()))
                + "\"}]}";
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, discovery));
        server.createContext("/jwks", exchange -> answer(exchange, jwks));
        server.start();

        long now = System.currentTimeMillis() / 1000;
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench\"}".getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String email = "user" + i + "@bench.example";
            String payload = b64(("{\"iss\":\"" + issuer + "\",\"aud\":\"" + clientId + "\",\"sub\":\"u-" + i
                    + "\",\"email\":\"" + email + "\",\"email_verified\":true,\"given_name\":\"User\",\"family_name\":\"" + i
                    + "\",\"groups\":[\"OPS\"],\"iat\":" + now + ",\"exp\":" + (now + 7200) + "}")
                    .getBytes(StandardCharsets.UTF_8));
            signer.initSign(keys.getPrivate());
            signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            lines.add(header + "." + payload + "." + b64(signer.sign()));
        }
        Files.write(tokensFile, lines);
        System.out.println("bench IdP ready on " + issuer + ", " + users + " id_tokens in " + tokensFile);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
