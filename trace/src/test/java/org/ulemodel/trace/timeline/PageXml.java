// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.trace.timeline;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads a {@link TimelinePage} back as XML for tests (the trace and cli modules share it): it must be well-formed to parse. */
public final class PageXml {
    private PageXml() {
    }

    /** Parses the page; throws when it is not well-formed XML. */
    public static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The nodes {@code xpath} selects. */
    public static NodeList nodes(Document d, String xpath) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, d, XPathConstants.NODESET);
    }

    /** The text content of each node {@code xpath} selects. */
    public static List<String> texts(Document d, String xpath) throws Exception {
        NodeList n = nodes(d, xpath);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.getLength(); i++) {
            out.add(n.item(i).getTextContent());
        }
        return out;
    }

    /** Attribute {@code name} of node {@code i} of {@code n}. */
    public static String attr(NodeList n, int i, String name) {
        return ((Element) n.item(i)).getAttribute(name);
    }
}
