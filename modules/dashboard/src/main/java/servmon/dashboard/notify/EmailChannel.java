package servmon.dashboard.notify;

import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

import java.util.List;

/**
 * Sends each alert as one plain-text e-mail to every recipient, through Spring Boot's mail sender ({@code spring.mail.*}).
 * A send that failed on the way (server unreachable, connection dropped, a recipient refused for now) is tried
 * again; a refused login (MailAuthenticationException) or a message that cannot be built (MailParseException) is not.
 */
final class EmailChannel implements NotificationChannel {

    private final JavaMailSender mail;
    private final String from;
    private final List<String> to;

    EmailChannel(JavaMailSender mail, NotifyProperties.Email email) {
        this.mail = mail;
        this.from = email.from();
        this.to = email.to();
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public void send(Alert alert) throws Exception {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to.toArray(String[]::new));
        message.setSubject("[servmon] " + alert.summary());
        message.setText(String.join("\n",
                alert.summary(),
                "",
                "Rule:        " + alert.rule().id(),
                "Server:      " + alert.serverName() + " (id " + alert.serverId() + ")",
                "Group:       " + (alert.group() == null ? "none" : alert.group()),
                "Began:       " + alert.happenedAt(),
                "Raised:      " + alert.raisedAt(),
                "",
                "servmon sends this once per incident; maintenance windows on the Notifications page hold alerts back."));
        try {
            mail.send(message);
        } catch (MailSendException e) {
            throw new TransientDeliveryException(e.getMessage(), e);
        }
    }
}
