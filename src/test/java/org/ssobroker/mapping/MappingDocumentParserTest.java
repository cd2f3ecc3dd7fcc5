package org.ssobroker.mapping;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappingDocumentParserTest {

    private final MappingDocumentParser parser = new MappingDocumentParser();

    @Test
    void readsTheAccessRightFixture() throws Exception {
        MappingDocument doc = parser.parse(fixture("access-rights-mapping.xml"), 65536);
        assertThat(doc.nodes()).containsExactly("ExternalSystemAccess", "EncodeAccessRight");
        assertThat(doc.rules("ExternalSystemAccess", "EncodeAccessRight", false)).containsExactly(
                new MappingRule("Global Company", java.util.List.of("Admin")),
                new MappingRule("Local Company", java.util.List.of("Sales Manager")),
                new MappingRule("Agency", java.util.List.of("Agency User")));
    }

    @Test
    void splitsGroupValuesOnCommas() throws Exception {
        MappingDocument doc = parser.parse(fixture("groups-mapping.xml"), 65536);
        assertThat(doc.rules("ExternalSystemAccess", "EncodeGroup", true)).containsExactly(
                new MappingRule("Local Company", java.util.List.of("Argentina", "Chile", "Bolivia")),
                new MappingRule("OPS", java.util.List.of("Operations")),
                new MappingRule("QA", java.util.List.of("Quality", "Operations")));
    }

    @Test
    void theNodeNamesAreTheAdminsChoice() throws Exception {
        MappingDocument doc = parser.parse("""
                <Root><Rows><Row><From>a</From><To>A</To><Note>x</Note></Row>
                <Row><From> b </From><To> B </To></Row><Row><From>c</From></Row></Rows></Root>""", 65536);
        assertThat(doc.nodes()).containsExactly("From", "To", "Note");
        assertThat(doc.rules("From", "To", false)).containsExactly(
                new MappingRule("a", java.util.List.of("A")), new MappingRule("b", java.util.List.of("B")));
        assertThat(doc.rules("To", "From", false)).hasSize(2);
    }

    @Test
    void refusesDoctypesExternalEntitiesAndOversizedDocuments() {
        assertThatThrownBy(() -> parser.parse("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", 1000))
                .isInstanceOf(MappingDocumentException.class).hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> parser.parse("<!DOCTYPE x SYSTEM \"http://localhost:1/x.dtd\"><x><a>1</a></x>", 1000))
                .isInstanceOf(MappingDocumentException.class).hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> parser.parse("<x><a>" + "y".repeat(2000) + "</a></x>", 1000))
                .isInstanceOf(MappingDocumentException.class).hasMessageContaining("larger than 1000 bytes");
    }

    @Test
    void refusesEmptyBrokenAndMappinglessDocuments() {
        assertThatThrownBy(() -> parser.parse(" ", 1000)).hasMessage("is empty");
        assertThatThrownBy(() -> parser.parse("<x><a>1</x>", 1000)).hasMessageContaining("not well-formed XML (line 1");
        assertThatThrownBy(() -> parser.parse("<x>text</x>", 1000)).hasMessage("contains no mapping elements");
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = MappingDocumentParserTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void deepNestingIsRefusedWithItsReasonNotAStackOverflow() {
        String deep = "<a>".repeat(50_000) + "<K>x</K><V>y</V>" + "</a>".repeat(50_000);
        assertThatThrownBy(() -> parser.parse(deep, 1_000_000))
                .isInstanceOf(MappingDocumentException.class).hasMessage("nests elements deeper than 32 levels");
        String justTooDeep = "<a>".repeat(32) + "<K>x</K>" + "</a>".repeat(32);
        assertThatThrownBy(() -> parser.parse(justTooDeep, 1_000_000)).hasMessage("nests elements deeper than 32 levels");
    }

    @Test
    void nestingWithinTheCapKeepsDocumentOrder() throws Exception {
        String nested = "<a>".repeat(20) + "<M><K>1</K><V>one</V></M><b><M><K>2</K><V>two</V></M></b><M><K>3</K>"
                + "<V>three</V></M>" + "</a>".repeat(20);
        assertThat(parser.parse(nested, 10_000).records()).extracting(r -> r.get("K")).containsExactly("1", "2", "3");
    }
}
