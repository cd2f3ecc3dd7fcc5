package org.ssobroker.provisioning;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WelcomeTemplatesTest {

    private final Map<String, String> values = WelcomeTemplates.values("<b>Eve</b> & co", "eve", "eve@x.dk",
            "Acme \"Corp\"");

    @Test
    void substitutesTheKnownPlaceholdersEscaped() {
        assertThat(WelcomeTemplates.html("<p>Hi ${user.name} of ${site.name} (${ user.email })</p>", values))
                .isEqualTo("<p>Hi &lt;b&gt;Eve&lt;/b&gt; &amp; co of Acme &quot;Corp&quot; (eve@x.dk)</p>");
    }

    @Test
    void templatesAreDataNotCode() {
        assertThat(WelcomeTemplates.html("${user.password} {#for x in y}{x}{/for} ${T(java.lang.Runtime)}", values))
                .isEqualTo("${user.password} {#for x in y}{x}{/for} ${T(java.lang.Runtime)}");
        assertThat(WelcomeTemplates.html("$${user.login}$", values)).isEqualTo("$eve$");
    }

    @Test
    void subjectsArePlainTextOnOneLine() {
        assertThat(WelcomeTemplates.subject("Welcome\r\nBcc: all@x.dk ${user.name}", values))
                .isEqualTo("Welcome Bcc: all@x.dk <b>Eve</b> & co");
    }
}
