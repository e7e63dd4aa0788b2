package ai.migma.gateway.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import ai.migma.gateway.support.UnitTest;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

@UnitTest
class HtmlRendererTest {

    private final HtmlRenderer renderer = new HtmlRenderer();

    @Test
    void writesAPdfWhoseTextIsTheEmails() throws Exception {
        byte[] pdf = renderer.pdf("<html><body><h1>Spring sale</h1><p>Everything &amp; more</p></body></html>",
                700, 990);

        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("Spring sale", "Everything & more");
            assertThat(document.getPage(0).getMediaBox().getWidth()).isEqualTo(700 * 0.75f);
        }
    }

    @Test
    void drawsAPngOfTheAskedSizeWithTheEmailsColours() throws Exception {
        byte[] png = renderer.png("<html><body style=\"margin:0\"><div style=\"background-color:#ff0000;"
                + "height:100px\">x</div></body></html>", 375, 667);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(375);
        assertThat(image.getHeight()).isEqualTo(667);
        assertThat(image.getRGB(200, 50) & 0xffffff).isEqualTo(0xff0000);
        assertThat(image.getRGB(200, 400) & 0xffffff).isEqualTo(0xffffff);

        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(renderer.thumbnail(png, 150)));
        assertThat(thumbnail.getWidth()).isEqualTo(150);
        assertThat(thumbnail.getHeight()).isEqualTo(267);
    }

    @Test
    void fetchesNoRemoteImageStyleSheetOrFont() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            renderer.pdf("<html><head><link rel=\"stylesheet\" href=\"" + base + "/a.css\" />"
                    + "<style>@font-face { font-family: X; src: url(" + base + "/f.ttf); }</style></head>"
                    + "<body><img src=\"" + base + "/logo.png\" /><p style=\"background-image:url(" + base
                    + "/bg.png)\">hi</p></body></html>", 600, 800);
        } finally {
            server.stop(0);
        }
        assertThat(requests).hasValue(0);
    }

    @Test
    void aScreenshotLaysOutOneScreenHoweverTallTheHtml() throws Exception {
        String tall = "<html><body style=\"margin:0\"><div style=\"background-color:#00ff00;height:40px\">top</div>"
                + "<div style=\"height:5000000px\">tall</div><p>bottom</p></body></html>";

        try (PDDocument screen = Loader.loadPDF(renderer.pdf(tall, 375, 667, true))) {
            assertThat(screen.getNumberOfPages()).isEqualTo(1);
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(renderer.png(tall, 375, 667)));
        assertThat(image.getHeight()).isEqualTo(667);
        assertThat(image.getRGB(100, 20) & 0xffffff).isEqualTo(0x00ff00);
    }
}
