package ai.migma.gateway.rendering;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.jsoup.nodes.Document;
import org.springframework.stereotype.Component;

/**
 * Lays out email HTML with openhtmltopdf and draws it with PDFBox: a PDF for exports, a PNG of a given width for
 * previews. Nothing is fetched: every external resource (images, style sheets, fonts) is refused, so an email's
 * remote images are left out rather than downloaded, and the fonts are the PDF standard ones.
 */
@Component
public final class HtmlRenderer {

    /** CSS pixels per inch, as browsers count them. */
    private static final float CSS_DPI = 96f;

    /** A PDF of {@code html} on pages {@code widthPx} wide and {@code heightPx} high (CSS pixels). */
    public byte[] pdf(String html, int widthPx, int heightPx) {
        return pdf(html, widthPx, heightPx, false);
    }

    /**
     * {@code firstScreenOnly}: the document is cut to one page, so a screenshot costs one page whatever the HTML's
     * height (a div millions of pixels high would otherwise be laid out as tens of thousands of pages).
     */
    byte[] pdf(String html, int widthPx, int heightPx, boolean firstScreenOnly) {
        Document document = Jsoup.parse(html);
        // Margins are the email's own; the page is the size asked for.
        String css = "@page { size: " + widthPx + "px " + heightPx + "px; margin: 0; }";
        if (firstScreenOnly) {
            css += " html, body { max-height: " + heightPx + "px; overflow: hidden; }";
        }
        document.head().appendElement("style").text(css);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfRendererBuilder builder = new PdfRendererBuilder()
                .withW3cDocument(new W3CDom().fromJsoup(document), null)
                .useExternalResourceAccessControl((uri, type) -> false,
                        ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                .useExternalResourceAccessControl((uri, type) -> false,
                        ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                .toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The first screen of {@code html} as a {@code widthPx} × {@code heightPx} PNG. */
    public byte[] png(String html, int widthPx, int heightPx) {
        return encode(image(html, widthPx, heightPx));
    }

    /** {@code png} scaled to {@code widthPx} wide, its proportions kept. */
    public byte[] thumbnail(byte[] png, int widthPx) {
        try {
            BufferedImage source = ImageIO.read(new java.io.ByteArrayInputStream(png));
            int height = Math.max(1, Math.round(source.getHeight() * (widthPx / (float) source.getWidth())));
            BufferedImage scaled = new BufferedImage(widthPx, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D graphics = scaled.createGraphics();
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.drawImage(source, 0, 0, widthPx, height, null);
            graphics.dispose();
            return encode(scaled);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BufferedImage image(String html, int widthPx, int heightPx) {
        try (PDDocument pdf = Loader.loadPDF(pdf(html, widthPx, heightPx, true))) {
            return new PDFRenderer(pdf).renderImageWithDPI(0, CSS_DPI, ImageType.RGB);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
