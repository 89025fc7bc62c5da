package org.bigpicture.core.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bigpicture.core.convert.BadInputException;
import org.junit.jupiter.api.Test;

/** The bounded XML reader behind the XLSX and ODS readers: what it reads, and what it refuses on its own. */
class XmlReaderTest {

    private static XmlReader reader(String xml) throws IOException {
        return reader(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static XmlReader reader(byte[] bytes) throws IOException {
        return new XmlReader("k", "test.xml", new ByteArrayInputStream(bytes));
    }

    /** Tokens as "<name a=…>", "</name>" and "text", text read whole. */
    private static List<String> tokens(XmlReader x) throws IOException {
        List<String> out = new ArrayList<>();
        for (int t; (t = x.next()) != XmlReader.EOF; ) {
            if (t == XmlReader.START) {
                out.add("<" + x.name() + (x.attr("r") != null ? " r=" + x.attr("r") : "") + ">");
            } else if (t == XmlReader.END) {
                out.add("</" + x.name() + ">");
            } else {
                StringBuilder sb = new StringBuilder();
                x.text(sb, 1000);
                out.add(sb.toString());
            }
        }
        return out;
    }

    @Test
    void readsElementsAttributesTextEntitiesAndCdataByLocalName() throws IOException {
        String xml = "\uFEFF<?xml version=\"1.0\"?><!-- a comment --><x:row r='1'><x:c r=\"A&amp;1\"/>"
                + "<v>caf\u00e9 &lt;3&gt; &#x1D11E; &#233;</v><t><![CDATA[<raw> & ]]>tail</t></x:row>";
        assertThat(tokens(reader(xml))).containsExactly("<row r=1>", "<c r=A&1>", "</c>", "<v>",
                "café <3> 𝄞 é", "</v>", "<t>", "<raw> & tail", "</t>", "</row>");
    }

    @Test
    void readsTextSplitAcrossReadsWithoutBreakingCharacters() throws IOException {
        String text = "ħ€𝄞".repeat(40_000);
        byte[] bytes = ("<t>" + text + "</t>").getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7)); // 7 bytes at a time: sequences straddle every read
            }
        };
        XmlReader x = new XmlReader("k", "t.xml", trickle);
        assertThat(x.next()).isEqualTo(XmlReader.START);
        StringBuilder sb = new StringBuilder();
        assertThat(x.text(sb, Integer.MAX_VALUE)).isTrue();
        assertThat(sb.toString()).isEqualTo(text);
    }

    @Test
    void textBeyondTheCallersLimitIsNeverHeld() throws IOException {
        XmlReader x = reader("<t>" + "y".repeat(100_000) + "</t><u/>");
        x.next();
        StringBuilder sb = new StringBuilder();
        assertThat(x.text(sb, 10)).isFalse();
        assertThat(sb.length()).isLessThanOrEqualTo(10);
        assertThat(x.next()).isEqualTo(XmlReader.END);
        assertThat(x.next()).isEqualTo(XmlReader.START);
        assertThat(x.is("u")).isTrue();
    }

    @Test
    void refusesADoctypeEvenWithoutTheWorkbookGuard() throws IOException {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY s SYSTEM \"file:///etc/passwd\">]><x>&s;</x>";
        assertThatThrownBy(() -> tokens(reader(xxe))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("declares a DTD or entities").hasMessageNotContaining("root:");
    }

    @Test
    void refusesUndefinedEntitiesUtf16AndEndlessTags() throws IOException {
        assertThatThrownBy(() -> tokens(reader("<x>&lol9;</x>"))).hasMessageContaining("entity that is not defined");
        assertThatThrownBy(() -> reader("<x/>".getBytes(StandardCharsets.UTF_16LE)))
                .hasMessageContaining("UTF-16");
        String endless = "<x a=\"" + "z".repeat(XmlReader.MAX_TAG_BYTES + 10) + "\">";
        assertThatThrownBy(() -> tokens(reader(endless))).hasMessageContaining("tag longer than");
        assertThatThrownBy(() -> tokens(reader("<x><y"))).hasMessageContaining("ends inside a tag");
    }

    @Test
    void readsCellReferencesWithoutAllocatingAndCapsTheirColumn() throws IOException {
        XmlReader x = reader("<c r=\"XFD1048576\"/><c r=\"ZZZZZZZZZZZZ2\"/><c r=\"A\"/><c r=\"$B$7\"/>");
        x.next();
        assertThat(x.attrCellRef("r", 16383)).isEqualTo(16383);
        assertThat(x.refRow).isEqualTo(1048576);
        x.next();
        x.next();
        assertThat(x.attrCellRef("r", 16383)).isEqualTo(-3);
        x.next();
        x.next();
        assertThat(x.attrCellRef("r", 16383)).isEqualTo(-2);
        x.next();
        x.next();
        assertThat(x.attrCellRef("r", 16383)).isEqualTo(1);
        assertThat(x.refRow).isEqualTo(7);
    }
}
