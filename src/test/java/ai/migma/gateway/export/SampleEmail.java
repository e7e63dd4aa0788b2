package ai.migma.gateway.export;

import ai.migma.gateway.emails.GeneratedEmails.GeneratedEmail;
import java.time.Instant;
import java.util.UUID;

/** An email as the gateway generates it (emails/EmailComposer), for the converters' tests. */
final class SampleEmail {

    static final String SUBJECT = "Announce our spring sale";
    static final String PREVIEW = "Shop · Announce our spring sale. Everything is 20% off until Sunday.";
    static final String HTML = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>Announce our spring sale</title>
            </head>
            <body style="margin:0;padding:0;background-color:#f3f4f6;">
            <div style="display:none;max-height:0;overflow:hidden;">Shop · Announce our spring sale. Everything is \
            20% off until Sunday.</div>
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" \
            style="background-color:#f3f4f6;">
            <tr>
            <td align="center" style="padding:24px 12px;">
            <table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" \
            style="width:600px;background-color:#ffffff;">
            <tr>
            <td style="padding:24px 32px;border-top:4px solid #be123c;">
            <img src="https://shop.example/logo.png" alt="Shop" width="140" style="display:block;border:0;" />
            </td>
            </tr>
            <tr>
            <td style="padding:8px 32px 0 32px;">
            <h1 style="margin:0 0 16px 0;font-family:Helvetica,Arial,sans-serif;font-size:26px;line-height:32px;\
            color:#1f2937;">Announce our spring sale</h1>
            <p style="margin:0 0 14px 0;font-family:Helvetica,Arial,sans-serif;font-size:16px;line-height:24px;\
            color:#1f2937;">Hi {{firstName}}, everything is 20% off &amp; more until Sunday.</p>
            </td>
            </tr>
            <tr>
            <td style="padding:8px 32px 24px 32px;">
            <table role="presentation" cellpadding="0" cellspacing="0" border="0">
            <tr>
            <td style="background-color:#be123c;border-radius:6px;">
            <a href="https://shop.example" style="display:inline-block;padding:12px 24px;\
            font-family:Helvetica,Arial,sans-serif;font-size:16px;font-weight:bold;color:#ffffff;\
            text-decoration:none;">Visit Shop</a>
            </td>
            </tr>
            </table>
            </td>
            </tr>
            <tr>
            <td style="padding:16px 32px 24px 32px;border-top:1px solid #e5e7eb;">
            <p style="margin:0;font-family:Helvetica,Arial,sans-serif;font-size:12px;line-height:18px;\
            color:#6b7280;">You receive this email because you subscribed to Shop. \
            <a href="{{unsubscribe_url}}" style="color:#6b7280;">Unsubscribe</a></p>
            </td>
            </tr>
            </table>
            </td>
            </tr>
            </table>
            </body>
            </html>
            """;

    private SampleEmail() {
    }

    static GeneratedEmail email() {
        return new GeneratedEmail(UUID.fromString("6f1c9c1e-4a57-4e43-9a55-1f0f3f5d2b11"),
                UUID.fromString("0b9d2f0e-8f1a-4c55-b2a4-6c7d8e9f0a1b"), "Shop", "completed", SUBJECT, PREVIEW,
                HTML, Instant.parse("2025-03-01T10:00:00Z"));
    }
}
