// SPDX-License-Identifier: BSD-2-Clause
package org.ulemodel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The cost-curve picture is a well-formed SVG that draws every measured point inside its frame and leaves out what was not run. */
class CostCurvesTest {

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<int[]> points(Element polyline) {
        List<int[]> out = new ArrayList<>();
        for (String p : polyline.getAttribute("points").split(" ")) {
            String[] xy = p.split(",");
            out.add(new int[] {Integer.parseInt(xy[0]), Integer.parseInt(xy[1])});
        }
        return out;
    }

    @Test
    void drawsEveryMeasuredPointInsideTheFrameAndSkipsTheRest() throws Exception {
        double[] cpus = {8, 64, 256};
        CostCurves.Panel sim = new CostCurves.Panel("sim <mix>", "CPUs", "ns per event", List.of(
                new CostCurves.Series("model", "#123456", null, cpus, new double[] {770, 2080, 6250}),
                new CostCurves.Series("baseline", "#777", "6 4", cpus, new double[] {85, Double.NaN, 369}),
                new CostCurves.Series("never run", "#000", null, cpus, new double[] {Double.NaN, Double.NaN, Double.NaN})));
        Document d = parse(CostCurves.svg("Cost curves, A & B", List.of(sim)));

        Element root = d.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getTextContent()).contains("Cost curves, A & B", "sim <mix>", "model", "baseline").doesNotContain("never run");
        NodeList lines = root.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline");
        assertThat(lines.getLength()).isEqualTo(2);
        List<int[]> model = points((Element) lines.item(0));
        List<int[]> baseline = points((Element) lines.item(1));
        assertThat(model).hasSize(3);
        assertThat(baseline).hasSize(2); // the NaN point is left out
        Element frame = (Element) root.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").item(1);
        int fx = Integer.parseInt(frame.getAttribute("x"));
        int fy = Integer.parseInt(frame.getAttribute("y"));
        int fw = Integer.parseInt(frame.getAttribute("width"));
        int fh = Integer.parseInt(frame.getAttribute("height"));
        for (int[] p : model) {
            assertThat(p[0]).isBetween(fx, fx + fw);
            assertThat(p[1]).isBetween(fy, fy + fh);
        }
        // log x axis: 8 → 64 and 64 → 256 are 3 and 2 doublings apart
        double first = model.get(1)[0] - model.get(0)[0];
        double second = model.get(2)[0] - model.get(1)[0];
        assertThat(first / second).isCloseTo(1.5, org.assertj.core.data.Offset.offset(0.02));
        // slower is higher up: a larger ns value has a smaller y
        assertThat(model.get(0)[1]).isGreaterThan(model.get(1)[1]);
        assertThat(baseline.get(0)[1]).isGreaterThan(model.get(0)[1]);
    }

    @Test
    void aRunWithoutTheseBenchmarksSaysNotRun() throws Exception {
        List<CostCurves.Panel> panels = new ResultsTable(List.of(), null).curves();
        Document d = parse(CostCurves.svg("nothing", panels));
        assertThat(d.getDocumentElement().getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline").getLength()).isZero();
        assertThat(d.getDocumentElement().getTextContent()).contains("not run");
    }

    @Test
    void axesEndOnOneTwoFiveSteps() {
        assertThat(CostCurves.step125(7.1, false)).isEqualTo(5.0);
        assertThat(CostCurves.step125(7.1, true)).isEqualTo(10.0);
        assertThat(CostCurves.step125(20, false)).isEqualTo(20.0);
        assertThat(CostCurves.step125(20, true)).isEqualTo(20.0);
        assertThat(CostCurves.step125(89, true)).isEqualTo(100.0);
        assertThat(CostCurves.step125(0.13, false)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(CostCurves.number(100_000)).isEqualTo("100k");
        assertThat(CostCurves.number(1_000)).isEqualTo("1,000");
    }
}
