package servmon.dashboard.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Where the dashboard's alerts go in the tests, one of each per test JVM: a webhook on 127.0.0.1 and an in-process
 * SMTP server. The shared test context is pointed at them (DashboardTestSupport): a second context with other
 * notification settings would take over Vaadin's and Spring Security's static state from the shared one.
 */
public final class TestChannels {

    private static WebhookReceiver webhook;
    private static GreenMail smtp;

    private TestChannels() {
    }

    public static synchronized String webhookUrl() {
        return webhook().url();
    }

    public static synchronized int smtpPort() {
        return smtp().getSmtp().getPort();
    }

    static synchronized WebhookReceiver webhook() {
        if (webhook == null) {
            webhook = new WebhookReceiver();
            Runtime.getRuntime().addShutdownHook(new Thread(webhook::close, "test-webhook-stop"));
        }
        return webhook;
    }

    static synchronized GreenMail smtp() {
        if (smtp == null) {
            smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            smtp.start();
            Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop, "test-smtp-stop"));
        }
        return smtp;
    }
}
