package dialtone.simulator.ui;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A snapshot's nodes numbered in document order (depth first, the order of the page source), with
 * element finding. A node's number is stable for as long as the snapshot's generation is.
 */
public final class UiTree {

    /** UiAutomator2's test for a fully qualified resource id ({@code pkg:id/name}). */
    private static final Pattern QUALIFIED_ID = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9._]*:[^/]+/\\S+$");

    private final UiSnapshot snapshot;
    private final List<UiNode> nodes = new ArrayList<>();
    /** Exclusive end of each node's subtree in {@link #nodes}. */
    private final List<Integer> subtreeEnd = new ArrayList<>();
    /** Each node's position among its parent's children (the page source's {@code index}). */
    private final List<Integer> indexInParent = new ArrayList<>();
    private Document dom;
    private Map<Node, Integer> domIndex;
    private List<Element> domElements;

    private UiTree(UiSnapshot snapshot) {
        this.snapshot = snapshot;
        number(snapshot.root(), 0);
    }

    public static UiTree of(UiSnapshot snapshot) {
        return new UiTree(snapshot);
    }

    private void number(UiNode n, int position) {
        int me = nodes.size();
        nodes.add(n);
        subtreeEnd.add(-1);
        indexInParent.add(position);
        for (int i = 0; i < n.children().size(); i++) {
            number(n.children().get(i), i);
        }
        subtreeEnd.set(me, nodes.size());
    }

    public UiSnapshot snapshot() {
        return snapshot;
    }

    public int size() {
        return nodes.size();
    }

    /** The node numbered {@code index}; 0 is the root. */
    public UiNode node(int index) {
        return nodes.get(index);
    }

    /**
     * Numbers of the nodes the locator finds, in document order. With {@code scope >= 0} only
     * that node's descendants are searched (XPath is evaluated with it as the context node).
     *
     * @param appPackage completes bare ids ({@code next} → {@code appPackage:id/next}); when
     *                   null, the package of the screen's root node (the foreground app) is used
     * @throws InvalidSelectorException if the XPath is malformed or selects something other than elements
     */
    public List<Integer> findAll(Locator locator, int scope, String appPackage) {
        int from = scope < 0 ? 0 : scope + 1;
        int to = scope < 0 ? nodes.size() : subtreeEnd.get(scope);
        List<Integer> found = new ArrayList<>();
        switch (locator.strategy()) {
            case ID -> {
                String id = qualifiedId(locator.value(), appPackage);
                collect(found, from, to, n -> n.resourceId().equals(id));
            }
            case ACCESSIBILITY_ID -> collect(found, from, to, n -> n.contentDesc().equals(locator.value()));
            case CLASS_NAME -> collect(found, from, to, n -> n.className().equals(locator.value()));
            case XPATH -> found.addAll(xpath(locator.value(), scope));
            case ANDROID_UIAUTOMATOR -> found.addAll(UiSelectorQuery.parse(locator.value()).find(this, from, to));
        }
        return found;
    }

    /** Exclusive end of node {@code index}'s subtree: its descendants are {@code (index, subtreeEnd)}. */
    int subtreeEnd(int index) {
        return subtreeEnd.get(index);
    }

    /** Node {@code index}'s position among its parent's children (the page source's {@code index}). */
    int indexInParent(int index) {
        return indexInParent.get(index);
    }

    /** The resource id a {@code id} locator means: bare names get {@code pkg:id/} in front. */
    public String qualifiedId(String value, String appPackage) {
        if (QUALIFIED_ID.matcher(value).matches()) {
            return value;
        }
        String pkg = appPackage == null || appPackage.isBlank() ? snapshot.root().packageName() : appPackage;
        return pkg + ":id/" + value;
    }

    private void collect(List<Integer> found, int from, int to, java.util.function.Predicate<UiNode> p) {
        for (int i = from; i < to; i++) {
            if (p.test(nodes.get(i))) {
                found.add(i);
            }
        }
    }

    private List<Integer> xpath(String expression, int scope) {
        buildDom();
        Object context = scope < 0 ? dom : domElements.get(scope);
        NodeList result;
        try {
            result = (NodeList) XPathFactory.newInstance().newXPath().evaluate(expression, context, XPathConstants.NODESET);
        } catch (XPathExpressionException e) {
            String why = e.getMessage() != null ? e.getMessage()
                    : e.getCause() != null ? e.getCause().getMessage() : "not an XPath 1.0 node-set expression";
            throw new InvalidSelectorException("Invalid XPath expression '" + expression + "': " + why, e);
        }
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < result.getLength(); i++) {
            Node n = result.item(i);
            Integer index = domIndex.get(n);
            if (index != null) {
                found.add(index);
            } else if (n.getNodeType() != Node.ELEMENT_NODE && n.getNodeType() != Node.DOCUMENT_NODE) {
                throw new InvalidSelectorException("XPath expression '" + expression
                        + "' must select elements, but it selected a " + nodeKind(n));
            }
            // the <hierarchy> element and the document itself are not elements of the screen
        }
        found.sort(Integer::compare);
        return found;
    }

    private static String nodeKind(Node n) {
        return switch (n.getNodeType()) {
            case Node.ATTRIBUTE_NODE -> "attribute (" + n.getNodeName() + ")";
            case Node.TEXT_NODE -> "text node";
            default -> "node of type " + n.getNodeType();
        };
    }

    /** The DOM is parsed from the page source itself, so XPath sees exactly what the client sees. */
    private synchronized void buildDom() {
        if (dom != null) {
            return;
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setIgnoringElementContentWhitespace(true);
            byte[] xml = PageSource.toXml(snapshot).getBytes(StandardCharsets.UTF_8);
            Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
            Map<Node, Integer> index = new IdentityHashMap<>();
            List<Element> elements = new ArrayList<>();
            Element hierarchy = d.getDocumentElement();
            for (Node c = hierarchy.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element e) {
                    walk(e, index, elements);
                }
            }
            if (elements.size() != nodes.size()) {
                throw new IllegalStateException("page source has " + elements.size() + " elements for " + nodes.size() + " nodes");
            }
            domIndex = index;
            domElements = elements;
            dom = d;
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse the page source back into a DOM", e);
        }
    }

    private static void walk(Element e, Map<Node, Integer> index, List<Element> elements) {
        index.put(e, elements.size());
        elements.add(e);
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                walk(child, index, elements);
            }
        }
    }
}
