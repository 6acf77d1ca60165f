package org.arroyo.camel.runner;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.arroyo.camel.operator.RoiCut;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo pipeline with its live view, in Debian's headless Chromium driven by Selenium (Debian's chromedriver;
 * Selenium Manager never runs, nothing is downloaded): the frame image shows the simulated detector's rings (pixels
 * of the screenshot, brighter on each ring than between them), the plotted curve peaks where the ROI cut of the
 * frame shown puts it (the page's DOM and the orange line in the screenshot), and the counters advance. Screenshots
 * go to target/live-view/.
 */
class LiveViewBrowserIT {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Path SHOTS = Path.of("target/live-view");
    private static final String VIEW = "section[data-view='sas-reduction'] ";
    // the demo's ROI cut: bandHeight 16, centred on a 1024-row frame
    private static final int ROW_START = 1024 / 2 - 8;
    private static final int ROW_END = ROW_START + 16;
    // SimulatedDetector's beam centre
    private static final double CX = SimulatedDetector.WIDTH / 2.0;
    private static final double CY = SimulatedDetector.HEIGHT / 2.0 + 40;

    @Test
    void theDemosViewShowsTheRingsTheCurvesPeakAndCountersThatAdvance() throws Exception {
        Assumptions.assumeTrue(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "skipped: needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER + ")");
        Files.createDirectories(SHOTS);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        DemoPipeline demo = new DemoPipeline(100_000, 25, Map.of("camel.component.arroyo-view.serverPort", "0"), out);
        Thread runner = new Thread(demo::run, "demo-under-test");
        runner.start();
        ChromeDriver browser = null;
        try {
            String url = await().atMost(Duration.ofSeconds(60)).until(() -> viewUrl(printed), u -> u != null);
            browser = chromium();
            browser.get(url);
            ChromeDriver b = browser;
            await().atMost(Duration.ofSeconds(30)).until(() -> !b.findElements(By.cssSelector(VIEW
                    + "canvas.image[data-array='raw_frame']")).isEmpty() && !peakIndex(b).isEmpty());
            assertTrue(text(b, "table.start").contains("run_name demo"), text(b, "table.start"));
            // the latest curve and the five before it, faded (curveHistory=5)
            await().atMost(Duration.ofSeconds(30)).until(() -> text(b, ".peak").endsWith("6 curves shown"));

            // hold the frame on screen, so the DOM and the screenshot show the same one
            b.findElement(By.cssSelector(VIEW + "input.pause")).click();
            long frameNumber = Long.parseLong(text(b, ".frame-number"));
            int pagePeak = Integer.parseInt(peakIndex(b));
            assertEquals(roiCutPeak(frameNumber), pagePeak, "the page's peak is the ROI cut's of frame " + frameNumber);

            byte[] png = b.getScreenshotAs(OutputType.BYTES);
            Files.write(SHOTS.resolve("demo.png"), png);
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
            ringsShow(shot, b.findElement(By.cssSelector(VIEW + "canvas.image[data-array='raw_frame']")));
            curvePeakShows(shot, b.findElement(By.cssSelector(VIEW + "canvas.curve")), pagePeak);

            // and on again: counters and frames advance
            b.findElement(By.cssSelector(VIEW + "input.pause")).click();
            long frames = Long.parseLong(text(b, ".frames"));
            await().atMost(Duration.ofSeconds(20)).until(() -> Long.parseLong(text(b, ".frames")) > frames + 10
                                                               && Long.parseLong(text(b, ".frame-number")) > frameNumber
                                                               && Double.parseDouble(text(b, ".fps")) > 0);
            Files.write(SHOTS.resolve("demo-later.png"), b.getScreenshotAs(OutputType.BYTES));
        } finally {
            if (browser != null) {
                browser.quit();
            }
            demo.requestStop();
            runner.join(60_000);
        }
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("stop: {num_frames="), printed.toString());
    }

    private static ChromeDriver chromium() throws Exception {
        // an explicit driver and browser: Selenium Manager has nothing to look up or download
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--force-device-scale-factor=1",
                "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory(SHOTS.toAbsolutePath(), "chromium-profile-"));
        return new ChromeDriver(service, options);
    }

    private static String viewUrl(ByteArrayOutputStream printed) {
        Matcher m = Pattern.compile("live view: (http://\\S+)").matcher(printed.toString(StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : null;
    }

    private static String text(ChromeDriver b, String selector) {
        return b.findElement(By.cssSelector(VIEW + selector)).getText().trim();
    }

    private static String peakIndex(ChromeDriver b) {
        String v = b.findElement(By.cssSelector(VIEW + ".peak")).getDomAttribute("data-peak-index");
        return v == null ? "" : v;
    }

    /** The column of the largest value of the demo's ROI cut of that frame, computed here. */
    private static int roiCutPeak(long frameNumber) {
        float[] curve = RoiCut.compute(new SimulatedDetector(42).frame(frameNumber), ROW_START, ROW_END, 4294967295.0);
        int peak = 0;
        for (int i = 1; i < curve.length; i++) {
            peak = curve[i] > curve[peak] ? i : peak;
        }
        return peak;
    }

    /** Mean luminance along circles around the beam centre: each ring is brighter than the gaps beside it. */
    private static void ringsShow(BufferedImage shot, WebElement canvas) {
        Rectangle r = canvas.getRect();
        double ring1 = circle(shot, r, 120);
        double ring2 = circle(shot, r, 240);
        double ring3 = circle(shot, r, 360);
        double gap12 = circle(shot, r, 180);
        double gap23 = circle(shot, r, 300);
        double outside = circle(shot, r, 430);
        String profile = String.format("luminance r=120 %.0f, 180 %.0f, 240 %.0f, 300 %.0f, 360 %.0f, 430 %.0f",
                ring1, gap12, ring2, gap23, ring3, outside);
        assertTrue(ring1 > gap12 + 15 && ring2 > gap12 + 15 && ring2 > gap23 + 15 && ring3 > gap23 + 15
                   && ring3 > outside + 15, "the rings do not show: " + profile);
    }

    private static double circle(BufferedImage shot, Rectangle r, double radius) {
        double sum = 0;
        int n = 0;
        for (int deg = 0; deg < 360; deg += 2) {
            double x = CX + radius * Math.cos(Math.toRadians(deg));
            double y = CY + radius * Math.sin(Math.toRadians(deg));
            boolean gapRows = y >= SimulatedDetector.GAP_ROW_START - 2
                              && y < SimulatedDetector.GAP_ROW_START + SimulatedDetector.GAP_ROWS + 2;
            if (x < 0 || y < 0 || x >= SimulatedDetector.WIDTH || y >= SimulatedDetector.HEIGHT || gapRows) {
                continue;
            }
            int sx = (int) (r.getX() + (x + 0.5) / SimulatedDetector.WIDTH * r.getWidth());
            int sy = (int) (r.getY() + (y + 0.5) / SimulatedDetector.HEIGHT * r.getHeight());
            sum += luminance(shot.getRGB(sx, sy));
            n++;
        }
        return sum / n;
    }

    private static double luminance(int rgb) {
        return 0.2126 * (rgb >> 16 & 0xFF) + 0.7152 * (rgb >> 8 & 0xFF) + 0.0722 * (rgb & 0xFF);
    }

    /**
     * The highest point of the latest (orange) curve in the screenshot sits at the peak's index. The band crosses
     * each ring twice, left and right of the beam centre, at nearly the same height: the top rows of orange pixels
     * may hold both crossings, so the peak must be one of the clusters there, not their mean.
     */
    private static void curvePeakShows(BufferedImage shot, WebElement canvas, int peak) {
        Rectangle r = canvas.getRect();
        double scale = r.getWidth() / Double.parseDouble(canvas.getDomAttribute("width"));
        double left = r.getX() + Double.parseDouble(canvas.getDomAttribute("data-plot-left")) * scale;
        double width = Double.parseDouble(canvas.getDomAttribute("data-plot-width")) * scale;
        double top = r.getY() + Double.parseDouble(canvas.getDomAttribute("data-plot-top")) * scale;
        double height = Double.parseDouble(canvas.getDomAttribute("data-plot-height")) * scale;
        int points = Integer.parseInt(canvas.getDomAttribute("data-points"));
        for (int y = (int) top - 2; y < top + height; y++) {
            if (orangeColumns(shot, y, left, width).isEmpty()) {
                continue;
            }
            // the highest orange row and the two below it, grouped into runs of neighbouring columns
            TreeSet<Integer> columns = new TreeSet<>();
            for (int row = y; row < y + 3; row++) {
                columns.addAll(orangeColumns(shot, row, left, width));
            }
            List<Double> clusters = clusterIndices(columns, left, width, points);
            double tolerance = 4 * (points - 1) / width;
            assertTrue(clusters.stream().anyMatch(index -> Math.abs(index - peak) <= tolerance),
                    "no highest orange pixels at the peak's index " + peak + ", they are at indices " + clusters);
            return;
        }
        throw new AssertionError("no orange curve in the screenshot's plot");
    }

    private static List<Integer> orangeColumns(BufferedImage shot, int y, double left, double width) {
        List<Integer> orange = new ArrayList<>();
        for (int x = (int) left; x < left + width; x++) {
            int rgb = shot.getRGB(x, y);
            int red = rgb >> 16 & 0xFF;
            int green = rgb >> 8 & 0xFF;
            int blue = rgb & 0xFF;
            if (red > 200 && green > 110 && green < 200 && blue < 100) {
                orange.add(x);
            }
        }
        return orange;
    }

    /** The curve index at the centre of each run of columns no more than three pixels apart. */
    private static List<Double> clusterIndices(SortedSet<Integer> columns, double left, double width,
                                               int points) {
        List<Double> indices = new ArrayList<>();
        int first = columns.first();
        int last = first;
        for (int x : columns.tailSet(first + 1)) {
            if (x - last > 3) {
                indices.add(((first + last) / 2.0 - left) / width * (points - 1));
                first = x;
            }
            last = x;
        }
        indices.add(((first + last) / 2.0 - left) / width * (points - 1));
        return indices.stream().map(i -> Math.round(i * 10) / 10.0).toList();
    }
}
