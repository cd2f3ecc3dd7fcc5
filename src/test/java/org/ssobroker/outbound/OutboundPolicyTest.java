package org.ssobroker.outbound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outbound policy as a unit, with an injected resolver: no DNS, and no connection is ever
 * made (a refused address is refused before anything connects).
 */
class OutboundPolicyTest {

    private final List<String> lookups = new ArrayList<>();

    private HostResolver resolving(Map<String, String> answers) {
        return host -> {
            lookups.add(host);
            String ip = answers.get(host);
            if (ip == null) {
                throw new UnknownHostException(host);
            }
            List<InetAddress> addresses = new ArrayList<>();
            for (String one : ip.split(" ")) {
                addresses.add(InetAddress.getByName(one)); // literals: no lookup
            }
            return addresses;
        };
    }

    private OutboundPolicy strict(String host, String ip) {
        return new OutboundPolicy(false, false, resolving(Map.of(host, ip)));
    }

    @ParameterizedTest
    @CsvSource({
            "10.0.0.5,          10.0.0.5 is a private address",
            "172.16.3.4,        172.16.3.4 is a private address",
            "192.168.1.1,       192.168.1.1 is a private address",
            "100.64.0.1,        100.64.0.1 is a private address",
            "fd12:3456::1,      fd12:3456:0:0:0:0:0:1 is a private address",
            "127.0.0.1,         127.0.0.1 is a loopback address",
            "::1,               0:0:0:0:0:0:0:1 is a loopback address",
            "169.254.10.10,     169.254.10.10 is a link-local address",
            "fe80::1,           fe80:0:0:0:0:0:0:1 is a link-local address",
            "224.0.0.1,         224.0.0.1 is a multicast address",
            "0.0.0.0,           0.0.0.0 is an unspecified address",
            "::,                0:0:0:0:0:0:0:0 is an unspecified address",
            "::ffff:10.1.2.3,   10.1.2.3 is a private address",
            "64:ff9b::a9fe:a9fe, 64:ff9b:0:0:0:0:a9fe:a9fe is a cloud metadata address",
            "169.254.169.254,   169.254.169.254 is a cloud metadata address",
            "fd00:ec2::254,     fd00:ec2:0:0:0:0:0:254 is a cloud metadata address"})
    void nonPublicAddressesAreRefusedNamingTheRule(String ip, String reason) {
        assertThatThrownBy(() -> strict("idp.example.com", ip).check("https://idp.example.com/jwks"))
                .isInstanceOf(OutboundRefusedException.class).hasMessage(reason);
    }

    @Test
    void aPublicAddressPassesAndIsTheOneToConnectTo() throws Exception {
        OutboundPolicy.Target target = strict("idp.example.com", "93.184.216.34")
                .check("https://idp.example.com:8443/.well-known/openid-configuration");
        assertThat(target.address()).isEqualTo(InetAddress.getByName("93.184.216.34"));
        assertThat(target.host()).isEqualTo("idp.example.com");
        assertThat(target.port()).isEqualTo(8443);
        assertThat(target.tls()).isTrue();
    }

    @Test
    void oneBadAddressAmongGoodOnesRefusesTheName() {
        assertThatThrownBy(() -> strict("idp.example.com", "93.184.216.34 10.0.0.5").check("https://idp.example.com/"))
                .hasMessage("10.0.0.5 is a private address");
    }

    @Test
    void theFlagAllowsPrivateAddressesButNeverMetadataOnes() {
        OutboundPolicy lenient = new OutboundPolicy(true, true, resolving(Map.of(
                "local", "127.0.0.1", "internal", "10.0.0.5", "metadata", "169.254.169.254", "aws6", "fd00:ec2::254")));
        assertThat(lenient.check("http://local:8080/x").address().isLoopbackAddress()).isTrue();
        assertThat(lenient.check("http://internal/x").port()).isEqualTo(80);
        assertThatThrownBy(() -> lenient.check("http://metadata/latest/meta-data/"))
                .hasMessage("169.254.169.254 is a cloud metadata address");
        assertThatThrownBy(() -> lenient.check("http://aws6/latest/meta-data/"))
                .hasMessage("fd00:ec2:0:0:0:0:0:254 is a cloud metadata address");
        assertThatThrownBy(() -> lenient.check("http://169.254.169.254/latest/meta-data/"))
                .hasMessage("169.254.169.254 is a cloud metadata address");
    }

    @Test
    void httpsOnlyUnlessAllowedAndNoCredentialsInTheUrl() {
        assertThatThrownBy(() -> strict("idp.example.com", "93.184.216.34").check("http://idp.example.com/"))
                .hasMessageEndingWith("must use https");
        assertThatThrownBy(() -> strict("idp.example.com", "93.184.216.34").check("ftp://idp.example.com/"))
                .hasMessageEndingWith("must use https");
        assertThatThrownBy(() -> strict("idp.example.com", "93.184.216.34").check("https://u:p@idp.example.com/"))
                .hasMessageEndingWith("must not carry credentials");
        assertThat(lookups).as("refused before any lookup").isEmpty();
    }

    @Test
    void atSaveAnUnresolvableHostPassesAndABadAddressIsNamed() {
        OutboundPolicy policy = strict("internal.example.com", "10.0.0.5");
        assertThat(policy.problemAtSave("https://elsewhere.example.com/.well-known/openid-configuration")).isEmpty();
        assertThat(policy.problemAtSave("https://internal.example.com/.well-known/openid-configuration"))
                .contains("10.0.0.5 is a private address");
        assertThat(policy.problemAtSave("https://10.0.0.6/jwks")).contains("10.0.0.6 is a private address");
        assertThat(policy.problemAtSave("http://internal.example.com/")).contains("must use https");
    }
}
